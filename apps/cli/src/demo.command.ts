import { ensurePrivateDirectory } from '@praktijklus/event-store';
import { parseArgs } from 'node:util';
import { SingleBar } from 'cli-progress';
import {
  parseSettings,
  type Environment,
  openEventStore,
  openPersonalDataVault,
  loadReferenceData,
} from '@praktijklus/config';
import { InitiativePersonalData } from '@praktijklus/commands';
import { acquireProjectorLock, ProjectorBusy } from '@praktijklus/projections';
import { CliError, type CliOutput } from './cli-error';
import { planDemoHistory, summariseDemoHistory, type DemoSummary } from './demo-history';
import { replayDemoHistory } from './demo-replay';
import { RECURRING_CONFLICTS, REPORTERS } from './demo-vocabulary';
import { DOMAINS, SYSTEM_MINISTRY } from './demo-domains';

export const DEMO_USAGE = `demo [--signals 3000] [--seed 2026] [--now <ISO date-time>]
  Records a realistic Dutch data set into an empty DATA_DIR through the real command path: signals
  over the past 18 months, escalations in every status (overdue ones included), agreements and
  experiments. Run it while no server uses DATA_DIR; the server's projector builds the views on start.`;

const DEFAULT_SIGNALS = 3000;
const DEFAULT_SEED = 2026;
const MAX_SIGNALS = 200_000;

/** `demo`: fills an empty store with the demo history (same options, same data set). */
export async function demoCommand(args: string[], env: Environment, output: CliOutput): Promise<DemoSummary> {
  const { values } = parseArgs({
    args,
    options: {
      signals: { type: 'string', default: String(DEFAULT_SIGNALS) },
      seed: { type: 'string', default: String(DEFAULT_SEED) },
      now: { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  const signals = Number(values.signals);
  if (!Number.isInteger(signals) || signals < 1 || signals > MAX_SIGNALS) {
    throw new CliError(`--signals must be a whole number from 1 to ${MAX_SIGNALS}\n${DEMO_USAGE}`, 2);
  }
  const seed = Number(values.seed);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new CliError(`--seed must be a whole number from 0 to ${0xffffffff}\n${DEMO_USAGE}`, 2);
  }
  const now = values.now === undefined ? new Date() : new Date(values.now);
  if (Number.isNaN(now.getTime()) || now.getTime() > Date.now()) {
    throw new CliError(`--now must be an ISO date-time, not in the future\n${DEMO_USAGE}`, 2);
  }

  const settings = parseSettings(env);
  const reference = loadReferenceData(settings);
  const needed = new Set<string>([SYSTEM_MINISTRY]);
  for (const reporter of REPORTERS) {
    for (const id of [reporter.authority, reporter.province, reporter.waterBoard, reporter.agency])
      needed.add(id);
  }
  for (const domain of DOMAINS) needed.add(domain.ministry);
  const missing = [...needed].filter((id) => !reference.isAuthority(id));
  const missingDomains = [...DOMAINS.map((d) => d.code), ...RECURRING_CONFLICTS.map((c) => c.domain)].filter(
    (code) => !reference.isPolicyDomain(code),
  );
  if (missing.length > 0 || missingDomains.length > 0) {
    throw new CliError(
      `The demo uses the shipped reference data; REFERENCE_DATA_FILE lacks ${[...missing, ...new Set(missingDomains)].join(', ')}`,
    );
  }

  ensurePrivateDirectory(settings.dataDir);
  let lock;
  try {
    lock = await acquireProjectorLock(settings.dataDir);
  } catch (error) {
    if (error instanceof ProjectorBusy) {
      throw new CliError(
        `A server (or a rebuild) is using ${settings.dataDir}; stop it first, then run the demo.`,
      );
    }
    throw error;
  }
  const store = await openEventStore(settings).catch((error: unknown) => {
    lock.release();
    throw error;
  });
  const vault = await openPersonalDataVault(settings).catch(async (error: unknown) => {
    await store.close();
    lock.release();
    throw error;
  });
  const bar = new SingleBar({
    format: 'demo [{bar}] {percentage}% | {value}/{total} commands | {duration_formatted}',
    stream: process.stderr,
    hideCursor: true,
  });
  try {
    if ((await store.headPosition()) !== undefined) {
      throw new CliError(
        `The event store of ${settings.dataDir} already holds events; the demo fills an empty store (use a fresh DATA_DIR).`,
      );
    }
    const started = Date.now();
    const steps = planDemoHistory({
      signals,
      seed,
      now,
      responseWorkingDays: settings.escalationResponseWorkingDays,
    });
    if (output.interactive) bar.start(steps.length, 0);
    const result = await replayDemoHistory(
      steps,
      { store, initiatives: new InitiativePersonalData(vault) },
      { seed, onProgress: (done) => output.interactive && bar.update(done) },
    );
    bar.stop();
    const summary = summariseDemoHistory(steps, now);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    output.out(
      [
        `Recorded the demo (seed ${seed}) in ${settings.dataDir}: ${result.commands} commands, ${result.events} events in ${seconds} s.`,
        `  signals      ${summary.signals} (${summary.conflictSignals} conflicting norms, ${summary.withInitiative} with an initiative, ${summary.duplicates} duplicates, ${summary.withdrawn} withdrawn)`,
        `  escalations  ${Object.entries(summary.escalations)
          .map(([status, count]) => `${status} ${count}`)
          .join(', ')}; ${summary.overdueEscalations} overdue, ${summary.transfers} transfers`,
        `  agreements   ${Object.entries(summary.agreements)
          .map(([status, count]) => `${status} ${count}`)
          .join(
            ', ',
          )}; ${summary.overdueAgreements} overdue, ${summary.followUpsOverdue} with a follow-up overdue`,
        `  experiments  ${Object.entries(summary.experiments)
          .map(([status, count]) => `${status} ${count}`)
          .join(', ')}; ${summary.overdueExperiments} overdue for evaluation`,
        'Start the server on this DATA_DIR (npm start): its projector builds every view from these events.',
        '',
      ].join('\n'),
    );
    return summary;
  } finally {
    bar.stop();
    await vault.close();
    await store.close();
    lock.release();
  }
}
