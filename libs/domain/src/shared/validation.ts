import { Actor, Role } from './actor';
import { Forbidden, InvalidInput } from './domain-error';
import { isBlankText, normaliseText, textFault, type TextKind, visibleLength } from './text';

/**
 * A required piece of text on one line (a title, a name, a code): something visible in it, no
 * control, bidirectional-override or private-use character, no lone surrogate. Answered in NFC.
 */
export const requireText = (value: unknown, field: string, kind: TextKind = 'line'): string => {
  if (typeof value !== 'string' || isBlankText(value)) {
    throw new InvalidInput('REQUIRED', `${field} must not be blank`, field);
  }
  const fault = textFault(value, kind);
  if (fault !== undefined) throw new InvalidInput(fault.code, `${field} ${fault.message}`, field);
  return normaliseText(value);
};

/** Required prose (a description, a reason): as `requireText`, but tabs and line breaks allowed. */
export const requireProse = (value: unknown, field: string): string => requireText(value, field, 'prose');

/** Text that may be blank (a note, a norm's title), held to the same characters; answered in NFC. */
export const allowedText = (value: unknown, field: string, kind: TextKind): string => {
  if (typeof value !== 'string') throw new InvalidInput('REQUIRED', `${field} must be text`, field);
  const fault = textFault(value, kind);
  if (fault !== undefined) throw new InvalidInput(fault.code, `${field} ${fault.message}`, field);
  return normaliseText(value);
};

export const requireLength = (value: string, field: string, min: number, max: number): string => {
  const length = visibleLength(value);
  if (length < min)
    throw new InvalidInput('TOO_SHORT', `${field} needs at least ${min} characters`, field, { min });
  if (value.length > max)
    throw new InvalidInput('TOO_LONG', `${field} allows at most ${max} characters`, field, { max });
  return value;
};

export const requireAtMost = <T>(values: readonly T[], field: string, max: number): readonly T[] => {
  if (values.length > max) {
    throw new InvalidInput('TOO_MANY', `${field} allows at most ${max} items`, field, { max });
  }
  return values;
};

export const requireOneOf = <V extends string>(
  value: unknown,
  vocabulary: readonly V[],
  field: string,
): V => {
  const found = vocabulary.find((known) => known === value);
  if (found === undefined) {
    throw new InvalidInput('UNKNOWN_VALUE', `${field} must be one of ${vocabulary.join(', ')}`, field);
  }
  return found;
};

export const hasRole = (actor: Actor, role: Role): boolean => actor.roles.includes(role);

/** Refuses an actor holding none of the roles; checked first, so it reveals nothing about the resource. */
export const requireRole = (actor: Actor, roles: readonly Role[], action: string): void => {
  if (!roles.some((role) => hasRole(actor, role))) {
    throw new Forbidden('ROLE_NOT_ALLOWED', `${action} needs the role ${roles.join(' or ')}`);
  }
};

/** The first occurrence of every key, in input order. */
export const distinctBy = <T>(values: readonly T[], keyOf: (value: T) => string): T[] => {
  const seen = new Set<string>();
  return values.filter((value) => {
    const key = keyOf(value);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
};

export const distinct = (values: readonly string[]): string[] => distinctBy(values, (value) => value);
