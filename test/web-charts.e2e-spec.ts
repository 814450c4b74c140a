import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, type Page } from 'playwright-core';
import { WebModule } from '../apps/server/src/web/web.module';
import { AdministrationClient, provinceAdmin, utrechtOfficer } from './escalations.fixtures';
import { startTestServer, type TestServer } from './support/test-server';
import { launchChromium } from './support/browser';
import { signIn, openUserPage } from './support/web-session';
import { buildWebAppOnce } from './support/web-build';

// Issue 20, "charts that tell the truth", in Debian's Chromium: the month still being counted is
// marked and dashed (never a collapse), every month has its label (gaps included), the legend lists
// the levels in the order they are stacked, and the feedback loop shows rates.

const ROOT = resolve(__dirname, '..');
const SCREENSHOTS = join(ROOT, 'screenshots');

/** `YYYY-MM` on the Amsterdam clock, `back` months before now. */
const monthBack = (back: number): string => {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Amsterdam',
    year: 'numeric',
    month: '2-digit',
  })
    .format(new Date())
    .split('-')
    .map(Number);
  const index = parts[0] * 12 + (parts[1] - 1) - back;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
};

describe('web app: charts that tell the truth', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    buildWebAppOnce();
    mkdirSync(SCREENSHOTS, { recursive: true });
    server = await startTestServer({ modules: [WebModule] });
    const api = new AdministrationClient(server);
    // Signals four and two months ago and this month; none in the months between.
    const recorded: string[] = [];
    for (const [back, level, count] of [
      [4, 'SYSTEM', 3],
      [2, 'POLICY', 2],
      [0, 'IMPLEMENTATION', 1],
    ] as const) {
      for (let index = 0; index < count; index += 1) {
        recorded.push(await api.recordSignal(utrechtOfficer, { observedAt: `${monthBack(back)}-01`, level }));
      }
    }
    const escalationId = await api.raise([recorded[0]]);
    await api.ok(`/api/v1/escalations/${escalationId}/acknowledge`, provinceAdmin, {});
    await api.ok(`/api/v1/escalations/${escalationId}/decide`, provinceAdmin, {
      outcome: 'EXPERIMENT_GRANTED',
      rationale: 'Een experiment met drie monumenten.',
    });

    browser = await launchChromium();
    page = await openUserPage(browser);
    await signIn(page, `${server.url}/`, 'analyst', 'mnre1034', 'analyst-bzk');
    await page.goto(`${server.url}/dashboard`);
    await page.locator('section[aria-labelledby="chart-per-month"] .recharts-line').first().waitFor();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const section = (id: string) => page.locator(`section[aria-labelledby="${id}"]`);

  it('labels every month, empty ones included, and marks the current one as ongoing with a dashed line', async () => {
    const ticks = await section('chart-per-month')
      .locator('.recharts-xAxis-tick-labels text')
      .allTextContents();
    expect(ticks).toHaveLength(5);
    expect(ticks.slice(0, 4).every((tick) => !tick.includes('lopende maand'))).toBe(true);
    expect(ticks[4]).toContain('(lopende maand)');
    // The ongoing month continues the line dashed; the solid line stops at the last complete month.
    const dashes = await section('chart-per-month')
      .locator('path.recharts-line-curve')
      .evaluateAll((paths) =>
        paths.map((path) =>
          (path as unknown as { getAttribute(name: string): string | null }).getAttribute('stroke-dasharray'),
        ),
      );
    expect(dashes.filter((dash) => dash === '2 4')).toHaveLength(2);
    const rows = await section('chart-per-month').locator('tbody tr th').allTextContents();
    expect(rows).toHaveLength(5);
    expect(rows[4]).toContain('lopende maand');
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-charts.png'), fullPage: true });
  });

  it('lists the legend in the order the levels are stacked', async () => {
    const legend = await section('chart-domain-level')
      .locator('.recharts-legend-item-text')
      .allTextContents();
    expect(legend).toEqual(['Systeemverantwoordelijkheid', 'Beleid', 'Uitvoering', 'Papierwinkel']);
  });

  it('shows the feedback loop as rates, each a share of the step before', async () => {
    const funnel = section('chart-funnel');
    expect(await funnel.locator('.recharts-legend-item-text').allTextContents()).toEqual([
      '% van de signalen geëscaleerd',
      '% van de escalaties besloten',
      '% van de besluiten: beleid aangepast',
      '% van de besluiten: experiment',
      '% van de escalaties: beleidswijziging vastgelegd',
    ]);
    const ticks = await funnel.locator('.recharts-xAxis-tick-labels text').allTextContents();
    expect(ticks.at(-1)).toBe('100%');
    // One escalated signal of six, decided as an experiment: 16.7% escalated, 100% decided and experiment.
    const widths = await funnel
      .locator('.recharts-bar-rectangle path')
      .evaluateAll((paths) =>
        paths.map((path) =>
          Number((path as unknown as { getAttribute(name: string): string | null }).getAttribute('width')),
        ),
      );
    const positive = widths.filter((width) => width > 0).sort((a, b) => a - b);
    expect(positive).toHaveLength(3);
    expect(positive[2] / positive[0]).toBeCloseTo(6, 0);
    expect(positive[1]).toBeCloseTo(positive[2], 0);
    const result = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .analyze();
    expect(
      result.violations
        .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
        .map((violation) => violation.id),
    ).toEqual([]);
  });
});
