import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { WebModule } from '../apps/server/src/web/web.module';
import {
  AdministrationClient,
  dutchDate,
  provinceAdmin,
  signalBody,
  utrechtOfficer,
} from './escalations.fixtures';
import { startTestServer, type TestServer } from './support/test-server';
import { expectAccessible } from './support/accessibility';
import { launchChromium } from './support/browser';
import { signIn as signInAt, type WebRole, openUserPage } from './support/web-session';
import { buildWebAppOnce } from './support/web-build';
import { pick } from './support/pickers';

// Issue 20 in Debian's Chromium against the real server: agreements and experiments have pages
// with their whole log, linked both ways with the escalation they answer; officers amend their
// signals and histories show old -> new; irreversible steps ask first; search shows why it matched.

// The little of the DOM the page callbacks below use (the test project compiles without lib "dom").
declare const document: { activeElement: { textContent: string | null } | null };

const ROOT = resolve(__dirname, '..');
const SCREENSHOTS = join(ROOT, 'screenshots');

const STEP_MS = 90_000;

describe('web app: records people can read, change and close', () => {
  let server: TestServer;
  let api: AdministrationClient;
  let browser: Browser;

  beforeAll(async () => {
    buildWebAppOnce();
    mkdirSync(SCREENSHOTS, { recursive: true });
    server = await startTestServer({ modules: [WebModule] });
    api = new AdministrationClient(server);
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const newPage = (width = 1280): Promise<Page> => openUserPage(browser, { width });

  const signIn = (page: Page, role: WebRole, authority: string, sub: string) =>
    signInAt(page, `${server.url}/`, role, authority, sub);

  /** The same page at 375 px: still no serious or critical finding. */
  const expectAccessibleNarrow = async (page: Page) => {
    const wide = page.viewportSize() ?? { width: 1280, height: 900 };
    await page.setViewportSize({ width: 375, height: 800 });
    await expectAccessible(page);
    await page.setViewportSize(wide);
  };

  it(
    "shows an agreement's whole log with every report's text, linked both ways with its escalation",
    async () => {
      const escalationId = await api.decided('POLICY_ADJUSTED');
      const agreementId = await api.agreement({
        escalationId,
        title: 'Verordening aanpassen voor zonnepanelen',
      });
      const base = `/api/v1/agreements/${agreementId}` as const;
      await api.ok(`${base}/progress`, provinceAdmin, {
        percent: 30,
        note: 'Eerste concept naar de commissie.',
      });
      await api.ok(`${base}/progress`, provinceAdmin, { percent: 60, note: 'Inspraakreacties verwerkt.' });
      await api.ok(`${base}/follow-ups`, provinceAdmin, {
        heldOn: dutchDate(0),
        assessment: 'AT_RISK',
        notes: 'De planning van Gedeputeerde Staten schuift een maand op.',
        nextFollowUpOn: dutchDate(30),
      });

      const page = await newPage();
      await signIn(page, 'admin', 'pv26', 'admin-pv26');
      await page.goto(`${server.url}/escalations/${escalationId}`);
      const answers = page.getByRole('region', { name: 'Afspraken en experimenten' });
      await answers.getByRole('link', { name: 'Verordening aanpassen voor zonnepanelen' }).click();
      await page.waitForURL(`**/agreements/${agreementId}`);
      await page
        .getByRole('heading', { level: 1, name: 'Verordening aanpassen voor zonnepanelen' })
        .waitFor();

      const log = page.getByRole('region', { name: 'Logboek' });
      for (const text of [
        'Voortgang gemeld: 30%',
        'Eerste concept naar de commissie.',
        'Voortgang gemeld: 60%',
        'Inspraakreacties verwerkt.',
        'De planning van Gedeputeerde Staten schuift een maand op.',
      ]) {
        await log.getByText(text, { exact: true }).waitFor();
      }
      await log.getByText(/Terugkomgesprek van .* · Risico/).waitFor();
      await expectAccessible(page);
      await page.screenshot({ path: join(SCREENSHOTS, 'agreement-page.png'), fullPage: true });
      await expectAccessibleNarrow(page);

      // A follow-up recorded in the browser shows its text in the log at once.
      await page.getByLabel(/^Gehouden op/).fill(dutchDate(0));
      await page.getByLabel(/^Beoordeling/).selectOption('ON_TRACK');
      await page.getByLabel(/^Verslag/).fill('Weer op schema na extra capaciteit.');
      await page.getByRole('button', { name: 'Terugkomgesprek vastleggen' }).click();
      await log.getByText('Weer op schema na extra capaciteit.', { exact: true }).waitFor();

      await page.getByRole('link', { name: 'Escalatie', exact: true }).click();
      await page.waitForURL(`**/escalations/${escalationId}`);
    },
    STEP_MS,
  );

  it(
    'closes an agreement only when asked to and confirmed, with nothing preselected',
    async () => {
      const agreementId = await api.agreement({ title: 'Subsidieregeling herzien' });
      const page = await newPage();
      await signIn(page, 'admin', 'pv26', 'admin-pv26');
      await page.goto(`${server.url}/agreements/${agreementId}`);
      const kind = page.getByLabel('Afsluiten als');
      expect(await kind.inputValue()).toBe('');

      await page.getByLabel('Resultaat of reden').fill('De regeling blijkt niet nodig.');
      await page.getByRole('button', { name: 'Opslaan', exact: true }).click();
      await page.locator('[data-field-error$="-close-kind"]').waitFor();

      await kind.selectOption('cancel');
      await page.getByRole('button', { name: 'Opslaan', exact: true }).click();
      const dialog = page.getByRole('alertdialog', { name: 'Afspraak annuleren?' });
      await dialog.waitFor();
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Nee, terug');
      await expectAccessible(page);
      await page.screenshot({ path: join(SCREENSHOTS, 'agreement-confirm.png') });
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });
      expect(
        (await api.get<{ status: string }>(`/api/v1/agreements/${agreementId}`, provinceAdmin)).body.status,
      ).toBe('OPEN');

      await page.getByRole('button', { name: 'Opslaan', exact: true }).click();
      await dialog.getByRole('button', { name: 'Ja, annuleren' }).click();
      await page.getByText('De afspraak is afgesloten.').first().waitFor();
      expect(
        (await api.get<{ status: string }>(`/api/v1/agreements/${agreementId}`, provinceAdmin)).body.status,
      ).toBe('CANCELLED');
    },
    STEP_MS,
  );

  it(
    "shows an experiment's log and links it both ways with its escalation",
    async () => {
      const experimentId = await api.experiment({ title: 'Pilot onzichtbare panelen' });
      await api.ok(`/api/v1/experiments/${experimentId}/extend`, provinceAdmin, {
        endsOn: dutchDate(500),
        reason: 'De eerste winter gaf te weinig meetgegevens.',
      });
      const page = await newPage();
      await signIn(page, 'admin', 'pv26', 'admin-pv26');
      await page.goto(`${server.url}/experiments/${experimentId}`);
      await page.getByRole('heading', { level: 1, name: 'Pilot onzichtbare panelen' }).waitFor();
      const log = page.getByRole('region', { name: 'Logboek' });
      await log.getByText('De eerste winter gaf te weinig meetgegevens.', { exact: true }).waitFor();
      await log.getByText(/Verlengd tot/).waitFor();
      await expectAccessible(page);
      await page.getByRole('link', { name: 'Escalatie', exact: true }).click();
      await page
        .getByRole('region', { name: 'Afspraken en experimenten' })
        .getByRole('link', { name: 'Pilot onzichtbare panelen' })
        .waitFor();
    },
    STEP_MS,
  );

  it(
    'closes an evaluated experiment only after confirmation, and shows the evaluation in its log',
    async () => {
      const experimentId = await api.experiment({ title: 'Pilot groene daken' });
      await api.ok(`/api/v1/experiments/${experimentId}/evaluate`, provinceAdmin, {
        conclusion: 'Groene daken houden het regenwater vast.',
        policyConsequence: 'ADOPT_IN_POLICY',
        rationale: 'Alle drie de daken voldeden.',
      });
      const page = await newPage(375);
      await signIn(page, 'admin', 'pv26', 'admin-pv26');
      await page.goto(`${server.url}/experiments/${experimentId}`);
      const log = page.getByRole('region', { name: 'Logboek' });
      await log.getByText('Groene daken houden het regenwater vast.', { exact: true }).waitFor();
      await page.getByRole('button', { name: 'Afsluiten', exact: true }).click();
      const dialog = page.getByRole('alertdialog', { name: 'Experiment afsluiten?' });
      await dialog.waitFor();
      await expectAccessible(page);
      await dialog.getByRole('button', { name: 'Nee, terug' }).click();
      await dialog.waitFor({ state: 'hidden' });
      expect(
        (await api.get<{ status: string }>(`/api/v1/experiments/${experimentId}`, provinceAdmin)).body.status,
      ).toBe('EVALUATED');
      await page.getByRole('button', { name: 'Afsluiten', exact: true }).click();
      await dialog.getByRole('button', { name: 'Ja, afsluiten' }).click();
      await log.getByText('Afgesloten', { exact: true }).waitFor();
    },
    STEP_MS,
  );

  it(
    'transfers an escalation only after confirmation, and shows the addressee old -> new',
    async () => {
      const escalationId = await api.acknowledged();
      const page = await newPage();
      await signIn(page, 'admin', 'pv26', 'admin-pv26');
      await page.goto(`${server.url}/escalations/${escalationId}`);
      const form = page.locator('section[aria-labelledby="transfer-heading"]');
      await pick(page, 'transfer-to', 'mnre1171', /^Ministerie van Volkshuisvesting/);
      await form.getByLabel(/^Reden/).fill('Dit is rijksbeleid.');
      await form.getByRole('button', { name: 'Doorsturen (verkeerd geadresseerd)' }).click();
      const dialog = page.getByRole('alertdialog', { name: /^Escalatie doorsturen naar / });
      await dialog.waitFor();
      await dialog.getByRole('button', { name: 'Ja, doorsturen' }).click();
      await page.getByText('De escalatie is doorgestuurd.').first().waitFor();
      // The province no longer reads it; the ministry sees the transfer as old -> new.
      const ministry = await newPage();
      await signIn(ministry, 'admin', 'mnre1171', 'admin-vro');
      await ministry.goto(`${server.url}/escalations/${escalationId}`);
      const change = ministry.locator('[data-change-field="addressedTo"]');
      await change.waitFor();
      expect(await change.locator('del').textContent()).toBe('Provincie Utrecht');
    },
    STEP_MS,
  );

  it(
    'lets the officer amend a signal and shows old -> new in the history; withdrawing asks first',
    async () => {
      const signalId = await api.recordSignal(utrechtOfficer, {
        title: 'Dakkapel aan de voorkant geweigerd',
      });
      const page = await newPage();
      await signIn(page, 'officer', 'gm0344', 'officer-utrecht');
      await page.goto(`${server.url}/signals/${signalId}`);
      const amend = page.getByRole('region', { name: 'Signaal wijzigen' });
      await amend.getByLabel(/^Titel/).fill('Dakkapel aan de voorkant van een rijksmonument geweigerd');
      await amend.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
      await page.getByText('Het signaal is gewijzigd.').first().waitFor();

      const change = page.locator('[data-change-field="title"]');
      await change.waitFor();
      expect(await change.locator('del').textContent()).toBe('Dakkapel aan de voorkant geweigerd');
      expect(await change.locator('ins').textContent()).toBe(
        'Dakkapel aan de voorkant van een rijksmonument geweigerd',
      );
      await expectAccessible(page);
      await page.screenshot({ path: join(SCREENSHOTS, 'signal-amended.png'), fullPage: true });
      await expectAccessibleNarrow(page);

      await page.getByLabel(/Reden van intrekken/).fill('Dubbel ingediend.');
      await page.getByRole('button', { name: 'Intrekken', exact: true }).click();
      const dialog = page.getByRole('alertdialog', { name: 'Signaal intrekken?' });
      await dialog.getByRole('button', { name: 'Nee, terug' }).click();
      await dialog.waitFor({ state: 'hidden' });
      expect(
        (await api.get<{ status: string }>(`/api/v1/signals/${signalId}`, utrechtOfficer)).body.status,
      ).toBe('ACTIVE');
      await page.getByRole('button', { name: 'Intrekken', exact: true }).click();
      await dialog.getByRole('button', { name: 'Ja, intrekken' }).click();
      await page.getByText('Het signaal is ingetrokken.').first().waitFor();
    },
    STEP_MS,
  );

  it(
    'refuses an empty classification in the form, and shows the classification as old -> new',
    async () => {
      const signalId = await api.recordSignal(utrechtOfficer);
      const page = await newPage();
      await signIn(page, 'analyst', 'mnre1034', 'analyst-bzk');
      await page.goto(`${server.url}/signals/${signalId}`);
      await page.getByRole('button', { name: 'Classificeren', exact: true }).click();
      await page.getByText('Vul ten minste één thema in of kies een ander beleidsdomein.').first().waitFor();
      await page.getByLabel(/Thema’s/).fill('erfgoed, zonne-energie');
      await page.getByRole('button', { name: 'Classificeren', exact: true }).click();
      const change = page.locator('[data-change-field="themes"]');
      await change.waitFor();
      expect(await change.locator('ins').textContent()).toBe('erfgoed, zonne-energie');
    },
    STEP_MS,
  );

  it(
    'searches Dutch word forms, shows the matched passage as text, and points out a backwards period',
    async () => {
      await api.ok(
        '/api/v1/signals',
        utrechtOfficer,
        signalBody({
          type: 'BARRIER',
          title: 'Dakopbouw <b>vraagt</b> vergunning',
          description: 'Voor een kleine dakopbouw is nog steeds een omgevingsvergunning nodig <img src=x>.',
          norms: [],
          authorities: ['gm0344'],
        }),
        201,
      );
      const page = await newPage(375);
      await signIn(page, 'officer', 'gm0344', 'officer-utrecht');
      await page.goto(`${server.url}/signals`);
      await page.getByLabel('Zoeken in signalen').fill('dakopbouwen');
      await page.getByRole('button', { name: 'Zoeken', exact: true }).click();
      const snippet = page.locator('.pl-snippet').first();
      await snippet.waitFor();
      expect(await snippet.locator('mark').first().textContent()).toBe('dakopbouw');
      expect(await snippet.textContent()).toContain('nodig <img src=x>.');
      expect(await page.locator('.pl-snippet img').count()).toBe(0);
      await expectAccessible(page);
      await page.screenshot({ path: join(SCREENSHOTS, 'signals-snippet.png'), fullPage: true });

      await page.getByLabel(/Waargenomen ≥/).fill('2026-03-05');
      await page.getByLabel(/Waargenomen ≤/).fill('2026-03-01');
      await page.getByRole('button', { name: 'Zoeken', exact: true }).click();
      await page.getByText('De datum “tot en met” moet op of na de datum “vanaf” liggen.').waitFor();
    },
    STEP_MS,
  );
});
