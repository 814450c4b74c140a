import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import fc from 'fast-check';
import { InvalidInput } from '@praktijklus/domain';
import type { SignalStatus } from '@praktijklus/domain';
import type { RecordedEvent } from '@praktijklus/event-store';
import type { Projection } from '../projection';
import type { SignalFilter } from '../signals/signal-filter';
import {
  applyAll,
  applyWithCrash,
  dumpTables,
  EventLog,
  testContext,
} from '../signals/test-support/signal-events';
import { MIN_GROUP_SIZE } from '../disclosure';
import { createNormConflictsProjection, normPairs } from './norm-conflicts.projection';
import { listNormConflicts, NormConflictRow } from './norm-conflicts.queries';

const TABLES = [
  'norm_conflicts_signals',
  'norm_conflicts_signal_pairs',
  'norm_conflicts_pairs',
  'norm_conflicts_pair_authorities',
  'norm_conflicts_norms',
  'norm_conflicts_titles',
];

const BBL = 'Bbl art. 4.101';
const PLAN = 'Omgevingsplan gm0344 art. 22.3';
const WET = 'Wet natuurbescherming art. 2.7';

let db: Database;
let projection: Projection;

beforeEach(() => {
  db = new BetterSqlite3(':memory:');
  projection = createNormConflictsProjection(testContext);
  projection.migrate(db);
  projection.index?.(db);
});

afterEach(() => db.close());

const pairs = (filter?: SignalFilter, first = 20) =>
  listNormConflicts(db, { filter, first }).map((row) => [row.normA, row.normB, row.count]);

const conflict = (
  log: EventLog,
  signalId: string,
  refs: string[],
  extra: Parameters<EventLog['recorded']>[0] | object = {},
) =>
  log.recorded({
    signalId,
    type: 'CONFLICTING_NORMS',
    norms: refs.map((ref) => ({ ref })),
    ...extra,
  });

const landscape = (): RecordedEvent[] => {
  const log = new EventLog();
  log.recorded({
    signalId: 'c1',
    type: 'CONFLICTING_NORMS',
    norms: [{ ref: '  Bbl  art. 4.101', title: 'Geluid installaties' }, { ref: PLAN }],
    observedAt: '2026-03-01',
  });
  conflict(log, 'c2', [PLAN, BBL, WET], {
    reportingAuthority: 'pv26',
    observedAt: '2026-03-04',
    policyDomain: 'nature',
  });
  conflict(log, 'c3', [BBL, PLAN], { reportingAuthority: 'gm0363', observedAt: '2026-02-01' });
  conflict(log, 'c4', [BBL, PLAN], { observedAt: '2026-03-09' });
  log.recorded({ signalId: 'b1', norms: [{ ref: BBL }, { ref: WET }] });
  log.escalated('e1', ['c3', 'b1']);
  log.duplicate('c4', 'c1');
  return log.events;
};

