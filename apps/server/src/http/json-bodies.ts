import type { FastifyInstance } from 'fastify';
import { normaliseText, textFault } from '@praktijklus/domain';
import { HttpProblem } from '../errors/problem';
import { RequestValidationFailed } from '../errors/request-validation';

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);
const JSON_TYPE = /^application\/json\s*(;|$)/i;
// Keys that reach object prototypes when a body is merged naively somewhere downstream, and the
// names every object inherits (valueOf, toString, ...): the DTO whitelist let those through unseen.
const FORBIDDEN_KEYS = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);
// Cheap pre-check: only bodies that might spell a forbidden key (also via \u escapes) pay for the reviver.
const SUSPICIOUS = new RegExp([...FORBIDDEN_KEYS, '\\\\u'].join('|'));
// Only a body with something beyond printable ASCII, or a \u, \b or \f escape, can hold text the
// rules refuse or that NFC changes: the rest skips the walk.
const NEEDS_TEXT_CHECK = /[^\x20-\x7e\t\n\r]|\\[ubf]/;
// No API body nests anywhere near this; thousands of levels overflowed the stack of the validators (500).
export const MAX_JSON_DEPTH = 32;

/**
 * Bodies are JSON and nothing else: one parser for application/json that refuses prototype keys,
 * and 415 for any other declared or undeclared body type on POST, PUT and PATCH.
 */
export function registerJsonOnlyBodies(fastify: FastifyInstance): void {
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') {
      done(
        new HttpProblem(400, 'MALFORMED_JSON', 'The request body is empty although it is declared as JSON.'),
      );
      return;
    }
    if (nestingDepthExceeds(text, MAX_JSON_DEPTH)) {
      done(
        new HttpProblem(
          400,
          'BODY_TOO_DEEP',
          `The request body nests deeper than ${MAX_JSON_DEPTH} levels of objects and arrays.`,
        ),
      );
      return;
    }
    let parsed: unknown;
    try {
      parsed = SUSPICIOUS.test(text) ? JSON.parse(text, refuseForbiddenKeys) : JSON.parse(text);
    } catch (error) {
      done(error instanceof RequestValidationFailed ? error : malformed());
      return;
    }
    try {
      done(null, NEEDS_TEXT_CHECK.test(text) ? checkedText(parsed, '') : parsed);
    } catch (error) {
      done(error instanceof HttpProblem ? error : malformed());
    }
  });

  fastify.addHook('onRequest', async (request) => {
    if (!BODY_METHODS.has(request.method)) return;
    const hasBody =
      request.headers['transfer-encoding'] !== undefined ||
      Number(request.headers['content-length'] ?? '0') > 0;
    const type = request.headers['content-type'];
    if (hasBody && (type === undefined || !JSON_TYPE.test(type))) {
      throw new HttpProblem(
        415,
        'UNSUPPORTED_MEDIA_TYPE',
        'Request bodies must be JSON (Content-Type: application/json).',
      );
    }
  });
}

/** One pass over the text, skipping strings; brackets inside strings do not nest. */
export function nestingDepthExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (inString) {
      if (char === 0x5c) i++;
      else if (char === 0x22) inString = false;
    } else if (char === 0x22) {
      inString = true;
    } else if (char === 0x7b || char === 0x5b) {
      if (++depth > limit) return true;
    } else if (char === 0x7d || char === 0x5d) {
      depth--;
    }
  }
  return false;
}

function refuseForbiddenKeys(key: string, value: unknown): unknown {
  if (FORBIDDEN_KEYS.has(key)) {
    throw new RequestValidationFailed([
      { field: key, message: `${key} is not an allowed property name`, rule: { key: 'whitelistValidation' } },
    ]);
  }
  return value;
}

/**
 * Every string of a body held to the rules for prose (shared/text.ts) and put in NFC, whatever
 * field it is in: a lone surrogate, a control other than tab or a line break, a bidirectional
 * override or a private-use character is refused before any handler sees it. Single-line fields
 * are held to the stricter rule by the DTOs and the deciders.
 */
function checkedText(value: unknown, path: string): unknown {
  if (typeof value === 'string') {
    const fault = textFault(value, 'prose');
    if (fault === undefined) return normaliseText(value);
    const field = path === '' ? '(body)' : path;
    throw new HttpProblem(400, fault.code, `${field} ${fault.message}.`, {}, [
      { field, message: `${field} ${fault.message}`, rule: { key: fault.code } },
    ]);
  }
  if (Array.isArray(value)) {
    value.forEach((item, index) => (value[index] = checkedText(item, `${path}[${index}]`)));
  } else if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      record[key] = checkedText(record[key], path === '' ? key : `${path}.${key}`);
    }
  }
  return value;
}

function malformed(): HttpProblem {
  return new HttpProblem(400, 'MALFORMED_JSON', 'The request body is not valid JSON.');
}
