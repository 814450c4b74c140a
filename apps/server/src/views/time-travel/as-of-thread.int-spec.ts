import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseSqlitePosition, SqliteEventStore, type RecordedEvent } from '@praktijklus/event-store';
import {
  allProjections,
  HISTORY_FILE,
  openHistoryProjector,
  type HistoryProjector,
} from '@praktijklus/projections';
import { loadReferenceData, parseSettings, type Settings } from '@praktijklus/config';
import {
  appendHistory,
  HOUR,
  quiet,
  START,
} from '../../../../../libs/projections/src/time-travel/test-support/as-of-log';
import { AS_OF_QUERIES, runAsOfQuery, type AsOfQueryName } from './as-of-queries';
import { AsOfThread } from './as-of-thread';
import { historyReadModelsOf } from './history-of';

/** The as-of thread answers each named question as the history read on the request loop would. */
describe('AsOfThread: questions as of a moment, off the request loop', () => {
  let dir: string;
  let store: SqliteEventStore;
  let history: HistoryProjector;
  let settings: Settings;
  let thread: AsOfThread;
  let events: RecordedEvent[];
  let clock = START;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'as-of-thread-'));
    settings = parseSettings({ DATA_DIR: dir, READMODELS_DIR: dir, TIME_TRAVEL_HISTORY: 'on' });
    const reference = loadReferenceData(settings);
    store = SqliteEventStore.open({ file: path.join(dir, 'events.sqlite'), clock: () => clock });
    events = await appendHistory(store, () => (clock += 12 * HOUR));
    history = openHistoryProjector({
      file: path.join(dir, HISTORY_FILE),
      store,
      projections: allProjections({ layerOf: (authority) => reference.layerOf(authority) }),
      positionOrdinal: parseSqlitePosition,
      logger: quiet,
    });
    await history.projector.start();
    const head = await store.headPosition();
    if (head === undefined || !(await history.projector.waitFor(head, 10_000)))
      throw new Error('no catch-up');
    thread = new AsOfThread(settings, 16);
  });

  afterAll(async () => {
    await thread.stop();
    await history.close();
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const inputs: { [Name in AsOfQueryName]: Parameters<(typeof AS_OF_QUERIES)[Name]>[2] } = {
    signals: { first: 10, search: 'warmtepompen', filter: { policyDomains: ['building', 'soil'] } },
    signalStats: { groupBy: ['POLICY_DOMAIN', 'TYPE'] },
    normConflicts: { first: 10 },
    feedbackLoop: {},
    escalations: { first: 10 },
    escalationBoard: {},
    accountability: { authority: null, layer: null },
    agreements: { first: 10 },
    experiments: { first: 10 },
    policyChanges: { first: 10 },
  };

  it('answers every named question as the history read on the request loop does', async () => {
    const reader = historyReadModelsOf(settings, loadReferenceData(settings));
    try {
      for (const index of [5, 20, events.length - 2]) {
        const at = new Date(events[index].recordedAt);
        for (const name of Object.keys(inputs) as AsOfQueryName[]) {
          const expected = reader?.read(at, runAsOfQuery(name, inputs[name], loadReferenceData(settings)));
          expect(expected).toBeDefined();
          const answered = await thread.ask(at, name, inputs[name]);
          expect({ index, name, answer: answered?.answer }).toEqual({
            index,
            name,
            answer: expected?.answer,
          });
        }
      }
    } finally {
      reader?.close();
    }
  });

  it('declines a moment the history has not reached, and a question that fails there', async () => {
    expect(await thread.ask(new Date(clock + 24 * HOUR), 'signals', { first: 5 })).toBeUndefined();
    const at = new Date(events[10].recordedAt);
    expect(await thread.ask(at, 'signals', { first: 5, after: 'not a cursor' })).toBeUndefined();
    // And it still answers afterwards.
    expect((await thread.ask(at, 'signals', { first: 5 }))?.answer.totalCount).toBeGreaterThan(0);
  });
});
