import { type Browser, type Page } from 'playwright-core';
import { WebModule } from '../apps/server/src/web/web.module';
import {
  AdministrationClient,
  amsterdamOfficer,
  analyst as analystToken,
  dutchDate,
  provinceAdmin,
  signalBody,
} from './escalations.fixtures';
import { expectAccessible } from './support/accessibility';
import { launchChromium } from './support/browser';
import { signIn as signInAt, type WebRole, openUserPage } from './support/web-session';
import { pick } from './support/pickers';
import { startTestServer, type TestServer } from './support/test-server';
import { buildWebAppOnce } from './support/web-build';

// No more pasted ids: linking an agreement or experiment to an escalation, marking a signal as a
// duplicate and choosing authorities happen in search-as-you-type pickers (ARIA comboboxes) over
// what the user may see, in Debian's Chromium against the real server.

// The little of the DOM the page callbacks below use (the test project compiles without lib "dom").
declare const document: {
  querySelector(selector: string): { value?: string } | null;
  documentElement: { scrollWidth: number };
};

const STEP_MS = 60_000;
const GRANTED_TITLE = 'Zonnepanelen op monumenten: Bbl en omgevingsplan spreken elkaar tegen';
const HIDDEN_TITLE = 'Zonnepanelen op grachtenpanden in Amsterdam';

