import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isBrowserRoute } from './browser-routes';

const WEB_SRC = join(__dirname, '..', '..', '..', 'web', 'src');

/** The route patterns the web app declares, with every `:param` filled in. */
const webAppRoutes = (): string[] => {
  const app = readFileSync(join(WEB_SRC, 'app.tsx'), 'utf8');
  const routes = [...app.matchAll(/\{ path: '([^']+)'/g)].map((match) => match[1]);
  const signIn = [...app.matchAll(/pathname === '([^']+)'/g)].map((match) => match[1]);
  const callback = /OIDC_CALLBACK_PATH = '([^']+)'/.exec(
    readFileSync(join(WEB_SRC, 'auth', 'oidc-sign-in.ts'), 'utf8'),
  );
  return [...routes, ...signIn, ...(callback ? [callback[1]] : [])].map((path) =>
    path.replace(/:[A-Za-z]+/g, '0d9e1c52-7f43-4a3e-9b7e-1c2d3e4f5a6b'),
  );
};

describe('browser routes', () => {
  it('knows every route the web app declares', () => {
    const routes = webAppRoutes();
    expect(routes).toEqual(expect.arrayContaining(['/', '/sign-in', '/auth/callback', '/signals/new']));
    expect(routes.filter((path) => !isBrowserRoute(path))).toEqual([]);
  });

  it('knows no server path', () => {
    for (const path of [
      '/api',
      '/api/v1/signals',
      '/graphql',
      '/health',
      '/ready',
      '/metrics',
      '//signals',
      '/signals/',
    ]) {
      expect({ path, browser: isBrowserRoute(path) }).toEqual({ path, browser: false });
    }
  });
});
