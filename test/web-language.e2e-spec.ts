import type { Browser, Page } from 'playwright-core';
import { PROJECTOR } from '../apps/server/src/projections/projections.tokens';
import { WebModule } from '../apps/server/src/web/web.module';
import type { Projector } from '@praktijklus/projections';
import { AdministrationClient, headOf } from './escalations.fixtures';
import { launchChromium } from './support/browser';
import { signIn as signInAt, type WebRole, openUserPage } from './support/web-session';
import { startTestServer, type TestServer } from './support/test-server';
import { buildWebAppOnce } from './support/web-build';
import { pick } from './support/pickers';

// Dutch throughout: the server's own refusals reach the forms in the interface's language, lists
// are in the order of their Dutch names, and the forms say what is required and what is wrong.

const STEP_MS = 90_000;

const dutch = new Intl.Collator('nl', { sensitivity: 'base', numeric: true });
const english = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

describe('the web app in Dutch', () => {
  let server: TestServer;
  let browser: Browser;
  let officer: Page;
  let admin: Page;
  let signalId = '';

  beforeAll(async () => {
    buildWebAppOnce();
    server = await startTestServer({ modules: [WebModule] });
    signalId = await new AdministrationClient(server).recordSignal();
    const head = await headOf(server);
    if (head !== undefined) await server.app.get<symbol, Projector>(PROJECTOR).waitFor(head, 10_000);
    browser = await launchChromium();
    [officer, admin] = await Promise.all([0, 1].map(() => openUserPage(browser)));
    await signIn(officer, 'officer', 'gm0344', 'officer-utrecht');
    await signIn(admin, 'admin', 'pv26', 'admin-pv26');
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const signIn = (page: Page, role: WebRole, authority: string, sub: string) =>
    signInAt(page, `${server.url}/sign-in`, role, authority, sub);

  const optionTexts = async (page: Page, selector: string): Promise<string[]> =>
    page.locator(`${selector} option:not([value=""])`).allTextContents();

  const sortedBy = (collator: Intl.Collator, texts: string[]) => [...texts].sort(collator.compare);

  it(
    "shows the server's refusal of a deadline in the past in Dutch next to the field and in the summary",
    async () => {
      await officer.goto(`${server.url}/escalations/new?signals=${signalId}`);
      await officer.locator('#escalate-title').fill('Zonnepanelen op monumenten');
      await officer.locator('#escalate-reason').fill('De gemeente kan dit niet zelf oplossen.');
      await pick(officer, 'escalate-addressedTo', 'pv26', /^Provincie Utrecht/);
      await officer.locator('#escalate-respondBy').fill('2026-01-05T10:00');
      await officer.getByRole('button', { name: 'Escalatie indienen' }).click();

      const fieldError = officer.locator('[data-field-error="escalate-respondBy"]');
      await fieldError.waitFor();
      expect(await fieldError.innerText()).toContain('Reageren vóór: kies een moment in de toekomst.');
      const summary = officer.locator('.pl-error-summary');
      expect(await summary.getByRole('heading').innerText()).toBe(
        'Het formulier bevat 1 fout. Verbeter het gemarkeerde veld.',
      );
      expect(await summary.locator('li').allInnerTexts()).toEqual([
        'Reageren vóór: kies een moment in de toekomst.',
      ]);

      // In English, the same refusal comes back in English.
      await officer.getByRole('button', { name: 'Switch to English' }).click();
      await officer.getByRole('button', { name: 'Raise escalation' }).click();
      await officer.getByText('Respond by: choose a moment in the future.').first().waitFor();
      await officer.getByRole('button', { name: 'Schakel naar Nederlands' }).click();
    },
    STEP_MS,
  );

  it(
    'orders policy domains, signal types and authorities by their Dutch names (and English in English)',
    async () => {
      await officer.goto(`${server.url}/signals/new`);
      await officer.locator('#signal-policyDomain option[value="building"]').waitFor({ state: 'attached' });
      const domains = await optionTexts(officer, '#signal-policyDomain');
      expect(domains.length).toBeGreaterThan(5);
      expect(domains).toEqual(sortedBy(dutch, domains));
      const types = await optionTexts(officer, '#signal-type');
      expect(types).toEqual(sortedBy(dutch, types));
      expect(types).toContain('Belemmering');
      // Authorities are grouped by layer of government, each group in the order of the names.
      await officer.locator('#signal-authorities').focus();
      await officer.keyboard.press('ArrowDown');
      const groups = await officer.locator('#signal-authorities-listbox [role="group"]').all();
      expect(groups.length).toBeGreaterThan(3);
      for (const group of groups) {
        const names = await group.locator('[role="option"] .pl-combobox__label').allTextContents();
        expect(names.length).toBeGreaterThan(0);
        expect(names).toEqual(sortedBy(dutch, names));
      }
      await officer.keyboard.press('Escape');

      await officer.getByRole('button', { name: 'Switch to English' }).click();
      await officer.getByRole('heading', { level: 1, name: 'New signal' }).waitFor();
      const englishDomains = await optionTexts(officer, '#signal-policyDomain');
      expect(englishDomains).toEqual(sortedBy(english, englishDomains));
      expect(englishDomains).not.toEqual(domains);
      await officer.getByRole('button', { name: 'Schakel naar Nederlands' }).click();
      await officer.getByRole('heading', { level: 1, name: 'Nieuw signaal' }).waitFor();
    },
    STEP_MS,
  );

  it(
    'marks required fields, says which become required by the type, and names each field in the summary',
    async () => {
      await officer.goto(`${server.url}/signals/new`);
      await officer.locator('#signal-type option[value="CONFLICTING_NORMS"]').waitFor({ state: 'attached' });
      await officer.getByText('Velden met (verplicht) moeten worden ingevuld.').waitFor();
      expect(await officer.locator('label[for="signal-title"]').innerText()).toBe('Titel (verplicht)');
      expect(await officer.locator('label[for="signal-initiative-name"]').innerText()).not.toContain(
        'verplicht',
      );

      const norms = officer.locator('legend', { hasText: 'Normen (regels)' });
      const authorities = officer.locator('legend', { hasText: 'Betrokken overheden' });
      expect(await norms.innerText()).toContain('(optioneel)');
      await officer.locator('#signal-type').selectOption('CONFLICTING_NORMS');
      expect(await norms.innerText()).toContain('(verplicht bij tegenstrijdige normen: minstens twee)');
      expect(await authorities.innerText()).toContain('(optioneel)');
      await officer.locator('#signal-type').selectOption('UNCLEAR_AUTHORITY');
      expect(await authorities.innerText()).toContain(
        '(verplicht bij onduidelijk bevoegd gezag: minstens twee)',
      );
      expect(await norms.innerText()).toContain('(optioneel)');

      await officer.getByRole('button', { name: 'Signaal vastleggen' }).click();
      const summary = officer.locator('.pl-error-summary');
      await summary.waitFor();
      const heading = await summary.getByRole('heading').innerText();
      expect(heading).toMatch(/^Het formulier bevat \d+ fouten\. Verbeter de gemarkeerde velden\.$/);
      const items = await summary.locator('li').allInnerTexts();
      expect(items).toContain('Titel: Vul dit veld in.');
      expect(items).toContain(
        'Betrokken overheden: Noem bij onduidelijk bevoegd gezag minstens twee overheden.',
      );
      for (const item of items) expect(item).toMatch(/^[^:]{3,}: \S/);
    },
    STEP_MS,
  );

  it(
    'says the end date must lie after the start date',
    async () => {
      await admin.goto(`${server.url}/experiments`);
      await admin.getByRole('heading', { level: 2, name: 'Experiment starten' }).waitFor();
      await admin.locator('#experiment-startsOn').fill('2027-03-01');
      await admin.locator('#experiment-endsOn').fill('2027-02-01');
      await admin.getByRole('button', { name: 'Experiment starten' }).click();
      const endError = admin.locator('[data-field-error="experiment-endsOn"]');
      await endError.waitFor();
      expect(await endError.innerText()).toContain('De einddatum moet na de begindatum liggen.');
      expect(await admin.locator('.pl-error-summary li').allInnerTexts()).toContain(
        'Einddatum: De einddatum moet na de begindatum liggen.',
      );
    },
    STEP_MS,
  );
});
