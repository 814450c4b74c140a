import type { Browser, Page } from 'playwright-core';

export interface UserPageOptions {
  /** Viewport width in CSS pixels, default 1280 (a laptop); 375 is a phone. */
  width?: number;
  /** Viewport height, default 900. */
  height?: number;
  /** Let the page's downloads through (the CSV and PDF exports). */
  acceptDownloads?: boolean;
  /** How long each Playwright step may wait, default 15 s (two shared cores). */
  timeoutMs?: number;
}

/**
 * A page in a browser context of its own, as a Dutch user opens the app: locale nl-NL and its own
 * sessionStorage, so two users' tokens stay apart (not tabs of one window: Chromium throttles a
 * background tab's frames, and every Playwright action waits for frames).
 */
export async function openUserPage(browser: Browser, options: UserPageOptions = {}): Promise<Page> {
  const { width = 1280, height = 900, acceptDownloads = false, timeoutMs = 15_000 } = options;
  const context = await browser.newContext({ locale: 'nl-NL', viewport: { width, height }, acceptDownloads });
  const page = await context.newPage();
  page.setDefaultTimeout(timeoutMs);
  return page;
}

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

/** The number in a list's count line ("3 signalen gevonden"). */
export async function listCount(page: Page): Promise<number> {
  const count = page.locator('.pl-count');
  await count.waitFor();
  return Number((await count.innerText()).replace(/\D/g, ''));
}

/**
 * The count line once it shows `expected` (10 s at most, then it asserts): after a navigation the
 * previous list stays on screen until the new answer arrives, so a single read races the fetch.
 */
export async function expectListCount(page: Page, expected: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  let seen = await listCount(page);
  while (seen !== expected && Date.now() < deadline) {
    await page.waitForTimeout(50);
    seen = await listCount(page);
  }
  expect(seen).toBe(expected);
}
