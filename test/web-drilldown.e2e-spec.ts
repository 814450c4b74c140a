import { type Browser, type Page } from 'playwright-core';
import { WebModule } from '../apps/server/src/web/web.module';
import {
  AdministrationClient,
  provinceAdmin,
  provinceOfficer,
  signalBody,
  utrechtOfficer,
} from './escalations.fixtures';
import { expectAccessible } from './support/accessibility';
import { launchChromium } from './support/browser';
import {
  expectListCount,
  listCount,
  signIn as signInAt,
  type WebRole,
  openUserPage,
} from './support/web-session';
import { startTestServer, type TestServer } from './support/test-server';
import { buildWebAppOnce } from './support/web-build';

// From the numbers to the records: the dashboard's figures, bars, norm conflicts and accountability
// rows open the signals or escalations behind them; the lists keep filters, search, sort and page in
// the address (reload, Back, a saved view); the officer's escalations page has its parts, each with
// its own counts, and the resolved ones stay reachable. Debian's Chromium against the real server.

// The little of the DOM the page callbacks below use (the test project compiles without lib "dom").
interface FoldedTable {
  open: boolean;
}
declare const localStorage: { getItem(key: string): string | null };

const STEP_MS = 60_000;
const RAISED_TITLE = 'Monumentenregels botsen met de energie-eis';
const ADDRESSED_TITLE = 'Gemeentelijke leges voor provinciale proef';

