import { Actor } from './actor';
import { Forbidden } from './domain-error';

/**
 * The platform itself, acting on time passing (deadlines, non-response). No token can carry it:
 * `system` is no authority in the registry and it holds no role, so every user command refuses it.
 */
export const SYSTEM_ACTOR: Actor = Object.freeze({ sub: 'system', authority: 'system', roles: [] });

export const isSystemActor = (actor: Actor): boolean =>
  actor.sub === SYSTEM_ACTOR.sub && actor.authority === SYSTEM_ACTOR.authority && actor.roles.length === 0;

/** Commands of time passing are the platform's alone. */
export const requireSystemActor = (actor: Actor, action: string): void => {
  if (!isSystemActor(actor)) throw new Forbidden('SYSTEM_ONLY', `${action} is recorded by the platform only`);
};
