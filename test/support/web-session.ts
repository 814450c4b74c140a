import type { Page } from 'playwright-core';

/** The roles of the development sign-in form, by the labels of their radio buttons. */
export const ROLE_LABELS = {
  officer: 'Uitvoerder (vergunningverlener, handhaver)',
  analyst: 'Beleidsanalist',
  admin: 'Bestuurder',
} as const;

export type WebRole = keyof typeof ROLE_LABELS;

/**
 * Signs in on the development form the page is on or is being sent to, and waits until the app
 * has left it.
 */
export async function signInHere(page: Page, role: WebRole, authority: string, sub: string): Promise<void> {
  await page.waitForURL('**/sign-in**');
  await page.getByLabel(ROLE_LABELS[role]).check();
  await page.getByLabel('Organisatie (bevoegd gezag)').selectOption(authority);
  await page.getByLabel('Gebruikers-id').fill(sub);
  await page.getByRole('button', { name: 'Aanmelden', exact: true }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
}

/**
 * Opens `url` (the app's root unless a test wants another entry, such as `/sign-in` itself) and
 * signs in on the form the app shows there.
 */
export async function signIn(
  page: Page,
  url: string,
  role: WebRole,
  authority: string,
  sub: string,
): Promise<void> {
  await page.goto(url);
  await signInHere(page, role, authority, sub);
}
