import { type Browser, type Page } from 'playwright-core';
import { WebModule } from '../apps/server/src/web/web.module';
import {
  AdministrationClient,
  provinceAdmin,
  provinceOfficer,
  signalBody,
  utrechtOfficer,
} from './escalations.fixtures';
import { launchChromium } from './support/browser';
import { startTestServer, type TestServer } from './support/test-server';
import { buildWebAppOnce } from './support/web-build';
import { expectListCount, signIn as signInAt, type WebRole, openUserPage } from './support/web-session';

// The parts of "filters, search, sort and paging live in the URL" the other browser tests leave
// out: the page of a list, the escalation board's filters by policy domain, lateness, raised by and
// addressed to, the experiments' filters; and the default deadline the escalation form names before
// submitting. Debian's Chromium against the real server.

const STEP_MS = 60_000;
/** The signals list shows 25 a page (apps/web/src/pages/signals.page.tsx). */
const SIGNALS_PAGE = 25;
const SIGNALS = SIGNALS_PAGE + 3;
const ENERGY_TITLE = 'Warmtenet botst met de monumentenregels';
const ADDRESSED_TITLE = 'Provinciale proef vraagt gemeentelijke leges';
const PILOT_A = 'Pilot zonnepanelen op rijksmonumenten';
const PILOT_B = 'Proef met warmtepompen in beschermd stadsgezicht';
/** Utrecht raises two at the province, each experiment answers one more, the province raises one at Utrecht. */
const ESCALATIONS = 5;

