import AxeBuilder from '@axe-core/playwright';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { SqliteEventStore } from '@praktijklus/event-store';
import { WebModule } from '../apps/server/src/web/web.module';
import { EventLog } from '../libs/projections/src/signals/test-support/signal-events';
import { startTestServer, type TestServer } from './support/test-server';
import { launchChromium } from './support/browser';
import { signIn, openUserPage } from './support/web-session';
import { buildWebAppOnce } from './support/web-build';

// "Stand op datum" on the dashboard in Debian's Chromium against the real server: a log with
// history (recorded on earlier days) shows the figures of a past day, with a banner saying so.

const DAY_MS = 86_400_000;
const dutchDay = (at: number): string =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Amsterdam',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(at));

describe('the dashboard as it stood on a date', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  const now = Date.now();

  beforeAll(async () => {
    buildWebAppOnce();
    // A log written before the server starts: three signals and an escalation ten days ago, whose
    // deadline passed four days ago, and two more signals two days ago.
    const dataDir = mkdtempSync(join(tmpdir(), 'praktijklus-web-as-of-'));
    const log = new EventLog();
    for (const index of [0, 1, 2]) log.recorded({ signalId: `s${index}`, title: `Oud signaal ${index}` });
    const escalation = log.escalated('e1', ['s0', 's1']);
    escalation.data.respondBy = new Date(now - 4 * DAY_MS).toISOString();
    for (const index of [3, 4]) log.recorded({ signalId: `s${index}`, title: `Nieuw signaal ${index}` });
    const times = [10, 10, 10, 10, 2, 2].map((days) => now - days * DAY_MS);
    let clock = times[0];
    const store = SqliteEventStore.open({ file: join(dataDir, 'events.sqlite'), clock: () => clock });
    for (const [index, event] of log.events.entries()) {
      clock = times[index];
      const { id, type, data, metadata } = event;
      await store.append(event.streamId, [{ id, type, data, metadata }], { expectedRevision: 'ANY' });
    }
    const head = await store.headPosition();
    await store.close();

    server = await startTestServer({ env: { DATA_DIR: dataDir }, modules: [WebModule] });
    await server.graphql('{ signals { totalCount } }', {
      token: { sub: 'analyst-bzk', roles: ['analyst'], authority: 'mnre1034' },
      headers: { 'x-consistent-with': head ?? '' },
    });
    browser = await launchChromium();
    page = await openUserPage(browser);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the figures of a past day under "Stand op datum", with a banner, and goes back to today', async () => {
    await signIn(page, `${server.url}/`, 'analyst', 'mnre1034', 'analyst-bzk');
    await page.locator('a[href="/dashboard"]').first().click();
    await page.waitForURL('**/dashboard');

    const total = page.locator('#figure-total-signals');
    const overdue = page.locator('#figure-overdue-escalations');
    await expectText(total, '5');
    await expectText(overdue, '1');
    expect(await page.locator('#as-of-banner').count()).toBe(0);

    // Five days ago: the three old signals; the escalation open but its deadline still ahead.
    await page.getByLabel('Stand op datum').fill(dutchDay(now - 5 * DAY_MS));
    await page.getByRole('button', { name: 'Toon stand' }).click();
    await expectText(total, '3');
    await expectText(overdue, '0');
    // The banner says the day is being built until every section has its answer.
    await page.locator('#as-of-banner').filter({ hasText: 'U bekijkt de stand op' }).waitFor();
    // Exports give today's rows, so they are not offered for a past day.
    expect(await page.getByRole('button', { name: /Exporteren/ }).count()).toBe(0);

    const axe = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .analyze();
    const severe = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(severe.map((v) => v.id)).toEqual([]);

    // Twenty days ago: nothing had been recorded yet.
    await page.getByLabel('Stand op datum').fill(dutchDay(now - 20 * DAY_MS));
    await page.getByRole('button', { name: 'Toon stand' }).click();
    await expectText(total, '0');

    await page.getByRole('button', { name: 'Terug naar vandaag' }).click();
    await expectText(total, '5');
    expect(await page.locator('#as-of-banner').count()).toBe(0);
  }, 120_000);

  it('shows no figures of another day while a past day is still being built, and says it is', async () => {
    // The answers at a moment are held back, as a day not asked before is while the server
    // replays it: today's figures must not stand under that day's banner meanwhile.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/graphql', async (route) => {
      const body = route.request().postDataJSON() as { variables?: { asOf?: string } } | null;
      if (body?.variables?.asOf !== undefined) await held;
      await route.continue();
    });
    try {
      await page.goto(`${server.url}/dashboard`);
      const total = page.locator('#figure-total-signals');
      await expectText(total, '5');

      await page.getByLabel('Stand op datum').fill(dutchDay(now - 5 * DAY_MS));
      await page.getByRole('button', { name: 'Toon stand' }).click();
      const banner = page.locator('#as-of-banner');
      await banner.filter({ hasText: 'wordt opgebouwd uit de geschiedenis' }).waitFor();
      expect(await banner.getAttribute('aria-busy')).toBe('true');
      expect(await total.count()).toBe(0);
      expect(await page.locator('.pl-chart__canvas').count()).toBe(0);

      release();
      await expectText(total, '3');
      await banner.filter({ hasText: 'U bekijkt de stand op' }).waitFor();
      expect(await banner.getAttribute('aria-busy')).toBe('false');
    } finally {
      release();
      await page.unrouteAll({ behavior: 'wait' });
    }
  }, 120_000);
});

/**
 * Waits until the figure reads `text` (the figures reload after each change); a figure that links
 * to its list carries its label after the number for screen readers.
 */
async function expectText(locator: ReturnType<Page['locator']>, text: string): Promise<void> {
  await locator.filter({ hasText: new RegExp(`^${text}(\\s|$)`) }).waitFor();
}
