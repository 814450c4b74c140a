import type { Role } from '@praktijklus/domain';

/** Every user role, in the order API.md names them. */
export const USER_ROLES = ['officer', 'analyst', 'admin'] as const satisfies readonly Role[];

// Fails to compile when Role gains a member USER_ROLES does not list.
const _everyRoleListed: Role extends (typeof USER_ROLES)[number] ? true : never = true;

export const isRole = (value: unknown): value is Role => USER_ROLES.some((role) => role === value);
