import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { ConnectionError } from 'fastify';
import { problem, PROBLEM_CONTENT_TYPE, type Problem } from '../errors/problem';

/**
 * Node's HTTP parser refuses some requests before Fastify routes them: a request line and headers
 * over `maxHeaderSize` (16 KB; a long query string counts), bytes that are not HTTP, a request not
 * complete within REQUEST_TIMEOUT_MS. Fastify's `clientErrorHandler` writes those answers to the
 * socket itself; this one writes the same problem+json as every other refusal, then closes.
 */
export function answerClientError(error: ConnectionError, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  if (socket.writable) {
    const answer = problemFor(error.code);
    const body = JSON.stringify(answer);
    socket.write(
      [
        `HTTP/1.1 ${answer.status} ${STATUS_CODES[answer.status] ?? ''}`,
        `Content-Type: ${PROBLEM_CONTENT_TYPE}; charset=utf-8`,
        `Content-Length: ${Buffer.byteLength(body)}`,
        'X-Content-Type-Options: nosniff',
        'Cache-Control: no-store',
        'Connection: close',
        '',
        body,
      ].join('\r\n'),
    );
  }
  socket.destroy(error);
}

function problemFor(code: string): Problem {
  switch (code) {
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return problem(408, 'REQUEST_TIMEOUT', 'The request did not arrive in time.');
    // The parser does not say whether the request line or a header broke the limit: one answer.
    case 'HPE_HEADER_OVERFLOW':
      return problem(
        431,
        'HEADERS_TOO_LARGE',
        'The request line and headers are too large (at most 16 KB together, the URL included).',
      );
    default:
      return problem(400, 'MALFORMED_REQUEST', 'The request is not valid HTTP.');
  }
}
