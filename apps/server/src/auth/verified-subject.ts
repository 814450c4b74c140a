import type { FastifyRequest } from 'fastify';

/** The `sub` of a request's bearer token when it verifies, else undefined (used to key rate limits). */
export interface VerifiedSubject {
  subjectOf(request: FastifyRequest): Promise<string | undefined>;
}

export const VERIFIED_SUBJECT = Symbol('VerifiedSubject');