describe('web app: from the numbers to the records', () => {
  let server: TestServer;
  let api: AdministrationClient;
  let browser: Browser;

  beforeAll(async () => {
    buildWebAppOnce();
    server = await startTestServer({ modules: [WebModule] });
    api = new AdministrationClient(server);
    // Utrecht: three heritage signals naming the same norm pair (one escalated to the province),
    // an energy barrier; the province raises one at Utrecht; one of Utrecht's is resolved.
    const heritage = await api.recordSignal(
      utrechtOfficer,
      signalBody({ title: 'Zonnepanelen op een monument' }),
    );
    await api.recordSignal(utrechtOfficer, signalBody({ title: 'Dakisolatie op een monument' }));
    await api.recordSignal(
      utrechtOfficer,
      signalBody({ type: 'BARRIER', title: 'Warmtenet onder de grachten', policyDomain: 'energy' }),
    );
    // Another norm conflict: conflicting norms, but not the pair the first three name.
    await api.recordSignal(
      utrechtOfficer,
      signalBody({
        title: 'Geluidsnormen spreken elkaar tegen',
        level: 'POLICY',
        norms: [{ ref: 'Bkl art. 5.59' }, { ref: 'Omgevingsplan gemeente Utrecht art. 9.1' }],
      }),
    );
    await api.raise([heritage], { title: RAISED_TITLE });
    const provincial = await api.recordSignal(provinceOfficer, {
      ...signalBody({ title: 'Leges voor een provinciale proef', authorities: ['pv26', 'gm0344'] }),
    });
    await api.raise([provincial], { title: ADDRESSED_TITLE, addressedTo: 'gm0344' }, provinceOfficer);
    await api.resolved();
    await api.agreement({ title: 'Omgevingsverordening aanpassen voor zonnepanelen' });
    const cancelled = await api.agreement({ title: 'Subsidieregeling monumenten herzien' });
    await api.ok(`/api/v1/agreements/${cancelled}/cancel`, provinceAdmin, {
      reason: 'Ingehaald door het Rijk.',
    });
    expect(provinceAdmin.authority).toBe('pv26');
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const newPage = (): Promise<Page> => openUserPage(browser);

  const signIn = (page: Page, role: WebRole, authority: string, sub: string) =>
    signInAt(page, `${server.url}/`, role, authority, sub);

  const pathAndQuery = (page: Page): string => {
    const url = new URL(page.url());
    return `${url.pathname}${url.search}`;
  };

  it(
    "opens the signals behind a bar, a month, a norm conflict and a figure of the analyst's dashboard",
    async () => {
      const analyst = await newPage();
      await signIn(analyst, 'analyst', 'mnre1034', 'analyst-1');
      await analyst.goto(`${server.url}/dashboard`);
      await analyst
        .getByRole('heading', { level: 2, name: 'Signalen per beleidsterrein en niveau' })
        .waitFor();
      await analyst
        .locator('section[aria-labelledby="chart-domain-level"] details.pl-details')
        .evaluate((details: FoldedTable) => (details.open = true));

      // The table under the chart: Cultureel erfgoed × Uitvoering holds the four heritage signals
      // (Utrecht's three with the one the resolved escalation brought, and the province's).
      const cell = analyst.getByRole('link', { name: 'Toon de 4 signalen: Cultureel erfgoed, Uitvoering' });
      await cell.click();
      await analyst.waitForURL('**/signals?policyDomain=heritage&level=IMPLEMENTATION');
      await expectListCount(analyst, 4);
      expect(await analyst.locator('#filter-domain').inputValue()).toBe('heritage');
      await expectAccessible(analyst);

      // Back returns to the dashboard; a click on a bar of the chart opens its signals too.
      await analyst.goBack();
      await analyst.waitForURL('**/dashboard');
      await analyst
        .locator('#chart-domain-level ~ .pl-chart__canvas .recharts-bar-rectangle path')
        .first()
        .click();
      await analyst.waitForURL(/\/signals\?policyDomain=[a-z-]+&level=[A-Z]+$/);
      expect(await listCount(analyst)).toBeGreaterThan(0);

      // The norm conflict: the signals naming both norms (four of the five with conflicting norms).
      await analyst.goBack();
      await analyst.waitForURL('**/dashboard');
      const conflict = analyst
        .locator('section[aria-labelledby="norm-conflicts"]')
        .getByRole('link', { name: /^Toon de 4 signalen: Bbl art\. 4\.101 ↔ Omgevingsplan/ });
      await conflict.click();
      await analyst.waitForURL('**/signals?type=CONFLICTING_NORMS&normA=*');
      await expectListCount(analyst, 4);
      expect(await analyst.getByTestId('active-filters').innerText()).toContain('Bbl art. 4.101');

      // A month of the table under the per-month chart: the signals observed in it (November 2025).
      await analyst.goBack();
      await analyst.waitForURL('**/dashboard');
      // The table is rendered once the months have arrived; opening it before would miss it.
      const perMonth = analyst.locator('section[aria-labelledby="chart-per-month"]');
      await perMonth.locator('details.pl-details').evaluate((details: FoldedTable) => (details.open = true));
      await perMonth.getByRole('link', { name: /^Toon de 6 signalen: nov/ }).click();
      await analyst.waitForURL('**/signals?observedFrom=2025-11-01&observedTo=2025-11-30');
      await expectListCount(analyst, 6);

      // The figure of escalated signals (the three in an escalation).
      await analyst.goto(`${server.url}/dashboard`);
      await analyst.getByRole('link', { name: '3 Geëscaleerd' }).click();
      await analyst.waitForURL('**/signals?escalated=1');
      await expectListCount(analyst, 3);
    },
    STEP_MS * 2,
  );

  it(
    'opens the escalations behind an accountability row and the open-escalations figure',
    async () => {
      const analyst = await newPage();
      await signIn(analyst, 'analyst', 'mnre1034', 'analyst-1');
      await analyst.goto(`${server.url}/dashboard`);
      const accountability = analyst.locator('section[aria-labelledby="accountability"]');
      await accountability.getByRole('link', { name: 'Gemeente Utrecht', exact: true }).click();
      await analyst.waitForURL('**/escalations?addressedTo=gm0344');
      await expectListCount(analyst, 1);
      await analyst.getByRole('link', { name: ADDRESSED_TITLE }).waitFor();
      await expectAccessible(analyst);

      await analyst.goBack();
      await analyst.waitForURL('**/dashboard');
      await analyst.getByRole('link', { name: '2 Open escalaties' }).click();
      await analyst.waitForURL('**/escalations?status=open');
      // Two open (one to the province, one to Utrecht); the resolved one is not among them.
      await expectListCount(analyst, 2);
    },
    STEP_MS,
  );

  it(
    "shows the officer's escalations in two labelled parts with their own counts, and the resolved ones",
    async () => {
      const officer = await newPage();
      await signIn(officer, 'officer', 'gm0344', 'officer-utrecht');
      await officer.goto(`${server.url}/escalations`);
      const parts = officer.getByRole('navigation', { name: 'Delen van het overzicht' });
      await parts.getByRole('link', { name: 'Aan ons gericht (1)' }).waitFor();
      await parts.getByRole('link', { name: 'Door ons aangekaart (1)' }).waitFor();
      await parts.getByRole('link', { name: 'Afgehandeld (1)' }).waitFor();
      // An officer starts on what their authority raised: the tiles count that part, as its table shows.
      await officer.getByRole('heading', { level: 2, name: 'Door ons aangekaart' }).waitFor();
      await expectListCount(officer, 1);
      await officer.getByRole('link', { name: RAISED_TITLE }).waitFor();
      await expectAccessible(officer);

      await parts.getByRole('link', { name: 'Aan ons gericht (1)' }).click();
      await officer.waitForURL('**/escalations?part=addressed');
      await officer.getByRole('heading', { level: 2, name: 'Aan ons gericht' }).waitFor();
      await officer.getByRole('link', { name: ADDRESSED_TITLE }).waitFor();
      expect(await officer.getByRole('link', { name: RAISED_TITLE }).count()).toBe(0);
      // A tile opens what it counts.
      await officer.getByRole('link', { name: '1 Wacht op bevestiging' }).click();
      await officer.waitForURL('**/escalations?part=addressed&status=RAISED');
      expect(await officer.locator('#board-status').inputValue()).toBe('RAISED');

      await parts.getByRole('link', { name: 'Afgehandeld (1)' }).click();
      await officer.waitForURL('**/escalations?part=resolved');
      await expectListCount(officer, 1);
      await officer.locator('td .pl-badge', { hasText: 'Afgehandeld' }).waitFor();

      // Back walks the views in reverse.
      await officer.goBack();
      await officer.waitForURL('**/escalations?part=addressed&status=RAISED');
      await officer.goBack();
      await officer.waitForURL('**/escalations?part=addressed');
    },
    STEP_MS,
  );

  it(
    'keeps filters, search, sort and page in the address, and saves a view under a name',
    async () => {
      const admin = await newPage();
      await signIn(admin, 'admin', 'pv26', 'admin-pv26');
      await admin.goto(`${server.url}/escalations?part=raised`);
      // The province raised nothing; the addressed part has Utrecht's two (one resolved, so one open).
      await admin.goto(`${server.url}/escalations`);
      await admin.getByRole('heading', { level: 2, name: 'Aan ons gericht' }).waitFor();
      await expectListCount(admin, 1);
      await admin.locator('#board-q').fill('monumentenregels');
      await admin.getByRole('button', { name: 'Toepassen' }).click();
      await admin.waitForURL('**/escalations?q=monumentenregels');
      await expectListCount(admin, 1);
      await admin.reload();
      expect(await admin.locator('#board-q').inputValue()).toBe('monumentenregels');
      await expectListCount(admin, 1);

      // Sorting by a column is the address too, and a second press turns the order round.
      await admin.locator('#board-q').fill('');
      await admin.locator('#board-status').selectOption('');
      await admin.getByRole('button', { name: 'Wissen' }).click();
      await admin.waitForURL((url) => url.search === '');
      await admin.getByRole('button', { name: /^Titel/ }).click();
      await admin.waitForURL('**/escalations?sort=title');
      expect(await admin.getByRole('columnheader', { name: /Titel/ }).getAttribute('aria-sort')).toBe(
        'ascending',
      );
      await admin.getByRole('button', { name: /^Titel/ }).click();
      await admin.waitForURL('**/escalations?sort=title&desc=1');
      expect(await admin.getByRole('columnheader', { name: /Titel/ }).getAttribute('aria-sort')).toBe(
        'descending',
      );

      // A saved view: named, kept in this browser, opened again as a link.
      await admin.locator('#saved-views-escalations-name').fill('Op titel, omgekeerd');
      await admin.getByRole('button', { name: 'Weergave opslaan' }).click();
      await admin.goto(`${server.url}/escalations?part=resolved`);
      await admin.getByRole('link', { name: 'Op titel, omgekeerd' }).click();
      await admin.waitForURL('**/escalations?sort=title&desc=1');
      expect(pathAndQuery(admin)).toBe('/escalations?sort=title&desc=1');
      const stored = await admin.evaluate(() => localStorage.getItem('praktijklus.savedViews.escalations'));
      expect(JSON.parse(stored ?? '[]')).toEqual([
        { name: 'Op titel, omgekeerd', href: '/escalations?sort=title&desc=1' },
      ]);
      await expectAccessible(admin);

      // The signals list: its filter form writes the address; Back undoes a filter.
      await admin.goto(`${server.url}/signals`);
      const all = await listCount(admin);
      await admin.locator('#filter-type').selectOption('BARRIER');
      await admin.getByRole('button', { name: 'Zoeken', exact: true }).click();
      await admin.waitForURL('**/signals?type=BARRIER');
      await expectListCount(admin, 1);
      await admin.goBack();
      await admin.waitForURL((url) => url.pathname === '/signals' && url.search === '');
      await expectListCount(admin, all);
      expect(await admin.locator('#filter-type').inputValue()).toBe('');

      // Its columns sort on the server, both ways.
      const firstRow = (title: string) =>
        admin.locator('tbody tr').first().getByRole('link', { name: title, exact: true }).waitFor();
      await admin.getByRole('button', { name: /^Titel/ }).click();
      await admin.waitForURL('**/signals?sort=title');
      await firstRow('Dakisolatie op een monument');
      await admin.getByRole('button', { name: /^Titel/ }).click();
      await admin.waitForURL('**/signals?sort=title&desc=1');
      await firstRow('Zonnepanelen op monumentaal pand geweigerd door tegenstrijdige normen');
      expect(await admin.getByRole('columnheader', { name: /Titel/ }).getAttribute('aria-sort')).toBe(
        'descending',
      );
    },
    STEP_MS,
  );

  it(
    "filters, searches and sorts the administrator's agreements in the address",
    async () => {
      const admin = await newPage();
      await signIn(admin, 'admin', 'pv26', 'admin-pv26');
      await admin.goto(`${server.url}/agreements`);
      const cards = admin.locator('.pl-card__title');
      await admin.getByRole('heading', { name: 'Subsidieregeling monumenten herzien' }).waitFor();
      await admin.locator('#agreements-filter-status').selectOption('OPEN');
      await admin.getByRole('button', { name: 'Toepassen' }).click();
      await admin.waitForURL('**/agreements?status=OPEN');
      await admin
        .getByRole('heading', { name: 'Omgevingsverordening aanpassen voor zonnepanelen' })
        .waitFor();
      // Both were listed before the filter: the one left out goes once the filtered answer is shown.
      await admin
        .getByRole('heading', { name: 'Subsidieregeling monumenten herzien' })
        .waitFor({ state: 'detached' });

      await admin.locator('#agreements-filter-status').selectOption('');
      await admin.locator('#agreements-filter-q').fill('subsidieregeling');
      await admin.getByRole('button', { name: 'Toepassen' }).click();
      await admin.waitForURL('**/agreements?q=subsidieregeling');
      await admin.getByRole('heading', { name: 'Subsidieregeling monumenten herzien' }).waitFor();
      await admin
        .getByRole('heading', { name: 'Omgevingsverordening aanpassen voor zonnepanelen' })
        .waitFor({ state: 'detached' });

      await admin.goto(`${server.url}/agreements?sort=title`);
      await admin.getByRole('heading', { name: 'Subsidieregeling monumenten herzien' }).waitFor();
      expect(await admin.locator('#agreements-filter-sort').inputValue()).toBe('title');
      const titles = await cards.allInnerTexts();
      expect(titles.indexOf('Omgevingsverordening aanpassen voor zonnepanelen')).toBeLessThan(
        titles.indexOf('Subsidieregeling monumenten herzien'),
      );
      await expectAccessible(admin);
    },
    STEP_MS,
  );
});
