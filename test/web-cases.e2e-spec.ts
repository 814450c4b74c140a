import { readFileSync } from 'node:fs';
import { type Browser, type Page } from 'playwright-core';
import type { Projector } from '@praktijklus/projections';
import { PROJECTOR } from '../apps/server/src/projections/projections.tokens';
import { WebModule } from '../apps/server/src/web/web.module';
import { raiseBody, signalBody, utrechtOfficer } from './escalations.fixtures';
import { headOf } from './signals.fixtures';
import { startTestServer, type TestServer } from './support/test-server';
import { expectAccessible } from './support/accessibility';
import { launchChromium } from './support/browser';
import { signIn as signInAt, openUserPage } from './support/web-session';
import { buildWebAppOnce } from './support/web-build';

// The case file in Debian's Chromium against the real server: Utrecht's administrator groups a
// signal that was escalated to the province into a case, reads its authorities, waiting days and
// timeline, and downloads the PDF; another province's administrator cannot open it.

const STEP_MS = 60_000;
const CASE_TITLE = 'Daktuinen op monumenten in Utrecht';

describe('case files in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let admin: Page;
  let stranger: Page;
  let signalId = '';
  let caseUrl = '';

  beforeAll(async () => {
    buildWebAppOnce();

    server = await startTestServer({ modules: [WebModule] });
    const signal = await server.request<{ id: string }>('POST', '/api/v1/signals', {
      token: utrechtOfficer,
      body: signalBody(),
    });
    signalId = signal.body.id;
    const raised = await server.request('POST', '/api/v1/escalations', {
      token: utrechtOfficer,
      body: raiseBody([signalId]),
    });
    expect(raised.status).toBe(201);
    const head = await headOf(server);
    if (head !== undefined) await server.app.get<symbol, Projector>(PROJECTOR).waitFor(head, 10_000);

    browser = await launchChromium();
    [admin, stranger] = await Promise.all([0, 1].map(() => openUserPage(browser, { acceptDownloads: true })));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const signIn = (page: Page, authority: string, sub: string) =>
    signInAt(page, `${server.url}/`, 'admin', authority, sub);

  it(
    'lets an administrator create a case from a signal and read its file',
    async () => {
      await signIn(admin, 'gm0344', 'admin-utrecht');
      await admin.getByRole('link', { name: 'Dossiers' }).first().click();
      await admin.waitForURL('**/cases');
      await admin.getByText('Nog geen dossiers.').waitFor();
      await expectAccessible(admin);

      await admin.getByLabel('Titel').fill(CASE_TITLE);
      await admin.getByLabel('Signalen (kenmerken, één per regel)').fill(signalId);
      await admin.getByRole('button', { name: 'Dossier aanmaken' }).click();
      await admin.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
      caseUrl = admin.url();

      await admin.getByRole('heading', { level: 1, name: CASE_TITLE }).waitFor();
      expect(await admin.locator('#case-authorities li').allTextContents()).toEqual([
        'Gemeente Utrecht',
        'Provincie Utrecht',
      ]);
      const waiting = admin.locator('#case-waiting tbody tr');
      expect(await waiting.count()).toBe(1);
      expect(await waiting.first().textContent()).toContain('Provincie Utrecht');
      const events = await admin.locator('#case-timeline tbody tr td:nth-child(4)').allTextContents();
      expect(events).toEqual([
        'Signaal gemeld door Gemeente Utrecht.',
        expect.stringMatching(
          /^Escalatie door Gemeente Utrecht gericht aan Provincie Utrecht, reactie uiterlijk/,
        ),
      ]);
      await expectAccessible(admin);
    },
    STEP_MS,
  );

  it(
    'downloads the PDF',
    async () => {
      const [download] = await Promise.all([
        admin.waitForEvent('download'),
        admin.getByRole('button', { name: 'Download PDF' }).click(),
      ]);
      const path = await download.path();
      expect(readFileSync(path).subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(download.suggestedFilename()).toMatch(/^dossier-[0-9a-f-]{36}\.pdf$/);
    },
    STEP_MS,
  );

  it(
    'shows another authority’s administrator no case',
    async () => {
      await signIn(stranger, 'pv27', 'admin-pv27');
      // Inside the app: a page load would sign the user out (the session lives in memory).
      const path = JSON.stringify(new URL(caseUrl).pathname);
      await stranger.evaluate(
        `history.pushState(null, '', ${path}); dispatchEvent(new PopStateEvent('popstate'))`,
      );
      await stranger.getByRole('alert').first().waitFor();
      expect(await stranger.getByText(CASE_TITLE).count()).toBe(0);
      await stranger.getByRole('link', { name: 'Dossiers' }).first().click();
      await stranger.getByText('Nog geen dossiers.').waitFor();
    },
    STEP_MS,
  );
});
