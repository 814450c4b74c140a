import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { WebModule } from '../apps/server/src/web/web.module';
import { AdministrationClient } from './escalations.fixtures';
import { startTestServer, type TestServer } from './support/test-server';
import { expectAccessible } from './support/accessibility';
import { launchChromium } from './support/browser';
import { signIn as signInAt, signInHere, type WebRole, openUserPage } from './support/web-session';
import { buildWebAppOnce } from './support/web-build';

// "Mijn taken" in Debian's Chromium against the real server: every role lands on it, the count in
// the navigation follows the user's own commands, deep links and reloads keep the session of the
// tab, and at 375 px no page runs off the screen sideways.

// The little of the DOM the page callbacks below use (the test project compiles without lib "dom").
declare const document: {
  querySelector(selector: string): { textContent: string | null; parentElement: object | null } | null;
  querySelectorAll(selector: string): { forEach(each: (element: { open: boolean }) => void): void };
  activeElement: { id: string } | null;
  documentElement: { scrollWidth: number };
};
declare const sessionStorage: { getItem(key: string): string | null };
declare function getComputedStyle(element: object): { overflowX: string };

const ROOT = resolve(__dirname, '..');
const SCREENSHOTS = join(ROOT, 'screenshots');

const STEP_MS = 60_000;

