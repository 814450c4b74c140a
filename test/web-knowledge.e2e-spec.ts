import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { WebModule } from '../apps/server/src/web/web.module';
import {
  AdministrationClient,
  experimentBody,
  provinceAdmin,
  raiseBody,
  utrechtOfficer,
} from './escalations.fixtures';
import { signalBody } from './signals.fixtures';
import { startTestServer, type TestServer } from './support/test-server';
import { expectAccessible } from './support/accessibility';
import { launchChromium } from './support/browser';
import { signIn, openUserPage } from './support/web-session';
import { buildWebAppOnce } from './support/web-build';

// Issue 17 in Debian's Chromium against the real server: an officer sees similar signals and
// precedents on a signal, gets duplicates suggested while typing a new one, and issues a follow
// link; the initiative opens it on a phone without signing in, then it is revoked.

const ROOT = resolve(__dirname, '..');
const SCREENSHOTS = join(ROOT, 'screenshots');
const STEP_MS = 60_000;

const INITIATIVE = { name: 'Stichting Stille Warmte', contact: 'bestuur@stillewarmte.example' };
const OWN_TITLE = 'Warmtepomp te luid voor gasloze nieuwbouw';
const KIN_TITLE = 'Geluidsnorm warmtepompen blokkeert gasloze wijk';
const ESCALATION_TITLE = 'Geluidsnorm warmtepompen: provincie gevraagd om ruimte';

const heatPump = (title: string, overrides: Record<string, unknown> = {}) =>
  signalBody({
    type: 'BARRIER',
    title,
    description: 'De geluidsnorm voor warmtepompen botst met de gasloze nieuwbouw in de binnenstad.',
    policyDomain: 'energy',
    norms: [{ ref: 'Bkl art. 5.65', title: 'Geluid warmtepompen' }],
    ...overrides,
  });

describe('web app: knowledge within reach (issue 17)', () => {
  let server: TestServer;
  let browser: Browser;
  let officer: Page;
  let initiative: Page;
  let ownId = '';
  let followUrl = '';

  beforeAll(async () => {
    buildWebAppOnce();
    mkdirSync(SCREENSHOTS, { recursive: true });

    server = await startTestServer({ modules: [WebModule] });
    const client = new AdministrationClient(server);
    ownId = (
      await client.ok('/api/v1/signals', utrechtOfficer, heatPump(OWN_TITLE, { initiative: INITIATIVE }), 201)
    ).id;
    const kinId = (await client.ok('/api/v1/signals', utrechtOfficer, heatPump(KIN_TITLE), 201)).id;
    const escalation = (
      await client.ok(
        '/api/v1/escalations',
        utrechtOfficer,
        raiseBody([kinId], { title: ESCALATION_TITLE }),
        201,
      )
    ).id;
    await client.ok(`/api/v1/escalations/${escalation}/acknowledge`, provinceAdmin, {});
    await client.ok(`/api/v1/escalations/${escalation}/decide`, provinceAdmin, {
      outcome: 'EXPERIMENT_GRANTED',
      rationale: 'Een proef met stillere warmtepompen in twee wijken.',
    });
    await client.ok('/api/v1/experiments', provinceAdmin, experimentBody(escalation), 201);

    browser = await launchChromium();
    officer = await openUserPage(browser);
    // The initiative reads its page on a phone, with no session of any kind.
    initiative = await openUserPage(browser, { width: 375, height: 740 });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** In-app navigation: the session lives in the page, so a full load would sign the officer out. */
  const open = (page: Page, path: string) =>
    page.evaluate(
      `history.pushState(null, '', ${JSON.stringify(path)}); dispatchEvent(new PopStateEvent('popstate'));`,
    );

  it(
    'shows similar signals and precedents on the signal page',
    async () => {
      await signIn(officer, `${server.url}/`, 'officer', 'gm0344', String(utrechtOfficer.sub));

      await open(officer, `/signals/${ownId}`);
      const similar = officer.getByRole('region', { name: 'Lijkt op deze signalen' });
      await similar.getByRole('link', { name: KIN_TITLE }).waitFor();
      expect(await similar.getByText('zelfde norm').count()).toBeGreaterThan(0);
      const precedents = officer.getByRole('region', { name: 'Hoe is dit elders opgelost?' });
      await precedents.getByRole('link', { name: ESCALATION_TITLE }).waitFor();
      await precedents.getByText('Een proef met stillere warmtepompen in twee wijken.').waitFor();
      await expectAccessible(officer);
      await officer.screenshot({ path: join(SCREENSHOTS, 'knowledge-signal.png'), fullPage: true });
    },
    STEP_MS,
  );

  it(
    'suggests an existing signal while the officer types a new one',
    async () => {
      await open(officer, '/signals/new');
      await officer.getByLabel('Titel').fill('Warmtepomp geluidsnorm');
      await officer
        .getByLabel('Beschrijving')
        .fill('Gasloze nieuwbouw loopt vast op de geluidsnorm voor warmtepompen.');
      const suggestions = officer.getByRole('complementary', { name: 'Bestaat dit signaal al?' });
      await suggestions.getByRole('link', { name: KIN_TITLE }).waitFor();
      await expectAccessible(officer);
    },
    STEP_MS,
  );

  it(
    'lets the initiative follow its case on a phone without signing in, with no personal data, until revoked',
    async () => {
      await open(officer, `/signals/${ownId}`);
      await officer.getByRole('button', { name: 'Volglink maken' }).click();
      followUrl = (await officer.locator('code.pl-follow-url').textContent()) ?? '';
      expect(followUrl).toMatch(/\/volgen\/[A-Za-z0-9_-]{43}$/);

      await initiative.goto(followUrl);
      await initiative.getByRole('heading', { level: 1, name: OWN_TITLE }).waitFor();
      await initiative.getByText('Uw melding is ontvangen en in behandeling.').waitFor();
      const text = (await initiative.locator('body').textContent()) ?? '';
      for (const secret of [INITIATIVE.name, INITIATIVE.contact, String(utrechtOfficer.sub)])
        expect(text).not.toContain(secret);
      const width = await initiative.evaluate<number>('document.documentElement.scrollWidth');
      expect(width).toBeLessThanOrEqual(375);
      await expectAccessible(initiative);
      await initiative.screenshot({ path: join(SCREENSHOTS, 'knowledge-follow-375.png'), fullPage: true });
      await initiative.emulateMedia({ media: 'print' });
      expect(await initiative.locator('.pl-header').isVisible()).toBe(false);
      await initiative.emulateMedia({ media: 'screen' });

      await officer.getByRole('button', { name: 'Link intrekken' }).click();
      await officer.getByText('Link ingetrokken').waitFor();
      await initiative.reload();
      await initiative.getByRole('heading', { level: 1, name: 'Deze link werkt niet (meer)' }).waitFor();
    },
    STEP_MS,
  );
});