describe('norm conflicts projection', () => {
  it('counts unordered, normalised pairs of CONFLICTING_NORMS signals with authorities, last seen and escalation', () => {
    applyAll(db, projection, landscape());
    expect(listNormConflicts(db, { first: 20 })).toEqual<NormConflictRow[]>([
      {
        normA: BBL,
        normB: PLAN,
        titleA: 'Geluid installaties',
        titleB: null,
        count: 3,
        escalatedCount: 1,
        escalated: true,
        authorities: ['gm0344', 'gm0363', 'pv26'],
        lastSeen: '2026-03-04',
      },
      {
        normA: BBL,
        normB: WET,
        titleA: 'Geluid installaties',
        titleB: null,
        count: 1,
        escalatedCount: 0,
        escalated: false,
        authorities: ['pv26'],
        lastSeen: '2026-03-04',
      },
      {
        normA: PLAN,
        normB: WET,
        titleA: null,
        titleB: null,
        count: 1,
        escalatedCount: 0,
        escalated: false,
        authorities: ['pv26'],
        lastSeen: '2026-03-04',
      },
    ]);
    expect(pairs(undefined, 1)).toEqual([[BBL, PLAN, 3]]);
    expect(listNormConflicts(db, { first: 0 })).toEqual([]);
    expect(() => listNormConflicts(db, { first: 1.5 })).toThrow(InvalidInput);
  });

  it('counts duplicates only when asked, and filters on the signals behind a pair', () => {
    applyAll(db, projection, landscape());
    expect(pairs({ statuses: ['ACTIVE', 'DUPLICATE'] })).toEqual([
      [BBL, PLAN, 4],
      [BBL, WET, 1],
      [PLAN, WET, 1],
    ]);
    expect(
      listNormConflicts(db, { first: 1, filter: { statuses: ['DUPLICATE', 'ACTIVE'] } })[0],
    ).toMatchObject({
      lastSeen: '2026-03-09',
      authorities: ['gm0344', 'gm0363', 'pv26'],
    });
    expect(pairs({ authorities: ['gm0363', 'gm0344'] })).toEqual([[BBL, PLAN, 2]]);
    expect(pairs({ policyDomains: ['nature'] })).toEqual([
      [BBL, PLAN, 1],
      [BBL, WET, 1],
      [PLAN, WET, 1],
    ]);
    expect(pairs({ governmentLayers: ['PROVINCE'], observedFrom: '2026-03-02' })).toHaveLength(3);
    expect(pairs({ observedTo: '2026-03-02' })).toEqual([[BBL, PLAN, 2]]);
    expect(pairs({ types: ['CONFLICTING_NORMS', 'BARRIER'] })).toHaveLength(3);
    expect(pairs({ types: ['BARRIER'] })).toEqual([]);
    expect(pairs({ statuses: ['WITHDRAWN'] })).toEqual([]);
  });

  it('recomputes pairs when norms or type are amended, and drops withdrawn signals from the counts', () => {
    const log = new EventLog();
    log.events.push(...landscape());
    const more = [
      { ...log.amended('c2', { norms: [{ ref: WET }, { ref: 'Bal art. 3.40' }] }), revision: 1 },
      { ...log.amended('c1', { type: 'BARRIER' }), revision: 1 },
      { ...log.withdrawn('c2'), revision: 2 },
      { ...log.amended('b1', { type: 'CONFLICTING_NORMS' }), revision: 1 },
    ];
    applyAll(db, projection, landscape());
    applyAll(db, projection, more.slice(0, 2));
    expect(pairs()).toEqual([
      ['Bal art. 3.40', WET, 1],
      [BBL, PLAN, 1],
    ]);
    applyAll(db, projection, more.slice(2));
    expect(listNormConflicts(db, { first: 20 })).toEqual([
      expect.objectContaining({
        normA: BBL,
        normB: PLAN,
        count: 1,
        lastSeen: '2026-02-01',
        authorities: ['gm0363'],
      }),
      // b1 became a norm conflict, escalated already.
      expect.objectContaining({ normA: BBL, normB: WET, count: 1, escalated: true, authorities: ['gm0344'] }),
    ]);
    expect(pairs({ statuses: ['WITHDRAWN'] })).toEqual([['Bal art. 3.40', WET, 1]]);
  });

  it('matches refs whatever their case and spacing, and shows the first spelling', () => {
    const log = new EventLog();
    conflict(log, 'n1', ['Bbl art. 4.101', 'Omgevingsplan  art. 5.1']);
    conflict(log, 'n2', ['bbl ART. 4.101 ', 'omgevingsplan art. 5.1'], { reportingAuthority: 'gm0363' });
    conflict(log, 'n3', ['BBL art. 4.101', 'Bal art. 3.1']);
    applyAll(db, projection, log.events);
    expect(pairs()).toEqual([
      ['Bbl art. 4.101', 'Omgevingsplan art. 5.1', 2],
      ['Bal art. 3.1', 'Bbl art. 4.101', 1],
    ]);
  });

  it('titles a norm with the most common title of its active signals, never just the last given', () => {
    const log = new EventLog();
    const titled = (signalId: string, title: string, extra: object = {}) =>
      log.recorded({
        signalId,
        type: 'CONFLICTING_NORMS',
        norms: [{ ref: BBL, title }, { ref: PLAN }],
        ...extra,
      });
    titled('t1', 'Energieprestatie');
    titled('t2', 'Energieprestatie', { reportingAuthority: 'gm0363' });
    titled('t3', 'VERVALLEN - zie https://evil.example/login', { reportingAuthority: 'pv26' });
    applyAll(db, projection, log.events);
    expect(listNormConflicts(db, { first: 1 })[0].titleA).toBe('Energieprestatie');
    const later = new EventLog();
    later.events.push(...log.events);
    const withdrawals = [
      { ...later.withdrawn('t1'), revision: 1 },
      { ...later.withdrawn('t2'), revision: 1 },
    ];
    applyAll(db, projection, withdrawals);
    expect(listNormConflicts(db, { first: 1 })[0].titleA).toBe('VERVALLEN - zie https://evil.example/login');
    const last = [{ ...later.withdrawn('t3'), revision: 1 }];
    applyAll(db, projection, last);
    expect(listNormConflicts(db, { first: 1 })).toEqual([]);
    titled('t4', 'Nieuwe titel');
    applyAll(db, projection, log.events.slice(-1));
    expect(listNormConflicts(db, { first: 1 })[0].titleA).toBe('Nieuwe titel');
  });

  it(`shows a viewer of one authority only pairs and titles of their own signals or of at least ${MIN_GROUP_SIZE}`, () => {
    const log = new EventLog();
    log.recorded({
      signalId: 'lone',
      type: 'CONFLICTING_NORMS',
      reportingAuthority: 'gm0363',
      norms: [{ ref: 'Bkl art. 1.1', title: 'VERVALLEN - zie https://evil.example/login' }, { ref: BBL }],
    });
    for (const signalId of ['p1', 'p2', 'p3']) {
      log.recorded({
        signalId,
        type: 'CONFLICTING_NORMS',
        reportingAuthority: 'pv26',
        norms: [{ ref: PLAN }, { ref: WET, title: signalId === 'p1' ? 'Eén provincie' : undefined }],
      });
    }
    conflict(log, 'own', [BBL, WET], { reportingAuthority: 'gm0344' });
    applyAll(db, projection, log.events);
    const seen = (filter?: SignalFilter) =>
      listNormConflicts(db, { first: 20, filter, visibleToAuthority: 'gm0344' }).map((row) => [
        row.normA,
        row.titleA,
        row.normB,
        row.titleB,
        row.count,
      ]);
    expect(seen()).toEqual([
      [PLAN, null, WET, null, 3],
      [BBL, null, WET, null, 1],
    ]);
    expect(seen({ policyDomains: ['building'] })).toEqual(seen());
    expect(JSON.stringify(listNormConflicts(db, { first: 20, visibleToAuthority: 'gm0363' }))).toContain(
      'evil.example',
    );
    expect(listNormConflicts(db, { first: 20 })).toHaveLength(3);
  });

  it('ends with the same rows when a batch is replayed after a crash before its commit', () => {
    const events = landscape();
    applyWithCrash(db, projection, events, 3);
    const clean = new BetterSqlite3(':memory:');
    const fresh = createNormConflictsProjection(testContext);
    fresh.migrate(clean);
    fresh.index?.(clean);
    applyAll(clean, fresh, events);
    expect(dumpTables(db, TABLES)).toEqual(dumpTables(clean, TABLES));
    applyAll(db, projection, events);
    expect(dumpTables(db, TABLES)).toEqual(dumpTables(clean, TABLES));
    clean.close();
  });

  it('keeps its running counts equal to counting the signals one by one', () => {
    const refs = ['A 1', 'B 2', 'C 3', 'D 4'];
    const authorities = ['gm0344', 'gm0363', 'pv26'];
    const days = ['2026-01-01', '2026-02-01', '2026-03-01'];
    const signalArb = fc.record({
      conflict: fc.boolean(),
      refs: fc.subarray(refs, { minLength: 2 }),
      authority: fc.constantFrom(...authorities),
      day: fc.constantFrom(...days),
    });
    const stepArb = fc.oneof(
      fc.record({
        kind: fc.constant('norms' as const),
        at: fc.nat(),
        refs: fc.subarray(refs, { minLength: 2 }),
      }),
      fc.record({ kind: fc.constant('type' as const), at: fc.nat(), conflict: fc.boolean() }),
      fc.record({ kind: fc.constant('observed' as const), at: fc.nat(), day: fc.constantFrom(...days) }),
      fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('withdraw' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('escalate' as const), at: fc.nat() }),
    );
    const local = new BetterSqlite3(':memory:');
    const conflicts = createNormConflictsProjection(testContext);
    conflicts.migrate(local);
    conflicts.index?.(local);
    fc.assert(
      fc.property(
        fc.array(signalArb, { minLength: 1, maxLength: 10 }),
        fc.array(stepArb, { maxLength: 20 }),
        (signals, steps) => {
          for (const table of TABLES) local.exec(`DELETE FROM ${table}`);
          const log = new EventLog();
          const model = signals.map((signal, index) => {
            log.recorded({
              signalId: `s${index}`,
              type: signal.conflict ? 'CONFLICTING_NORMS' : 'BARRIER',
              norms: signal.refs.map((ref) => ({ ref })),
              reportingAuthority: signal.authority,
              observedAt: signal.day,
            });
            return { ...signal, status: 'ACTIVE' as SignalStatus, escalated: false };
          });
          steps.forEach((step, index) => {
            const id = step.at % model.length;
            const signal = model[id];
            if (step.kind === 'escalate') {
              log.escalated(`e${index}`, [`s${id}`]);
              signal.escalated = true;
              return;
            }
            if (signal.status === 'WITHDRAWN') return;
            if (step.kind === 'norms') {
              log.amended(`s${id}`, { norms: step.refs.map((ref) => ({ ref })) });
              signal.refs = step.refs;
            } else if (step.kind === 'type') {
              log.amended(`s${id}`, { type: step.conflict ? 'CONFLICTING_NORMS' : 'BARRIER' });
              signal.conflict = step.conflict;
            } else if (step.kind === 'observed') {
              log.amended(`s${id}`, { observedAt: step.day });
              signal.day = step.day;
            } else if (step.kind === 'duplicate') {
              log.duplicate(`s${id}`, `s${(id + 1) % model.length}`);
              signal.status = 'DUPLICATE';
            } else {
              log.withdrawn(`s${id}`);
              signal.status = 'WITHDRAWN';
            }
          });
          applyAll(local, conflicts, log.events);

          const expected = new Map<
            string,
            { count: number; escalated: number; authorities: Set<string>; last: string }
          >();
          for (const signal of model) {
            if (!signal.conflict || signal.status !== 'ACTIVE') continue;
            for (const [a, b] of normPairs(signal.refs)) {
              const entry = expected.get(`${a}|${b}`) ?? {
                count: 0,
                escalated: 0,
                authorities: new Set(),
                last: '',
              };
              entry.count += 1;
              if (signal.escalated) entry.escalated += 1;
              entry.authorities.add(signal.authority);
              if (signal.day > entry.last) entry.last = signal.day;
              expected.set(`${a}|${b}`, entry);
            }
          }
          const canonical = (rows: NormConflictRow[]) =>
            rows
              .map((row) => [
                `${row.normA}|${row.normB}`,
                row.count,
                row.escalatedCount,
                row.authorities.join(),
                row.lastSeen,
              ])
              .sort((x, y) => String(x[0]).localeCompare(String(y[0])));
          const oracle = [...expected.entries()]
            .map(([pair, entry]) => [
              pair,
              entry.count,
              entry.escalated,
              [...entry.authorities].sort().join(),
              entry.last,
            ])
            .sort((x, y) => String(x[0]).localeCompare(String(y[0])));
          expect(canonical(listNormConflicts(local, { first: 100 }))).toEqual(oracle);
          // The same question through the per-signal pairs (a filter that excludes nothing).
          expect(
            canonical(listNormConflicts(local, { first: 100, filter: { observedFrom: '2000-01-01' } })),
          ).toEqual(oracle);
        },
      ),
      { numRuns: 60 },
    );
    local.close();
  });
});
