/**
 * The web app's page for an entity (the routes of apps/web/src/app.tsx): signals and escalations
 * have a page of their own; agreements and experiments are shown on their authority's list page.
 * Every one is a browser route the server answers after a reload or a sign-in.
 */
export function pagePathOf(type: string, subject: string): string | undefined {
  const id = encodeURIComponent(subject);
  if (type.startsWith('nl.praktijklus.signal.')) return `/signals/${id}`;
  if (type.startsWith('nl.praktijklus.escalation.')) return `/escalations/${id}`;
  if (type.startsWith('nl.praktijklus.agreement.')) return '/agreements';
  if (type.startsWith('nl.praktijklus.experiment.')) return '/experiments';
  return undefined;
}

/** The absolute link, or undefined without PUBLIC_URL (a relative link in an e-mail helps nobody). */
export function pageLinkOf(publicUrl: string | undefined, type: string, subject: string): string | undefined {
  const path = pagePathOf(type, subject);
  return publicUrl === undefined || path === undefined ? undefined : `${publicUrl}${path}`;
}