describe('web app: the task inbox in the browser', () => {
  let server: TestServer;
  let api: AdministrationClient;
  let browser: Browser;
  let decidedId = '';
  let acknowledgedId = '';

  beforeAll(async () => {
    buildWebAppOnce();
    mkdirSync(SCREENSHOTS, { recursive: true });

    server = await startTestServer({ modules: [WebModule] });
    api = new AdministrationClient(server);
    // The province's work: an escalation to decide, one to resolve, an agreement; and, for the
    // analysts, the unclassified signals these brought.
    acknowledgedId = await api.acknowledged();
    decidedId = await api.decided('POLICY_ADJUSTED');
    await api.agreement();
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** A user in a browser context of their own (their own sessionStorage). */
  const newPage = (width = 1280): Promise<Page> => openUserPage(browser, { width });

  const signIn = (page: Page, role: WebRole, authority: string, sub: string) =>
    signInAt(page, `${server.url}/`, role, authority, sub);

  const taskCount = async (page: Page): Promise<string> =>
    (await page.getByTestId('task-count').locator('[aria-hidden="true"]').textContent()) ?? '';

  it(
    'lands every role on "Mijn taken", accessible, with the count in the navigation',
    async () => {
      for (const [role, authority, sub] of [
        ['admin', 'pv26', 'admin-pv26'],
        ['analyst', 'mnre1034', 'analyst-1'],
        ['officer', 'gm0344', 'officer-1'],
      ] as const) {
        const page = await newPage();
        await signIn(page, role, authority, sub);
        await page.waitForURL('**/tasks');
        await page.getByRole('heading', { level: 1, name: 'Mijn taken' }).waitFor();
        await page.getByTestId('task-count').waitFor();
        await expectAccessible(page);
        await page.screenshot({ path: join(SCREENSHOTS, `tasks-${role}.png`), fullPage: true });
        if (role === 'officer') {
          await page.getByText('U heeft geen openstaande taken.').waitFor();
          expect(await taskCount(page)).toBe('0');
        }
      }
    },
    STEP_MS * 3,
  );

  it(
    "links each task to its entity's page, and the count follows the user's command",
    async () => {
      const page = await newPage();
      await signIn(page, 'admin', 'pv26', 'admin-pv26');
      await page.waitForURL('**/tasks');
      const table = page.locator('#tasks');
      await table.waitFor();
      expect(await table.getByText('Besluiten over escalatie').count()).toBe(1);
      expect(await table.getByText('Escalatie afronden').count()).toBe(1);
      expect(await table.getByText('Voortgangsgesprek houden').count()).toBe(1);
      const before = Number(await taskCount(page));
      expect(before).toBe(4);

      const resolveRow = table.getByRole('row').filter({ hasText: 'Escalatie afronden' });
      await resolveRow.getByRole('link').click();
      await page.waitForURL(`**/escalations/${decidedId}`);
      await page.getByLabel('Samenvatting').fill('De verordening is aangepast.');
      await page.getByRole('button', { name: 'Afhandelen' }).click();
      await page.getByText('De escalatie is afgehandeld.').waitFor();
      await page.waitForFunction(
        (expected) =>
          document.querySelector('[data-testid="task-count"] [aria-hidden="true"]')?.textContent === expected,
        String(before - 1),
      );

      await page.getByRole('link', { name: /^Mijn taken/ }).click();
      await page.waitForURL('**/tasks');
      await table.getByText('Besluiten over escalatie').waitFor();
      expect(await table.getByText('Escalatie afronden').count()).toBe(0);
      const decideHref = await table
        .getByRole('row')
        .filter({ hasText: 'Besluiten over escalatie' })
        .getByRole('link')
        .getAttribute('href');
      expect(decideHref).toBe(`/escalations/${acknowledgedId}`);
      const followUpHref = await table
        .getByRole('row')
        .filter({ hasText: 'Voortgangsgesprek houden' })
        .getByRole('link')
        .getAttribute('href');
      expect(followUpHref).toMatch(/^\/agreements#agreement-[0-9a-f-]{36}-title$/);

      // The link lands on the agreement itself, also when the page is reloaded.
      const cardId = String(followUpHref).split('#')[1];
      const landedOnCard = () =>
        page.waitForFunction((id) => document.activeElement?.id === id, cardId, { timeout: 10_000 });
      await table.getByRole('row').filter({ hasText: 'Voortgangsgesprek houden' }).getByRole('link').click();
      await page.waitForURL(`**${String(followUpHref)}`);
      await landedOnCard();
      await page.reload();
      await landedOnCard();
      expect(new URL(page.url()).hash).toBe(`#${cardId}`);
    },
    STEP_MS * 2,
  );

  it(
    'keeps the user signed in on a reload or deep link in the tab, returns after sign-in, forgets on sign-out',
    async () => {
      const deepLink = `${server.url}/escalations/${acknowledgedId}`;
      const page = await newPage();
      // Not signed in: the deep link asks for sign-in, then returns to the page asked for.
      await page.goto(deepLink);
      await signInHere(page, 'admin', 'pv26', 'admin-pv26');
      expect(page.url()).toBe(deepLink);
      await page.getByRole('heading', { level: 1 }).waitFor();

      await page.reload();
      await page.getByRole('button', { name: 'Afmelden' }).waitFor();
      expect(page.url()).toBe(deepLink);
      const kept = await page.evaluate(() => sessionStorage.getItem('praktijklus.session') ?? '');
      expect(Object.keys(JSON.parse(kept) as object).sort()).toEqual(['claims', 'mode', 'token']);

      // Another page of the same tab, typed in the address bar: still signed in.
      await page.goto(`${server.url}/agreements`);
      await page.getByRole('button', { name: 'Afmelden' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/agreements');

      await page.getByRole('button', { name: 'Afmelden' }).click();
      expect(await page.evaluate(() => sessionStorage.getItem('praktijklus.session'))).toBeNull();
      await page.goto(deepLink);
      await page.waitForURL('**/sign-in**');
    },
    STEP_MS,
  );

  it(
    'at 375 px wide, tables scroll in their own box and no page runs off the screen',
    async () => {
      const admin = await newPage(375);
      await signIn(admin, 'admin', 'pv26', 'admin-pv26');
      const analyst = await newPage(375);
      await signIn(analyst, 'analyst', 'mnre1034', 'analyst-1');
      const officer = await newPage(375);
      await signIn(officer, 'officer', 'gm0344', 'officer-1');
      const pages: Array<[Page, string]> = [
        [admin, '/tasks'],
        [admin, '/escalations'],
        [admin, `/escalations/${acknowledgedId}`],
        [admin, '/agreements'],
        [admin, '/experiments'],
        [admin, '/signals'],
        [analyst, '/tasks'],
        [analyst, '/signals'],
        [analyst, '/dashboard'],
        [officer, '/tasks'],
        [officer, '/signals'],
        [officer, '/signals/new'],
      ];
      const overflowing: string[] = [];
      for (const [page, path] of pages) {
        await page.goto(`${server.url}${path}`);
        await page.locator('main h1').first().waitFor();
        await page.waitForLoadState('networkidle');
        // Tables folded away (the dashboard's numbers under each chart) count too.
        await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        if (width > 375) {
          overflowing.push(`${path}: ${width}px`);
          await page.screenshot({ path: join(SCREENSHOTS, `overflow-375${path.replace(/\//g, '_')}.png`) });
        }
      }
      expect(overflowing).toEqual([]);
      // The inbox's own table is wider than the screen here and scrolls inside its box.
      await admin.goto(`${server.url}/tasks`);
      await admin.locator('#tasks').waitFor();
      const box = await admin.evaluate(() => {
        const scroller = document.querySelector('#tasks')?.parentElement;
        return scroller ? getComputedStyle(scroller).overflowX : '';
      });
      expect(box).toBe('auto');
    },
    STEP_MS * 3,
  );
});
