import type { Browser, Page } from 'playwright-core';
import { PROJECTOR } from '../apps/server/src/projections/projections.tokens';
import { WebModule } from '../apps/server/src/web/web.module';
import type { Projector } from '@praktijklus/projections';
import { AdministrationClient, dutchDate, headOf, provinceAdmin, utrechtAdmin } from './escalations.fixtures';
import { severeViolations } from './support/accessibility';
import { launchChromium } from './support/browser';
import { signIn as signInAt, type WebRole, openUserPage } from './support/web-session';
import { startTestServer, type TestServer } from './support/test-server';
import { buildWebAppOnce } from './support/web-build';

// Every screen of the web app, for every role that has it, passes axe (WCAG 2.1 A and AA) without
// a critical or serious violation, on a desktop (1280 px) and on a phone (375 px) alike.

const WIDTHS = [
  { width: 1280, height: 900 },
  { width: 375, height: 812 },
] as const;

const STEP_MS = 240_000;

interface Screen {
  name: string;
  path: string;
  /** Brings the page into the state to scan (an opened form, a refused submit). */
  prepare?(page: Page): Promise<void>;
}

describe('accessibility of every screen at 1280 and 375 px', () => {
  let server: TestServer;
  let browser: Browser;
  const ids = { signal: '', escalation: '', policyChange: '', caseFile: '', agreement: '', experiment: '' };

  beforeAll(async () => {
    buildWebAppOnce();
    server = await startTestServer({ modules: [WebModule] });
    const api = new AdministrationClient(server);
    ids.signal = await api.recordSignal();
    const adjusted = await api.decided('POLICY_ADJUSTED');
    ids.escalation = adjusted;
    ids.policyChange = (
      await api.ok(
        '/api/v1/policy-changes',
        provinceAdmin,
        {
          title: 'Zonnepanelen op monumenten toegestaan onder voorwaarden',
          description: 'De provincie past de omgevingsverordening aan.',
          policyDomain: 'heritage',
          norms: [{ ref: 'Bbl art. 4.101' }],
          effectiveOn: dutchDate(-10),
          escalationIds: [adjusted],
          authorities: ['gm0344'],
        },
        201,
      )
    ).id;
    ids.agreement = await api.agreement({ escalationId: adjusted });
    ids.experiment = await api.experiment();
    ids.caseFile = (
      await api.ok(
        '/api/v1/cases',
        utrechtAdmin,
        { title: 'Monumenten en zon', signalIds: [ids.signal] },
        201,
      )
    ).id;
    await api.raised();
    const head = await headOf(server);
    if (head !== undefined) await server.app.get<symbol, Projector>(PROJECTOR).waitFor(head, 10_000);
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const newPage = (): Promise<Page> => openUserPage(browser, { ...WIDTHS[0], timeoutMs: 20_000 });

  const signIn = (page: Page, role: WebRole, authority: string, sub: string) =>
    signInAt(page, `${server.url}/sign-in`, role, authority, sub);

  /** Opens each screen and scans it at both widths; answers every violation with where it was. */
  const scan = async (page: Page, screens: Screen[]): Promise<string[]> => {
    const found: string[] = [];
    for (const screen of screens) {
      await page.setViewportSize(WIDTHS[0]);
      try {
        await page.goto(`${server.url}${screen.path}`);
        // A page shows its heading, or the server's refusal when there is nothing to show.
        await page.locator('h1, [role="alert"]').first().waitFor();
        await page.locator('.pl-loading').first().waitFor({ state: 'detached' });
        await screen.prepare?.(page);
      } catch (error) {
        found.push(`${screen.name}: not shown (${String(error).split('\n')[0]})`);
        continue;
      }
      for (const size of WIDTHS) {
        await page.setViewportSize(size);
        await page.waitForTimeout(100);
        for (const violation of await severeViolations(page)) {
          found.push(`${screen.name} @ ${size.width}px: ${violation}`);
        }
      }
    }
    return found;
  };

  it(
    'has no serious violation on the screens without sign-in',
    async () => {
      const page = await newPage();
      const found = await scan(page, [
        { name: 'sign-in', path: '/sign-in' },
        { name: 'follow page of an unknown link', path: '/volgen/onbekende-link' },
      ]);
      expect(found).toEqual([]);
    },
    STEP_MS,
  );

  it(
    "has no serious violation on an officer's screens",
    async () => {
      const page = await newPage();
      await signIn(page, 'officer', 'gm0344', 'officer-utrecht');
      const found = await scan(page, [
        { name: 'tasks', path: '/tasks' },
        { name: 'signals', path: '/signals' },
        { name: 'new signal', path: '/signals/new' },
        {
          name: 'new signal, refused',
          path: '/signals/new',
          prepare: async (p) => {
            await p.getByRole('button', { name: 'Signaal vastleggen' }).click();
            await p.getByText('Het formulier bevat').waitFor();
          },
        },
        { name: 'signals, searched and sorted', path: '/signals?search=zonnepanelen&sort=title&desc=1' },
        { name: 'signal', path: `/signals/${ids.signal}` },
        {
          name: 'signal, withdrawal to confirm',
          path: `/signals/${ids.signal}`,
          prepare: async (p) => {
            await p.getByLabel(/Reden van intrekken/).fill('Dubbel ingediend.');
            await p.getByRole('button', { name: 'Intrekken', exact: true }).click();
            await p.getByRole('alertdialog', { name: 'Signaal intrekken?' }).waitFor();
          },
        },
        { name: 'escalation board', path: '/escalations' },
        { name: 'escalation board, addressed to us', path: '/escalations?part=addressed' },
        { name: 'escalation board, resolved', path: '/escalations?part=resolved' },
        { name: 'escalate', path: `/escalations/new?signals=${ids.signal}` },
        { name: 'escalation', path: `/escalations/${ids.escalation}` },
        { name: 'agreement', path: `/agreements/${ids.agreement}` },
        { name: 'experiment', path: `/experiments/${ids.experiment}` },
        { name: 'cases', path: '/cases' },
        { name: 'case', path: `/cases/${ids.caseFile}` },
        { name: 'policy changes', path: '/policy-changes' },
        { name: 'policy change', path: `/policy-changes/${ids.policyChange}` },
        { name: 'unknown signal', path: '/signals/00000000-0000-4000-8000-000000000000' },
        { name: 'forbidden page', path: '/dashboard' },
      ]);
      expect(found).toEqual([]);
    },
    STEP_MS,
  );

  it(
    "has no serious violation on an analyst's screens",
    async () => {
      const page = await newPage();
      await signIn(page, 'analyst', 'mnre1034', 'analyst-bzk');
      const found = await scan(page, [
        { name: 'tasks', path: '/tasks' },
        { name: 'dashboard', path: '/dashboard' },
        { name: 'signals', path: '/signals' },
        { name: 'signals behind a chart bar', path: '/signals?policyDomain=heritage&level=IMPLEMENTATION' },
        { name: 'signal', path: `/signals/${ids.signal}` },
        { name: 'escalation', path: `/escalations/${ids.escalation}` },
        { name: 'agreement', path: `/agreements/${ids.agreement}` },
        { name: 'experiment', path: `/experiments/${ids.experiment}` },
        { name: 'policy change', path: `/policy-changes/${ids.policyChange}` },
        { name: 'forbidden page', path: '/agreements' },
      ]);
      expect(found).toEqual([]);
    },
    STEP_MS,
  );

  it(
    "has no serious violation on an administrator's screens",
    async () => {
      const page = await newPage();
      await signIn(page, 'admin', 'pv26', 'admin-pv26');
      const found = await scan(page, [
        { name: 'tasks', path: '/tasks' },
        { name: 'escalation board', path: '/escalations' },
        { name: 'escalation board, filtered', path: '/escalations?status=open&overdue=0&domain=heritage' },
        { name: 'escalation board, all by title', path: '/escalations?part=all&sort=title&desc=1' },
        { name: 'escalation', path: `/escalations/${ids.escalation}` },
        { name: 'agreements', path: '/agreements' },
        { name: 'agreements, filtered', path: '/agreements?status=OPEN&sort=title' },
        { name: 'agreement', path: `/agreements/${ids.agreement}` },
        { name: 'experiments', path: '/experiments' },
        { name: 'experiments, filtered', path: '/experiments?status=RUNNING&q=monument' },
        { name: 'experiment', path: `/experiments/${ids.experiment}` },
        { name: 'cases', path: '/cases' },
        { name: 'policy changes', path: '/policy-changes' },
      ]);
      expect(found).toEqual([]);
    },
    STEP_MS,
  );
});
