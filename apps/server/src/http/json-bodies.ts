import type { FastifyInstance } from 'fastify';
import { HttpProblem } from '../errors/problem';
import { RequestValidationFailed } from '../errors/request-validation';

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);
const JSON_TYPE = /^application\/json\s*(;|$)/i;
// Keys that reach object prototypes when a body is merged naively somewhere downstream.
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
// Cheap pre-check: only bodies that might spell a forbidden key (also via \u escapes) pay for the reviver.
const SUSPICIOUS = /proto|constructor|\\u/;

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
    try {
      done(null, SUSPICIOUS.test(text) ? JSON.parse(text, refuseForbiddenKeys) : JSON.parse(text));
    } catch (error) {
      done(error instanceof RequestValidationFailed ? error : malformed());
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

function refuseForbiddenKeys(key: string, value: unknown): unknown {
  if (FORBIDDEN_KEYS.has(key)) {
    throw new RequestValidationFailed([{ field: key, message: `${key} is not an allowed property name` }]);
  }
  return value;
}

function malformed(): HttpProblem {
  return new HttpProblem(400, 'MALFORMED_JSON', 'The request body is not valid JSON.');
}
