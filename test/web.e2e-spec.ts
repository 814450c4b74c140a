import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { WebModule } from '../apps/server/src/web/web.module';
import { startTestServer, type TestServer } from './support/test-server';
import { expectAccessible } from './support/accessibility';
import { launchChromium } from './support/browser';
import { signIn as signInAt, type WebRole, openUserPage } from './support/web-session';
import { pick } from './support/pickers';
import { buildWebAppOnce } from './support/web-build';

// The web app in Debian's Chromium against the real server: an officer records and escalates a
// signal, the addressed administrator acknowledges it, the analyst's dashboard counts it; every
// main page passes an axe scan without serious or critical violations and is photographed.

const ROOT = resolve(__dirname, '..');
const SCREENSHOTS = join(ROOT, 'screenshots');

// Steps drive a real browser; Jest's 5 s default is too short on a shared 2-core machine.
const STEP_MS = 60_000;

const SIGNAL_TITLE = 'Daktuin op monument botst met bouwregels';
const ESCALATION_TITLE = 'Daktuinen op monumenten: regels botsen';

function isoDaysAgo(days: number): string {
  const date = new Date(Date.now() - days * 86_400_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

describe('web app in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let officer: Page;
  let admin: Page;
  let analyst: Page;
  let signalUrl = '';
  let totalBefore = -1;

  beforeAll(async () => {
    // The server serves apps/web/dist; built once per run from the sources under test.
    buildWebAppOnce();
    mkdirSync(SCREENSHOTS, { recursive: true });

    server = await startTestServer({ modules: [WebModule] });
    browser = await launchChromium();
    // Each user in a browser context of their own, so their tokens stay apart.
    [officer, admin, analyst] = await Promise.all([0, 1, 2].map(() => openUserPage(browser)));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const signIn = (page: Page, role: WebRole, authority: string, sub: string) =>
    signInAt(page, `${server.url}/`, role, authority, sub).catch(async (error: unknown) => {
      await photograph(page, `failed-sign-in-${role}`);
      throw error;
    });

  const photograph = (page: Page, name: string) =>
    page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });

  /** Views are eventually consistent for other users: refresh until the expected text shows. */
  const refreshUntilVisible = async (page: Page, text: string) => {
    for (let attempt = 0; attempt < 20; attempt++) {
      if (await page.getByText(text, { exact: false }).first().isVisible()) return;
      await page.getByRole('button', { name: 'Vernieuwen' }).click();
      await page.waitForTimeout(250);
    }
    await expectVisible(page, text);
  };

  const expectVisible = async (page: Page, text: string) => {
    await page.getByText(text, { exact: false }).first().waitFor({ state: 'visible' });
  };

  it(
    'shows the development sign-in page, accessible, in Dutch',
    async () => {
      await analyst.goto(`${server.url}/`);
      await analyst.waitForURL('**/sign-in**');
      expect(await analyst.locator('html').getAttribute('lang')).toBe('nl');
      await expectVisible(analyst, 'Aanmelden');
      // The first Tab reaches the skip link, which moves focus to the main content.
      await analyst.keyboard.press('Tab');
      expect(await analyst.locator(':focus').textContent()).toBe('Direct naar de inhoud');
      await analyst.keyboard.press('Enter');
      expect(await analyst.locator(':focus').getAttribute('id')).toBe('main');
      await expectAccessible(analyst);
      await photograph(analyst, '01-sign-in');
    },
    STEP_MS,
  );

  it(
    'lets the analyst read the dashboard before the officer reports',
    async () => {
      await signIn(analyst, 'analyst', 'mnre1034', 'analyst-1');
      // Everybody lands on "Mijn taken"; the dashboard is one step from it in the navigation.
      await analyst.waitForURL('**/tasks');
      await analyst.getByRole('link', { name: 'Dashboard', exact: true }).click();
      await analyst.waitForURL('**/dashboard');
      const total = analyst.locator('#figure-total-signals');
      await total.waitFor();
      totalBefore = Number((await total.innerText()).replace(/\D/g, ''));
      expect(totalBefore).toBeGreaterThanOrEqual(0);
    },
    STEP_MS,
  );

  it(
    'lets an officer record a signal, showing inline and server field errors next to the fields',
    async () => {
      await signIn(officer, 'officer', 'gm0344', 'officer-1');
      await officer.getByRole('link', { name: 'Nieuw signaal' }).click();
      await officer.waitForURL('**/signals/new');
      await officer.locator('#signal-type option[value="CONFLICTING_NORMS"]').waitFor({ state: 'attached' });
      await officer.locator('#signal-policyDomain option[value="building"]').waitFor({ state: 'attached' });
      await expectAccessible(officer);

      await officer.locator('#signal-type').selectOption('CONFLICTING_NORMS');
      // A title that is too short is refused inline, before anything is sent.
      await officer.locator('#signal-title').fill('ab');
      await officer.locator('#signal-title').press('Tab');
      await expect(officer.locator('[data-field-error="signal-title"]').innerText()).resolves.toContain(
        'De titel is 3 tot 200 tekens lang.',
      );
      expect(await officer.locator('#signal-title').getAttribute('aria-invalid')).toBe('true');

      await officer.locator('#signal-title').fill(SIGNAL_TITLE);
      await officer
        .locator('#signal-description')
        .fill(
          'Een bewonersinitiatief wil een daktuin op een rijksmonument; Bbl en Erfgoedwet eisen elk iets anders.',
        );
      await officer.locator('#signal-policyDomain').selectOption('building');
      await officer.locator('#signal-level').selectOption('POLICY');
      await officer.locator('#signal-initiativeKind').selectOption('CITIZEN_INITIATIVE');
      await officer.locator('#signal-observedAt').fill(isoDaysAgo(3));
      await pick(officer, 'signal-authorities', 'provincie utr', /^Provincie Utrecht/);
      await officer.locator('#signal-norms').fill('Bbl art. 4.101');
      await officer.getByRole('button', { name: 'Norm toevoegen' }).click();
      await officer.locator('#signal-norms-1').fill('Erfgoedwet art. 3.1');
      await officer.locator('#signal-initiative-name').fill('Bewonersvereniging Dakgroen');
      await officer.locator('#signal-location-municipality').fill('Utrecht');
      // A latitude out of range is left to the server: its problem+json field error lands on the field.
      await officer.locator('#signal-location-lat').fill('95');
      await officer.locator('#signal-location-lon').fill('5.12');
      await officer.getByRole('button', { name: 'Signaal vastleggen' }).click();
      const latError = officer.locator('[data-field-error="signal-location-lat"]');
      await latError.waitFor();
      expect((await latError.innerText()).length).toBeGreaterThan(0);
      await expectVisible(officer, 'Het formulier bevat');
      await expectAccessible(officer);
      await photograph(officer, '02-new-signal-errors');

      await officer.locator('#signal-location-lat').fill('52.09');
      await officer.getByRole('button', { name: 'Signaal vastleggen' }).click();
      await officer.waitForURL(/\/signals\/[0-9a-f-]{36}$/);
      signalUrl = officer.url();
      await expectVisible(officer, 'Het signaal is vastgelegd.');
      await expectVisible(officer, 'Signaal vastgelegd');
      await officer.getByRole('heading', { level: 1, name: SIGNAL_TITLE }).waitFor();
      await expectAccessible(officer);
      await photograph(officer, '03-signal');
    },
    STEP_MS,
  );

  it(
    "shows the new signal in the officer's list at once (read-your-writes)",
    async () => {
      await officer.getByRole('link', { name: 'Signalen', exact: true }).click();
      await officer.waitForURL('**/signals');
      await officer.getByRole('link', { name: SIGNAL_TITLE }).waitFor();
      await expectAccessible(officer);
      await photograph(officer, '04-signals');
    },
    STEP_MS,
  );

  it(
    'lets the officer escalate the signal to the province',
    async () => {
      await officer.getByRole('checkbox', { name: `Selecteer ${SIGNAL_TITLE}` }).check();
      await officer.getByRole('button', { name: /Escaleren \(1 geselecteerd\)/ }).click();
      await officer.waitForURL('**/escalations/new?signals=*');
      await officer.getByRole('link', { name: SIGNAL_TITLE }).waitFor();
      await expectAccessible(officer);
      await officer.locator('#escalate-title').fill(ESCALATION_TITLE);
      await officer
        .locator('#escalate-reason')
        .fill('Gemeenten kunnen dit conflict niet zelf oplossen; de provincie moet kiezen.');
      await pick(officer, 'escalate-addressedTo', 'pv26', /^Provincie Utrecht/);
      await officer.getByRole('button', { name: 'Escalatie indienen' }).click();
      await officer.waitForURL(/\/escalations\/[0-9a-f-]{36}$/);
      await expectVisible(officer, 'De escalatie is ingediend.');
      await officer.getByRole('heading', { level: 1, name: ESCALATION_TITLE }).waitFor();
      await expectVisible(officer, 'Aangekaart');
      await photograph(officer, '05-escalation-raised');
    },
    STEP_MS,
  );

  it(
    "puts the escalation on the addressed administrator's board, where they acknowledge it",
    async () => {
      await signIn(admin, 'admin', 'pv26', 'admin-1');
      await admin.waitForURL('**/tasks');
      await admin.goto(`${server.url}/escalations`);
      await refreshUntilVisible(admin, ESCALATION_TITLE);
      await expectVisible(admin, 'Wacht op bevestiging');
      await expectAccessible(admin);
      await photograph(admin, '06-board');

      await admin.getByRole('link', { name: ESCALATION_TITLE }).click();
      await admin.waitForURL(/\/escalations\/[0-9a-f-]{36}$/);
      await admin.getByRole('button', { name: 'Bevestigen (in behandeling nemen)' }).waitFor();
      await expectAccessible(admin);
      await admin.locator('#acknowledge-note').fill('Wij pakken dit op met de gemeente.');
      await admin.getByRole('button', { name: 'Bevestigen (in behandeling nemen)' }).click();
      await expectVisible(admin, 'De escalatie is in behandeling genomen.');
      await expectVisible(admin, 'In behandeling genomen');
      await admin.getByRole('button', { name: 'Besluiten' }).waitFor();
      await photograph(admin, '07-escalation-acknowledged');
    },
    STEP_MS,
  );

  it(
    'shows the administrator agreements and experiments pages without accessibility problems',
    async () => {
      await admin.getByRole('link', { name: 'Afspraken' }).click();
      await admin.waitForURL('**/agreements');
      await admin.getByRole('heading', { level: 2, name: 'Nieuwe afspraak' }).waitFor();
      await expectAccessible(admin);
      await photograph(admin, '08-agreements');
      await admin.getByRole('link', { name: 'Experimenten' }).click();
      await admin.waitForURL('**/experiments');
      await admin.getByRole('heading', { level: 2, name: 'Experiment starten' }).waitFor();
      await expectAccessible(admin);
      await photograph(admin, '09-experiments');
    },
    STEP_MS,
  );

  it(
    'shows the analyst the new signal in the dashboard count',
    async () => {
      const total = analyst.locator('#figure-total-signals');
      for (let attempt = 0; attempt < 20; attempt++) {
        if (Number((await total.innerText()).replace(/\D/g, '')) === totalBefore + 1) break;
        await analyst.getByRole('button', { name: 'Vernieuwen' }).click();
        await analyst.waitForTimeout(250);
      }
      expect(Number((await total.innerText()).replace(/\D/g, ''))).toBe(totalBefore + 1);
      await analyst
        .getByRole('heading', { level: 2, name: 'Signalen per beleidsterrein en niveau' })
        .waitFor();
      await expectAccessible(analyst);
      await photograph(analyst, '10-dashboard');

      await analyst.getByRole('button', { name: 'Switch to English' }).click();
      await analyst.getByRole('heading', { level: 1, name: 'Policy analysis dashboard' }).waitFor();
      expect(await analyst.locator('html').getAttribute('lang')).toBe('en');
      await analyst.getByRole('button', { name: 'Schakel naar Nederlands' }).click();
      await analyst.getByRole('heading', { level: 1, name: 'Dashboard beleidsanalyse' }).waitFor();
    },
    STEP_MS,
  );

  it(
    'lets the analyst find the signal and classify it',
    async () => {
      await analyst.getByRole('link', { name: 'Signalen', exact: true }).click();
      await analyst.waitForURL('**/signals');
      await analyst.getByRole('searchbox', { name: 'Zoeken in signalen' }).fill('daktuin');
      await analyst.getByRole('button', { name: 'Zoeken', exact: true }).click();
      await analyst.getByRole('link', { name: SIGNAL_TITLE }).waitFor();
      await expectAccessible(analyst);
      await analyst.getByRole('link', { name: SIGNAL_TITLE }).click();
      await analyst.waitForURL(signalUrl);
      await analyst.locator('#classify-themes').fill('monumenten, daktuinen');
      await analyst.getByRole('button', { name: 'Classificeren' }).click();
      await expectVisible(analyst, 'Het signaal is geclassificeerd.');
      await expectVisible(analyst, 'Signaal geclassificeerd');
      // The signal page follows the signal into its escalation.
      await analyst.getByRole('link', { name: ESCALATION_TITLE }).waitFor();
      await expectAccessible(analyst);
      await photograph(analyst, '11-signal-classified');
    },
    STEP_MS,
  );
});
