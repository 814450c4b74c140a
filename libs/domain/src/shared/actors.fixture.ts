import { Actor } from './actor';

// Test actors: one user per role and authority, named after what they do.
export const officer = (authority = 'gm0344', sub = `officer-${authority}`): Actor => ({
  sub,
  authority,
  roles: ['officer'],
});
export const analyst = (authority = 'mnre1130', sub = `analyst-${authority}`): Actor => ({
  sub,
  authority,
  roles: ['analyst'],
});
export const admin = (authority = 'gm0344', sub = `admin-${authority}`): Actor => ({
  sub,
  authority,
  roles: ['admin'],
});
