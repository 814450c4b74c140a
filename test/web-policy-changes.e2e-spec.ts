import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { WebModule } from '../apps/server/src/web/web.module';
import {
  AdministrationClient,
  analyst as analystClaims,
  dutchDate,
  provinceAdmin,
  utrechtOfficer,
} from './escalations.fixtures';
import { startTestServer, type TestServer } from './support/test-server';
import { expectAccessible } from './support/accessibility';
import { launchChromium } from './support/browser';
import { signIn as signInAt, openUserPage } from './support/web-session';
import { buildWebAppOnce } from './support/web-build';

// A policy change in Debian's Chromium against the real server: the analyst finds it in the list,
// opens its page and reads the before/after counts, the interval and the verdict in Dutch, and
// follows the chain back to the signal and the decided escalation; both pages pass an axe scan.

const ROOT = resolve(__dirname, '..');
const SCREENSHOTS = join(ROOT, 'screenshots');
const STEP_MS = 60_000;

const CHANGE_TITLE = 'Geluidsnorm warmtepompen gemeten op de erfgrens';
const SIGNAL_TITLE = 'Warmtepomp te luid volgens de oude meetmethode';
const NORM = 'Bkl art. 22.57';

describe('policy changes in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let analyst: Page;
  let changeId = '';
  let escalationTitle = '';

  beforeAll(async () => {
    buildWebAppOnce();
    mkdirSync(SCREENSHOTS, { recursive: true });
    server = await startTestServer({ modules: [WebModule] });

    // 12 signals of the norm in the 90 days before effectiveOn (today − 100), 3 in the 90 from it.
    const api = new AdministrationClient(server);
    const signal = (days: number, title?: string) =>
      api.recordSignal(utrechtOfficer, {
        observedAt: dutchDate(days),
        type: 'BARRIER',
        norms: [{ ref: NORM }],
        ...(title === undefined ? {} : { title }),
      });
    const first = await signal(-150, SIGNAL_TITLE);
    for (let day = -149; day < -138; day += 1) await signal(day);
    for (const day of [-90, -60, -20]) await signal(day);
    const escalationId = await api.raise([first]);
    escalationTitle = (await api.get<{ title: string }>(`/api/v1/escalations/${escalationId}`, provinceAdmin))
      .body.title;
    await api.ok(`/api/v1/escalations/${escalationId}/acknowledge`, provinceAdmin, {});
    await api.ok(`/api/v1/escalations/${escalationId}/decide`, provinceAdmin, {
      outcome: 'POLICY_ADJUSTED',
      rationale: 'De meetmethode in de verordening wordt aangepast.',
    });
    const written = await api.ok(
      '/api/v1/policy-changes',
      provinceAdmin,
      {
        title: CHANGE_TITLE,
        description: 'Gemeten wordt voortaan op de erfgrens in plaats van bij het raam van de buren.',
        policyDomain: 'heritage',
        norms: [{ ref: NORM }],
        effectiveOn: dutchDate(-100),
        escalationIds: [escalationId],
      },
      201,
    );
    changeId = written.id;
    const settled = await server.graphql('{ policyDomains { code } }', {
      token: analystClaims,
      headers: { 'x-consistent-with': written.position },
    });
    expect(settled.status).toBe(200);

    browser = await launchChromium();
    analyst = await openUserPage(browser);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const signIn = (page: Page) => signInAt(page, `${server.url}/`, 'analyst', 'mnre1034', 'analyst-1');

  it(
    'lists the change and leads from the navigation to it',
    async () => {
      await signIn(analyst);
      await analyst.getByRole('link', { name: 'Beleidswijzigingen' }).click();
      await analyst.waitForURL('**/policy-changes');
      await analyst.getByRole('link', { name: CHANGE_TITLE }).waitFor();
      await expectAccessible(analyst);
      await analyst.screenshot({ path: join(SCREENSHOTS, 'policy-changes.png'), fullPage: true });
      await analyst.getByRole('link', { name: CHANGE_TITLE }).click();
      await analyst.waitForURL(`**/policy-changes/${changeId}`);
    },
    STEP_MS,
  );

  it(
    'shows the before/after counts, the exact interval and the verdict in Dutch',
    async () => {
      await analyst.getByRole('heading', { name: CHANGE_TITLE, level: 1 }).waitFor();
      expect(await analyst.locator('#policy-effect-before').textContent()).toBe('12');
      expect(await analyst.locator('#policy-effect-after').textContent()).toBe('3');
      // SciPy/R for 3 against 12: 0.04527… – 0.92637…, shown with two decimals in Dutch.
      expect(await analyst.locator('#policy-effect-interval').textContent()).toBe('0,05 – 0,93');
      expect(await analyst.locator('#policy-effect-verdict').textContent()).toBe(
        'Minder signalen: de daling is duidelijk',
      );
      expect(await analyst.locator('.recharts-bar-rectangle').count()).toBe(2);
      await expectAccessible(analyst);
      await analyst.screenshot({ path: join(SCREENSHOTS, 'policy-change.png'), fullPage: true });
    },
    STEP_MS,
  );

  it(
    'adds the policy-change stage to the dashboard’s feedback loop',
    async () => {
      await analyst.getByRole('link', { name: 'Dashboard' }).click();
      const funnel = analyst.locator('section[aria-labelledby="chart-funnel"]');
      await funnel.locator('summary').click();
      const row = funnel.getByRole('row', { name: /Cultureel erfgoed/ });
      // One heritage signal is behind the change; it was observed 50 days before effectiveOn.
      const cells = await row.getByRole('cell').allTextContents();
      expect(cells.slice(-2)).toEqual(['1', '50']);
      await analyst.goBack();
      await analyst.waitForURL(`**/policy-changes/${changeId}`);
    },
    STEP_MS,
  );

  it(
    'shows the chain from signal through the decided escalation to the change, and the way back',
    async () => {
      const chain = analyst.locator('section[aria-labelledby="policy-chain"]');
      await chain.getByRole('link', { name: SIGNAL_TITLE }).waitFor();
      await chain.getByRole('link', { name: escalationTitle }).waitFor();
      await chain.getByText('Beleid aangepast').waitFor();
      await chain.getByRole('link', { name: SIGNAL_TITLE }).click();
      await analyst.waitForURL('**/signals/**');
      // And back: the signal's page names the change it led to.
      const ledTo = analyst.locator('section[aria-labelledby="signal-policy-changes"]');
      await ledTo.getByRole('link', { name: CHANGE_TITLE }).waitFor();
      await expectAccessible(analyst);
      await ledTo.getByRole('link', { name: CHANGE_TITLE }).click();
      await analyst.waitForURL(`**/policy-changes/${changeId}`);
    },
    STEP_MS,
  );
});