describe('web app: pickers instead of pasted ids', () => {
  let server: TestServer;
  let api: AdministrationClient;
  let browser: Browser;
  let grantedId = '';
  let originalId = '';
  let copyId = '';

  beforeAll(async () => {
    buildWebAppOnce();
    server = await startTestServer({ modules: [WebModule] });
    api = new AdministrationClient(server);
    // Raised by Utrecht to the province, decided "experiment granted".
    grantedId = await api.decided('EXPERIMENT_GRANTED');
    // Amsterdam's escalation to Noord-Holland: the province's administrator may not see it.
    const amsterdamSignal = await api.recordSignal(amsterdamOfficer, {
      authorities: ['gm0363', 'pv27'],
      location: { municipality: 'gm0363', lat: 52.37, lon: 4.89 },
    });
    await api.raise([amsterdamSignal], { title: HIDDEN_TITLE, addressedTo: 'pv27' }, amsterdamOfficer);
    originalId = await api.recordSignal(
      undefined,
      signalBody({ title: 'Daktuin op rijksmonument vastgelopen' }),
    );
    copyId = await api.recordSignal(
      undefined,
      signalBody({ title: 'Groen dak op monument: zelfde conflict' }),
    );
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const newPage = (width = 1280): Promise<Page> => openUserPage(browser, { width });

  const signIn = (page: Page, role: WebRole, authority: string, sub: string) =>
    signInAt(page, `${server.url}/`, role, authority, sub);

  /** Waits until the input shows `value` (a prefilled choice shows once its label is read). */
  const waitForValue = async (page: Page, selector: string, value: string) =>
    page.waitForFunction(([sel, expected]) => document.querySelector(sel)?.value === expected, [
      selector,
      value,
    ] as const);

  it(
    'starts an agreement from the decided escalation with the escalation preselected by its title',
    async () => {
      const admin = await newPage();
      await signIn(admin, 'admin', 'pv26', 'admin-pv26');
      await admin.goto(`${server.url}/escalations/${grantedId}`);
      await admin.getByRole('link', { name: 'Afspraak maken' }).click();
      await admin.waitForURL(`**/agreements?escalation=${grantedId}`);
      const picker = admin.locator('#agreement-escalationId');
      // The id from the address shows as the escalation's title, never as the id.
      await waitForValue(admin, '#agreement-escalationId', GRANTED_TITLE);
      expect(await picker.getAttribute('role')).toBe('combobox');

      await admin.locator('#agreement-title').fill('Omgevingsverordening aanpassen');
      await admin.locator('#agreement-commitment').fill('De provincie legt een voorstel voor.');
      await pick(admin, 'agreement-parties', 'gemeente utr', 'Gemeente Utrecht gm0344');
      await admin.getByRole('listitem').filter({ hasText: 'Gemeente Utrecht' }).first().waitFor();
      await admin.locator('#agreement-dueBy').fill(dutchDate(90));
      await admin.locator('#agreement-firstFollowUpOn').fill(dutchDate(30));
      await admin.getByRole('button', { name: 'Nieuwe afspraak' }).click();
      await admin.getByText('De afspraak is gemaakt.').waitFor();

      const made = await server.graphql<{
        data: { agreements: { edges: { node: { title: string; parties: string[] } }[] } };
      }>(
        `query ($id: ID) { agreements(filter: { escalationId: $id }) { edges { node { title parties } } } }`,
        {
          token: provinceAdmin,
          variables: { id: grantedId },
        },
      );
      expect(made.body.data.agreements.edges.map((edge) => edge.node)).toEqual([
        { title: 'Omgevingsverordening aanpassen', parties: expect.arrayContaining(['gm0344', 'pv26']) },
      ]);
    },
    STEP_MS,
  );

  it(
    'finds the escalation for an experiment by typing, with the keyboard, among those the user may see',
    async () => {
      const admin = await newPage();
      await signIn(admin, 'admin', 'pv26', 'admin-pv26');
      await admin.goto(`${server.url}/experiments`);
      const input = admin.locator('#experiment-escalationId');
      await input.fill('zonnepanelen');
      const listbox = admin.locator('#experiment-escalationId-listbox');
      const option = listbox.getByRole('option', { name: new RegExp(`^${GRANTED_TITLE}`) });
      await option.waitFor();
      expect(await input.getAttribute('aria-expanded')).toBe('true');
      expect(await input.getAttribute('aria-controls')).toBe('experiment-escalationId-listbox');
      // The option says who raised it, to whom and how far it is.
      expect(await option.innerText()).toContain('Gemeente Utrecht → Provincie Utrecht');
      // Amsterdam's escalation is not the province's to see, so it is not offered.
      expect(await listbox.getByRole('option').count()).toBe(1);
      expect(await listbox.innerText()).not.toContain(HIDDEN_TITLE);
      await admin.getByRole('status').filter({ hasText: '1 resultaat' }).waitFor({ state: 'attached' });
      await expectAccessible(admin);

      await input.press('ArrowDown');
      expect(await input.getAttribute('aria-activedescendant')).toBe('experiment-escalationId-option-0');
      expect(await option.getAttribute('class')).toContain('pl-combobox__option--active');
      await input.press('Enter');
      expect(await input.inputValue()).toBe(GRANTED_TITLE);
      expect(await input.getAttribute('aria-expanded')).toBe('false');

      // Escape closes; a second Escape clears the choice, which the form then asks for.
      await input.press('ArrowDown');
      await input.press('Escape');
      expect(await input.getAttribute('aria-expanded')).toBe('false');
      await input.press('Escape');
      expect(await input.inputValue()).toBe('');
      await admin.getByRole('button', { name: 'Experiment starten' }).click();
      await admin.locator('[data-field-error="experiment-escalationId"]').waitFor();
    },
    STEP_MS,
  );

  it(
    'lets an analyst mark a signal as a duplicate by finding the original by its words',
    async () => {
      const page = await newPage();
      await signIn(page, 'analyst', 'mnre1034', 'analyst-1');
      await page.goto(`${server.url}/signals/${copyId}`);
      await page.getByRole('heading', { level: 1, name: 'Groen dak op monument: zelfde conflict' }).waitFor();
      await pick(page, 'duplicate-signalId', 'daktuin', /^Daktuin op rijksmonument vastgelopen/);
      expect(await page.locator('#duplicate-signalId').inputValue()).toBe(
        'Daktuin op rijksmonument vastgelopen',
      );
      await page.getByRole('button', { name: 'Markeren als dubbel' }).click();
      await page.getByText('Het signaal is gemarkeerd als dubbel.').waitFor();
      const marked = await server.graphql<{ data: { signal: { status: string } } }>(
        `query ($id: ID!) { signal(id: $id) { status } }`,
        { token: analystToken, variables: { id: copyId } },
      );
      expect(marked.body.data.signal.status).toBe('DUPLICATE');
      const duplicateOf = await api.get<{ duplicateOf?: string; signal?: { duplicateOf?: string } }>(
        `/api/v1/signals/${copyId}`,
        analystToken,
      );
      expect(duplicateOf.body.signal?.duplicateOf ?? duplicateOf.body.duplicateOf).toBe(originalId);
      // The signal itself is never offered as its own original.
      await page.locator('#duplicate-signalId').fill('groen dak');
      await page
        .locator('#duplicate-signalId-listbox + .pl-combobox__empty', { hasText: 'Geen resultaten' })
        .waitFor();
    },
    STEP_MS,
  );

  it(
    'makes the registry of authorities searchable and grouped by government layer',
    async () => {
      const admin = await newPage();
      await signIn(admin, 'admin', 'pv26', 'admin-pv26');
      await admin.goto(`${server.url}/agreements`);
      const owner = admin.locator('#agreement-owner');
      await waitForValue(admin, '#agreement-owner', 'Provincie Utrecht');
      await owner.fill('utrecht');
      const listbox = admin.locator('#agreement-owner-listbox');
      await listbox
        .getByRole('group', { name: 'Provincie' })
        .getByRole('option', { name: 'Provincie Utrecht pv26' })
        .waitFor();
      await listbox
        .getByRole('group', { name: 'Gemeente' })
        .getByRole('option', { name: 'Gemeente Utrecht gm0344' })
        .waitFor();
      expect(await listbox.getByRole('option', { name: /Amsterdam/ }).count()).toBe(0);
      await expectAccessible(admin);
      // By code, too.
      await owner.fill('gm0363');
      expect(await listbox.getByRole('option').allInnerTexts()).toEqual([
        expect.stringContaining('Gemeente Amsterdam'),
      ]);
      await listbox.getByRole('option').first().click();
      expect(await owner.inputValue()).toBe('Gemeente Amsterdam');
    },
    STEP_MS,
  );

  it(
    'keeps an open picker on a 375 px screen, accessible and without sideways scrolling',
    async () => {
      const officer = await newPage(375);
      await signIn(officer, 'officer', 'gm0344', 'officer-utrecht');
      await officer.goto(`${server.url}/signals/new`);
      await officer.locator('#signal-authorities').fill('waterschap');
      await officer
        .locator('#signal-authorities-listbox')
        .getByRole('group', { name: 'Waterschap' })
        .waitFor();
      expect(await officer.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      await expectAccessible(officer);
    },
    STEP_MS,
  );
});