describe('web app: the page, the board filters and the experiments filters live in the address', () => {
  let server: TestServer;
  let api: AdministrationClient;
  let browser: Browser;
  let firstSignal = '';

  beforeAll(async () => {
    buildWebAppOnce();
    server = await startTestServer({ modules: [WebModule] });
    api = new AdministrationClient(server);
    for (let n = 1; n <= SIGNALS; n++) {
      const id = await api.recordSignal(utrechtOfficer, signalBody({ title: `Signaal nummer ${n}` }));
      if (n === 1) firstSignal = id;
    }
    const energy = await api.recordSignal(
      utrechtOfficer,
      signalBody({ title: 'Warmtenet onder de grachten', policyDomain: 'energy', type: 'BARRIER' }),
    );
    // Utrecht raises a heritage escalation and an energy one at the province; the province raises one at Utrecht.
    await api.raise([firstSignal], { title: 'Monumentenregels botsen met de energie-eis' });
    await api.raise([energy], { title: ENERGY_TITLE });
    const provincial = await api.recordSignal(provinceOfficer, {
      ...signalBody({ title: 'Leges voor een provinciale proef', authorities: ['pv26', 'gm0344'] }),
    });
    await api.raise([provincial], { title: ADDRESSED_TITLE, addressedTo: 'gm0344' }, provinceOfficer);
    await api.experiment({ title: PILOT_A });
    await api.experiment({ title: PILOT_B });
    expect(provinceAdmin.authority).toBe('pv26');
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const newPage = (): Promise<Page> => openUserPage(browser);

  const signIn = (page: Page, role: WebRole, authority: string, sub: string) =>
    signInAt(page, `${server.url}/sign-in`, role, authority, sub);

  /**
   * A form field's value once it shows `expected`: after a reload the field is drawn before its
   * options (the policy domains) have arrived, and only then takes the value from the address.
   */
  const expectValue = async (page: Page, selector: string, expected: string): Promise<void> => {
    const field = page.locator(selector);
    const deadline = Date.now() + 10_000;
    while ((await field.inputValue()) !== expected && Date.now() < deadline) await page.waitForTimeout(50);
    expect(await field.inputValue()).toBe(expected);
  };

  /** The rows of the table on screen, once there are `expected` of them. */
  const expectRows = async (page: Page, expected: number): Promise<void> => {
    const rows = page.locator('tbody tr');
    const deadline = Date.now() + 10_000;
    while ((await rows.count()) !== expected && Date.now() < deadline) await page.waitForTimeout(50);
    expect(await rows.count()).toBe(expected);
  };

  it(
    'keeps the page of the signals list in the address: reload stays on it, Back returns to the first',
    async () => {
      const officer = await newPage();
      await signIn(officer, 'officer', 'gm0344', 'officer-utrecht');
      await officer.goto(`${server.url}/signals`);
      const count = officer.locator('.pl-count');
      await count.waitFor();
      const total = Number((await count.innerText()).replace(/\D/g, ''));
      expect(total).toBeGreaterThan(SIGNALS_PAGE);
      expect(total).toBeLessThan(2 * SIGNALS_PAGE);
      await expectRows(officer, SIGNALS_PAGE);
      await officer.getByRole('button', { name: 'Volgende pagina' }).click();
      await officer.waitForURL((url) => url.pathname === '/signals' && url.searchParams.has('after'));
      await expectRows(officer, total - SIGNALS_PAGE);
      const second = new URL(officer.url());
      await officer.reload();
      expect(new URL(officer.url()).search).toBe(second.search);
      await expectRows(officer, total - SIGNALS_PAGE);
      await officer.goBack();
      await officer.waitForURL((url) => url.pathname === '/signals' && url.search === '');
      await expectRows(officer, SIGNALS_PAGE);
    },
    STEP_MS,
  );

  it(
    'filters the escalation board by policy domain, lateness, raised by and addressed to, in the address',
    async () => {
      // An analyst's board has every escalation in one part, with every filter.
      const analyst = await newPage();
      await signIn(analyst, 'analyst', 'mnre1034', 'analyst-bzk');
      await analyst.goto(`${server.url}/escalations`);
      await expectListCount(analyst, ESCALATIONS);

      await analyst.locator('#board-domain').selectOption('energy');
      await analyst.getByRole('button', { name: 'Toepassen' }).click();
      await analyst.waitForURL('**/escalations?domain=energy');
      await expectListCount(analyst, 1);
      await analyst.getByRole('link', { name: ENERGY_TITLE }).waitFor();
      await analyst.reload();
      await expectValue(analyst, '#board-domain', 'energy');
      await expectListCount(analyst, 1);

      // Nothing is late yet: "only late" finds none, "not late" every one.
      await analyst.goto(`${server.url}/escalations?overdue=1`);
      await expectValue(analyst, '#board-overdue', '1');
      await expectListCount(analyst, 0);
      await analyst.locator('#board-overdue').selectOption('0');
      await analyst.getByRole('button', { name: 'Toepassen' }).click();
      await analyst.waitForURL('**/escalations?overdue=0');
      await expectListCount(analyst, ESCALATIONS);

      await analyst.goto(`${server.url}/escalations?raisedBy=pv26`);
      await expectListCount(analyst, 1);
      await analyst.getByRole('link', { name: ADDRESSED_TITLE }).waitFor();
      await analyst.goto(`${server.url}/escalations?addressedTo=pv26`);
      await expectListCount(analyst, ESCALATIONS - 1);
      expect(await analyst.getByRole('link', { name: ADDRESSED_TITLE }).count()).toBe(0);
      await analyst.goBack();
      await analyst.waitForURL('**/escalations?raisedBy=pv26');
      await expectListCount(analyst, 1);

      // An administrator's part "addressed to us" takes the policy domain from the address too.
      const admin = await newPage();
      await signIn(admin, 'admin', 'pv26', 'admin-pv26');
      await admin.goto(`${server.url}/escalations`);
      await expectListCount(admin, ESCALATIONS - 1);
      await admin.goto(`${server.url}/escalations?domain=energy`);
      await expectListCount(admin, 1);
      await admin.getByRole('link', { name: ENERGY_TITLE }).waitFor();
    },
    STEP_MS,
  );

  it(
    "filters and searches the administrator's experiments in the address",
    async () => {
      const admin = await newPage();
      await signIn(admin, 'admin', 'pv26', 'admin-pv26');
      await admin.goto(`${server.url}/experiments`);
      await admin.getByRole('heading', { name: PILOT_A }).waitFor();
      await admin.getByRole('heading', { name: PILOT_B }).waitFor();
      await admin.locator('#experiments-filter-q').fill('warmtepompen');
      await admin.getByRole('button', { name: 'Toepassen' }).click();
      await admin.waitForURL('**/experiments?q=warmtepompen');
      await admin.getByRole('heading', { name: PILOT_A }).waitFor({ state: 'detached' });
      await admin.getByRole('heading', { name: PILOT_B }).waitFor();
      await admin.reload();
      await expectValue(admin, '#experiments-filter-q', 'warmtepompen');
      await admin.getByRole('heading', { name: PILOT_B }).waitFor();

      await admin.goto(`${server.url}/experiments?status=CLOSED`);
      await expectValue(admin, '#experiments-filter-status', 'CLOSED');
      await admin.getByText('Geen experimenten.').waitFor();
      expect(await admin.getByRole('heading', { name: PILOT_A }).count()).toBe(0);
      expect(await admin.getByRole('heading', { name: PILOT_B }).count()).toBe(0);
    },
    STEP_MS,
  );

  it(
    'names the default deadline on the escalation form before submitting: the end of the N-th working day',
    async () => {
      const told = (
        await server.graphql<{ data: { defaultRespondBy: string } }>('{ defaultRespondBy }', {
          token: utrechtOfficer,
        })
      ).body.data.defaultRespondBy;
      const expected = new Intl.DateTimeFormat('nl-NL', {
        timeZone: 'Europe/Amsterdam',
        day: 'numeric',
        month: 'short',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
      }).format(new Date(told));
      expect(expected).toMatch(/23:59$/);
      const officer = await newPage();
      await signIn(officer, 'officer', 'gm0344', 'officer-utrecht');
      await officer.goto(`${server.url}/escalations/new?signals=${firstSignal}`);
      await officer.getByText(`Leeg laten voor de standaardtermijn: ${expected}.`).waitFor();
    },
    STEP_MS,
  );
});
