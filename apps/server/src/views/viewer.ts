import { NotVisible } from '@praktijklus/domain';
import type { Actor } from '@praktijklus/domain';
import type { FastifyRequest } from 'fastify';
import { type GraphQLResolveInfo, responsePathAsArray } from 'graphql';
import { logRefusal } from '../logging/refusal-log';
import type { StructuredLog } from '../logging/structured-log';

/**
 * Who sees what on the read side. Analysts and administrators read every signal across all
 * authorities; an officer's list of signals is narrowed to their own authority.
 */
export const seesEveryAuthority = (actor: Actor): boolean =>
  actor.roles.includes('analyst') || actor.roles.includes('admin');

/** The authority a list is narrowed to for this actor, or undefined when they see all of it. */
export const visibleToAuthorityOf = (actor: Actor): { visibleToAuthority?: string } =>
  seesEveryAuthority(actor) ? {} : { visibleToAuthority: actor.authority };

/**
 * API.md: an escalation is read by the authorities involved (raising, addressed, involved) and by
 * analysts — the domain's `isEscalationVisibleTo`, as REST's GET answers it. Administrators of other
 * authorities follow unanswered escalations through the aggregated accountability view.
 */
export const escalationScopeOf = (actor: Actor): { visibleToAuthority?: string } =>
  actor.roles.includes('analyst') ? {} : { visibleToAuthority: actor.authority };

/** Every role; the aggregated views and accountability lists are open to all of them. */
export const EVERY_ROLE = ['officer', 'analyst', 'admin'] as const;

/**
 * A resource the actor may not see is answered as null, exactly like an absent one; the security
 * log still records the refusal, as REST logs its hiding 404s.
 */
export function hiddenFrom(
  log: StructuredLog,
  request: FastifyRequest,
  info: GraphQLResolveInfo,
  code: string,
): null {
  logRefusal(log, request, {
    status: 404,
    code,
    reason: NotVisible.REASON,
    graphqlPath: responsePathAsArray(info.path).join('.'),
  });
  return null;
}
