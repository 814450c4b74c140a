import { readFileSync } from 'node:fs';
import { type Browser, type Page } from 'playwright-core';
import { WebModule } from '../apps/server/src/web/web.module';
import { startTestServer, type TestServer } from './support/test-server';
import { expectAccessible } from './support/accessibility';
import { launchChromium } from './support/browser';
import { signIn as signInAt, type WebRole, openUserPage } from './support/web-session';
import { buildWebAppOnce } from './support/web-build';
import { analyst as analystClaims, officers, write } from './views.fixtures';

// "Exporteren (CSV)" in Debian's Chromium against the real server: the officer's signals list and
// the analyst's dashboard download the CSV of what they show, with the filters applied.

const STEP_MS = 60_000;
const FORMULA_TITLE = '=1+1 staat in de titel van dit signaal';

const signal = (type: string, title: string, authority: string) => ({
  type,
  title,
  description: 'Een beschrijving, met een komma.',
  policyDomain: 'water',
  level: 'POLICY',
  initiativeKind: 'CITIZEN_INITIATIVE',
  observedAt: '2026-10-01',
  authorities: [authority],
  norms: [],
});

describe('CSV exports in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let officer: Page;
  let analyst: Page;

  beforeAll(async () => {
    // The server serves apps/web/dist; build it from the sources under test.
    buildWebAppOnce();

    server = await startTestServer({ modules: [WebModule] });
    await write(server, '/api/v1/signals', officers.gm0344, signal('BARRIER', FORMULA_TITLE, 'gm0344'));
    await write(
      server,
      '/api/v1/signals',
      officers.gm0344,
      signal('BARRIER', 'Tweede belemmering hier', 'gm0344'),
    );
    await write(
      server,
      '/api/v1/signals',
      officers.gm0344,
      signal('KNOWLEDGE_GAP', 'Een kennisvraag hier', 'gm0344'),
    );
    await write(
      server,
      '/api/v1/signals',
      officers.gm0363,
      signal('BARRIER', 'Van een andere gemeente', 'gm0363'),
    );
    // Read-your-writes before the browser looks.
    const last = await write(
      server,
      '/api/v1/signals',
      officers.gm0363,
      signal('BARRIER', 'Nog een andere', 'gm0363'),
    );
    await server.graphql('{ signals { totalCount } }', {
      token: analystClaims,
      headers: { 'x-consistent-with': last.position },
    });

    browser = await launchChromium();
    [officer, analyst] = await Promise.all(
      [0, 1].map(() => openUserPage(browser, { acceptDownloads: true })),
    );
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const signIn = (page: Page, role: WebRole, authority: string, sub: string) =>
    signInAt(page, `${server.url}/`, role, authority, sub);

  /** Clicks the export button and answers the downloaded file's name and bytes. */
  const download = async (page: Page, name: string | RegExp) => {
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name }).click(),
    ]);
    const path = await file.path();
    return { name: file.suggestedFilename(), bytes: readFileSync(path) };
  };
  const recordsOf = (bytes: Buffer): string[] =>
    bytes
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .split('\r\n')
      .filter(Boolean);

  it(
    'downloads the officer’s signals list as CSV, with the filter applied',
    async () => {
      await signIn(officer, 'officer', 'gm0344', 'officer-utrecht');
      await officer.locator('a[href="/signals"]').first().click();
      await officer.waitForURL('**/signals');
      await officer.getByText('3 signalen gevonden').waitFor();
      const all = await download(officer, 'Exporteren (CSV)');
      expect(all.name).toBe('signals.csv');
      expect([...all.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const records = recordsOf(all.bytes);
      expect(records[0].startsWith('id,type,title,')).toBe(true);
      expect(records).toHaveLength(1 + 3);
      expect(records.some((record) => record.includes(`'${FORMULA_TITLE}`))).toBe(true);

      await officer.locator('#filter-type').selectOption('BARRIER');
      await officer.getByRole('button', { name: 'Zoeken', exact: true }).click();
      await officer.getByText('2 signalen gevonden').waitFor();
      const barriers = recordsOf((await download(officer, 'Exporteren (CSV)')).bytes);
      expect(barriers).toHaveLength(1 + 2);
      expect(barriers.slice(1).every((record) => record.includes(',BARRIER,'))).toBe(true);

      await expectAccessible(officer);
    },
    STEP_MS,
  );

  it(
    'downloads the dashboard’s accountability table and signals per month',
    async () => {
      await signIn(analyst, 'analyst', 'mnre1034', 'analyst-bzk');
      // Everybody lands on "Mijn taken"; the dashboard is one step away in the navigation.
      await analyst.locator('a[href="/dashboard"]').first().click();
      await analyst.waitForURL('**/dashboard');
      const accountability = await download(analyst, /^Exporteren \(CSV\): Rekenschap/);
      expect(accountability.name).toBe('accountability.csv');
      const rows = recordsOf(accountability.bytes);
      expect(rows[0].startsWith('authority,escalationsReceived,')).toBe(true);
      expect(rows.some((row) => row.startsWith('gm0344,'))).toBe(true);

      const perMonth = await download(analyst, /^Exporteren \(CSV\): Signalen per maand/);
      expect(perMonth.name).toBe('signal-stats.csv');
      expect(recordsOf(perMonth.bytes).slice(1)).toEqual([',,,,,,2026-10,5,0']);
      await expectAccessible(analyst);
    },
    STEP_MS,
  );
});
