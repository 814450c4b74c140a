import type { Browser, Page } from 'playwright-core';
import { PROJECTOR } from '../apps/server/src/projections/projections.tokens';
import { WebModule } from '../apps/server/src/web/web.module';
import type { Projector } from '@praktijklus/projections';
import { endOfWorkingDays } from '@praktijklus/reference';
import { AdministrationClient, headOf, utrechtOfficer } from './escalations.fixtures';
import { launchChromium } from './support/browser';
import { pick } from './support/pickers';
import { startTestServer, type TestServer } from './support/test-server';
import { signIn, openUserPage } from './support/web-session';
import { buildWebAppOnce } from './support/web-build';

// The escalation form says which date the default deadline will be before the officer submits,
// and an escalation raised with the field left empty gets exactly that date.

const STEP_MS = 90_000;
const WORKING_DAYS = 3;

describe('the default deadline in the escalation form', () => {
  let server: TestServer;
  let browser: Browser;
  let officer: Page;
  let signalId = '';

  beforeAll(async () => {
    buildWebAppOnce();
    server = await startTestServer({
      modules: [WebModule],
      env: { ESCALATION_RESPONSE_WORKING_DAYS: String(WORKING_DAYS) },
    });
    signalId = await new AdministrationClient(server).recordSignal();
    const head = await headOf(server);
    if (head !== undefined) await server.app.get<symbol, Projector>(PROJECTOR).waitFor(head, 10_000);
    browser = await launchChromium();
    officer = await openUserPage(browser);
    await signIn(officer, `${server.url}/sign-in`, 'officer', 'gm0344', 'officer-utrecht');
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** `iso` as the web app writes a moment: on the Amsterdam clock, in the browser's own Dutch format. */
  const asShown = (iso: string): Promise<string> =>
    officer.evaluate(
      (moment) =>
        new Intl.DateTimeFormat('nl-NL', {
          timeZone: 'Europe/Amsterdam',
          day: 'numeric',
          month: 'short',
          year: 'numeric',
          hour: '2-digit',
          minute: '2-digit',
        }).format(new Date(moment)),
      iso,
    );

  it(
    'names the end of the N-th working day in Amsterdam before submitting, and raises with that date',
    async () => {
      const expected = endOfWorkingDays(new Date(), WORKING_DAYS).toISOString();
      const shown = await asShown(expected);
      expect(shown).toContain('23:59');

      await officer.goto(`${server.url}/escalations/new?signals=${signalId}`);
      await officer.getByText(`Leeg laten voor de standaardtermijn: ${shown}.`).waitFor();

      await officer.locator('#escalate-title').fill('Zonnepanelen op monumenten');
      await officer.locator('#escalate-reason').fill('De gemeente kan dit niet zelf oplossen.');
      await pick(officer, 'escalate-addressedTo', 'pv26', /^Provincie Utrecht/);
      expect(await officer.locator('#escalate-respondBy').inputValue()).toBe('');
      await officer.getByRole('button', { name: 'Escalatie indienen' }).click();
      await officer.waitForURL(/\/escalations\/[0-9a-f-]{36}$/);

      const id = new URL(officer.url()).pathname.split('/').pop() ?? '';
      // The escalation's page shows the same moment as its deadline.
      await officer.getByText(shown, { exact: false }).first().waitFor();
      const raised = await new AdministrationClient(server).get<{ respondBy: string }>(
        `/api/v1/escalations/${id}`,
        utrechtOfficer,
      );
      expect(raised.body.respondBy).toBe(expected);
    },
    STEP_MS,
  );
});
