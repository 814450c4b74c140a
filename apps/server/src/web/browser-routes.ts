/**
 * The web app's own routes (ROUTES in apps/web/src/app.tsx, its sign-in page and OIDC callback).
 * Only these load index.html: any other path the server does not know (`/metrics`, `//api/...`)
 * answers a problem+json 404 instead of the app with 200, so a probe or a mistyped API call sees it.
 */
const BROWSER_ROUTES: readonly RegExp[] = [
  /^\/$/,
  /^\/sign-in$/,
  /^\/auth\/callback$/,
  /^\/(signals|escalations)(\/[^/]+)?$/,
  /^\/(agreements|experiments)(\/[^/]+)?$/,
  /^\/dashboard$/,
  /^\/cases(\/[^/]+)?$/,
  /^\/policy-changes(\/[^/]+)?$/,
  // Issue 17: the initiative's follow page, opened from its link without signing in.
  /^\/volgen\/[A-Za-z0-9_-]{1,200}$/,
  /^\/tasks$/,
];

export const isBrowserRoute = (path: string): boolean => BROWSER_ROUTES.some((route) => route.test(path));
