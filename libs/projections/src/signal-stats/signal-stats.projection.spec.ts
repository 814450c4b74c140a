import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import fc from 'fast-check';
import { InvalidInput } from '@praktijklus/domain';
import type { SignalLevel, SignalStatus, SignalType } from '@praktijklus/domain';
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
import { isoWeekOf } from './period';
import { CUBOIDS } from './schema';
import { createSignalStatsProjection } from './signal-stats.projection';
import { MIN_GROUP_SIZE } from '../disclosure';
import {
  MAX_GROUP_DIMENSIONS,
  MAX_STAT_ROWS,
  SIGNAL_DIMENSIONS,
  SignalDimension,
  signalStats,
  SignalStatRow,
  signalStatsSource,
} from './signal-stats.queries';
import type { TimeBucket } from './period';

const TABLES = ['signal_stats_signals', ...CUBOIDS.map((cuboid) => cuboid.table)];

let db: Database;
let projection: Projection;

beforeEach(() => {
  db = new BetterSqlite3(':memory:');
  projection = createSignalStatsProjection(testContext);
  projection.migrate(db);
});

afterEach(() => db.close());

const landscape = (): RecordedEvent[] => {
  const log = new EventLog();
  log.recorded({ signalId: 's1', type: 'CONFLICTING_NORMS', observedAt: '2026-03-04' });
  log.recorded({ signalId: 's2', reportingAuthority: 'gm0363', observedAt: '2026-03-09T23:30:00+01:00' });
  log.recorded({
    signalId: 's3',
    reportingAuthority: 'pv26',
    policyDomain: 'water',
    observedAt: '2026-02-27',
  });
  log.recorded({ signalId: 's4', observedAt: '2026-03-05', level: 'SYSTEM' });
  log.recorded({ signalId: 's5', reportingAuthority: 'xx999', observedAt: '2026-03-05' });
  log.other();
  log.amended('s4', { policyDomain: 'energy', observedAt: '2026-01-02' });
  log.classified('s1', ['geluid'], 'environment');
  log.escalated('e1', ['s1', 's3']);
  log.attached('e1', ['s3']);
  log.attached('e2', ['s3', 's4']);
  log.duplicate('s5', 's4');
  log.withdrawn('s2');
  return log.events;
};

const key = (overrides: Partial<SignalStatRow['key']>): SignalStatRow['key'] => ({
  type: null,
  policyDomain: null,
  level: null,
  authority: null,
  governmentLayer: null,
  initiativeKind: null,
  period: null,
  ...overrides,
});

describe('signal statistics projection', () => {
  it('counts signals per group with their escalated share, withdrawn ones left out by default', () => {
    applyAll(db, projection, landscape());
    expect(signalStats(db, { groupBy: [] })).toEqual([{ key: key({}), count: 4, escalatedCount: 3 }]);
    expect(signalStats(db, { groupBy: ['POLICY_DOMAIN', 'TYPE'] })).toEqual([
      { key: key({ type: 'BARRIER', policyDomain: 'building' }), count: 1, escalatedCount: 0 },
      { key: key({ type: 'BARRIER', policyDomain: 'energy' }), count: 1, escalatedCount: 1 },
      { key: key({ type: 'BARRIER', policyDomain: 'water' }), count: 1, escalatedCount: 1 },
      { key: key({ type: 'CONFLICTING_NORMS', policyDomain: 'environment' }), count: 1, escalatedCount: 1 },
    ]);
    expect(signalStats(db, { groupBy: ['GOVERNMENT_LAYER', 'AUTHORITY'] })).toEqual([
      { key: key({ authority: 'gm0344', governmentLayer: 'MUNICIPALITY' }), count: 2, escalatedCount: 2 },
      { key: key({ authority: 'pv26', governmentLayer: 'PROVINCE' }), count: 1, escalatedCount: 1 },
      { key: key({ authority: 'xx999', governmentLayer: null }), count: 1, escalatedCount: 0 },
    ]);
    expect(signalStats(db, { groupBy: ['TYPE'], filter: { statuses: ['WITHDRAWN', 'DUPLICATE'] } })).toEqual([
      { key: key({ type: 'BARRIER' }), count: 2, escalatedCount: 0 },
    ]);
  });

  it('buckets the day observed by day, ISO week and month', () => {
    applyAll(db, projection, landscape());
    const all = { statuses: ['ACTIVE', 'DUPLICATE', 'WITHDRAWN'] as SignalStatus[] };
    const periods = (bucket: TimeBucket) =>
      signalStats(db, { groupBy: ['PERIOD'], bucket, filter: all }).map((row) => [row.key.period, row.count]);
    expect(periods('DAY')).toEqual([
      ['2026-01-02', 1],
      ['2026-02-27', 1],
      ['2026-03-04', 1],
      ['2026-03-05', 1],
      ['2026-03-09', 1],
    ]);
    expect(periods('WEEK')).toEqual([
      ['2026-W01', 1],
      ['2026-W09', 1],
      ['2026-W10', 2],
      ['2026-W11', 1],
    ]);
    expect(periods('MONTH')).toEqual([
      ['2026-01', 1],
      ['2026-02', 1],
      ['2026-03', 3],
    ]);
    expect(signalStats(db, { groupBy: ['PERIOD'], filter: all })).toEqual(
      signalStats(db, { groupBy: ['PERIOD'], bucket: 'MONTH', filter: all }),
    );
  });

  it('answers from the smallest cuboid that holds the question, and the per-signal table otherwise', () => {
    expect(signalStatsSource({ groupBy: ['TYPE', 'LEVEL', 'INITIATIVE_KIND'] })).toBe('overall');
    expect(signalStatsSource({ groupBy: ['INITIATIVE_KIND', 'PERIOD'] })).toBe('month_kind');
    expect(signalStatsSource({ groupBy: ['POLICY_DOMAIN', 'PERIOD'] })).toBe('month');
    expect(
      signalStatsSource({
        groupBy: ['TYPE'],
        filter: { observedFrom: '2026-01-01', observedTo: '2026-03-31' },
      }),
    ).toBe('month');
    expect(signalStatsSource({ groupBy: ['TYPE'], filter: { observedFrom: '2026-01-02' } })).toBe('day');
    expect(signalStatsSource({ groupBy: ['POLICY_DOMAIN', 'PERIOD'], bucket: 'WEEK' })).toBe('day');
    expect(signalStatsSource({ groupBy: ['LEVEL', 'PERIOD'], bucket: 'DAY' })).toBe('day_kind');
    expect(signalStatsSource({ groupBy: ['AUTHORITY'], filter: { types: ['BARRIER'] } })).toBe('authority');
    expect(signalStatsSource({ groupBy: ['LEVEL'], filter: { authorities: ['gm0344'] } })).toBe(
      'authority_kind',
    );
    expect(signalStatsSource({ groupBy: ['AUTHORITY', 'PERIOD'] })).toBe('month_authority');
    expect(signalStatsSource({ groupBy: ['AUTHORITY', 'PERIOD'], bucket: 'WEEK' })).toBe('signals');
    expect(signalStatsSource({ groupBy: ['AUTHORITY', 'LEVEL', 'TYPE'] })).toBe('signals');
  });

  it('refuses an unknown dimension, bucket or date', () => {
    expect(() => signalStats(db, { groupBy: ['COLOUR' as SignalDimension] })).toThrow(InvalidInput);
    expect(() => signalStats(db, { groupBy: ['PERIOD'], bucket: 'YEAR' as TimeBucket })).toThrow(
      InvalidInput,
    );
    expect(() => signalStats(db, { groupBy: [], filter: { observedTo: '31-12-2026' } })).toThrow(
      InvalidInput,
    );
    expect(() =>
      signalStats(db, { groupBy: [], filter: { observedFrom: '2026-02-01', observedTo: '2026-01-31' } }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_PERIOD', field: 'observedTo' }) as InvalidInput);
  });

  it('refuses grouping on more than four dimensions and an answer of more than MAX_STAT_ROWS groups', () => {
    applyAll(db, projection, landscape());
    expect(() =>
      signalStats(db, { groupBy: ['TYPE', 'POLICY_DOMAIN', 'LEVEL', 'AUTHORITY', 'PERIOD'], bucket: 'DAY' }),
    ).toThrow(expect.objectContaining({ code: 'TOO_MANY_DIMENSIONS' }));
    const log = new EventLog();
    for (let i = 0; i <= MAX_STAT_ROWS; i++) {
      const day = new Date(Date.UTC(2020, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
      log.recorded({ signalId: `n${i}`, observedAt: day });
    }
    applyAll(db, projection, log.events);
    expect(() => signalStats(db, { groupBy: ['PERIOD'], bucket: 'DAY' })).toThrow(
      expect.objectContaining({ code: 'TOO_MANY_GROUPS' }),
    );
    expect(signalStats(db, { groupBy: ['PERIOD'], bucket: 'MONTH' }).length).toBeLessThan(MAX_STAT_ROWS);
  });

  it(`leaves out, for a viewer of one authority, rows under ${MIN_GROUP_SIZE} naming another authority finer than a month`, () => {
    const log = new EventLog();
    log.recorded({ signalId: 'own', reportingAuthority: 'gm0344', observedAt: '2026-03-04' });
    log.recorded({
      signalId: 'lone',
      reportingAuthority: 'gm0363',
      observedAt: '2026-03-04',
      level: 'SYSTEM',
    });
    for (const id of ['a', 'b', 'c']) {
      log.recorded({ signalId: id, reportingAuthority: 'gm0363', observedAt: '2026-03-05' });
    }
    applyAll(db, projection, log.events);
    const officer = { visibleToAuthority: 'gm0344' };
    const counts = (rows: SignalStatRow[]) =>
      rows.map((row) => [row.key.authority, row.key.period, row.count]);
    expect(counts(signalStats(db, { groupBy: ['AUTHORITY', 'PERIOD'], bucket: 'DAY', ...officer }))).toEqual([
      ['gm0344', '2026-03-04', 1],
      ['gm0363', '2026-03-05', 3],
    ]);
    expect(
      signalStats(db, {
        groupBy: ['LEVEL'],
        filter: { authorities: ['gm0363'], observedFrom: '2026-03-04', observedTo: '2026-03-04' },
        ...officer,
      }),
    ).toEqual([]);
    expect(
      signalStats(db, {
        groupBy: ['LEVEL', 'PERIOD'],
        bucket: 'WEEK',
        filter: { authorities: ['gm0363'] },
        ...officer,
      }),
    ).toEqual([{ key: key({ level: 'POLICY', period: '2026-W10' }), count: 3, escalatedCount: 0 }]);
    // Whole months, and callers who see every signal, get every group.
    expect(counts(signalStats(db, { groupBy: ['AUTHORITY', 'LEVEL'], ...officer }))).toHaveLength(3);
    expect(counts(signalStats(db, { groupBy: ['AUTHORITY', 'PERIOD'], bucket: 'DAY' }))).toHaveLength(3);
  });

  it('ends with the same rows when a batch is replayed after a crash before its commit', () => {
    const events = landscape();
    applyWithCrash(db, projection, events, 7);
    const clean = new BetterSqlite3(':memory:');
    const fresh = createSignalStatsProjection(testContext);
    fresh.migrate(clean);
    applyAll(clean, fresh, events);
    expect(dumpTables(db, TABLES)).toEqual(dumpTables(clean, TABLES));
    applyAll(db, projection, events);
    expect(dumpTables(db, TABLES)).toEqual(dumpTables(clean, TABLES));
    clean.close();
  });

  it('names ISO weeks as SQLite does', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 365 * 30 }), (offset) => {
        const day = new Date(Date.UTC(2010, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);
        const { week } = db
          .prepare<[string], { week: string }>("SELECT strftime('%G-W%V', ?) AS week")
          .get(day) ?? {
          week: '',
        };
        expect(isoWeekOf(day)).toBe(week);
      }),
    );
  });

  it('agrees with counting the signals one by one, for any history and any question', () => {
    const types: SignalType[] = ['BARRIER', 'CONFLICTING_NORMS', 'KNOWLEDGE_GAP'];
    const levels: SignalLevel[] = ['SYSTEM', 'POLICY', 'PAPERWORK'];
    const domains = ['building', 'water', 'energy'];
    const authorities = ['gm0344', 'gm0363', 'pv26', 'xx999'];
    const kinds = ['ENTREPRENEUR', 'GOVERNMENT'] as const;
    const statuses: SignalStatus[] = ['ACTIVE', 'DUPLICATE', 'WITHDRAWN'];
    const days = ['2025-12-29', '2026-01-01', '2026-01-31', '2026-02-01', '2026-02-28', '2026-03-02'];

    const signalArb = fc.record({
      type: fc.constantFrom(...types),
      policyDomain: fc.constantFrom(...domains),
      level: fc.constantFrom(...levels),
      reportingAuthority: fc.constantFrom(...authorities),
      initiativeKind: fc.constantFrom(...kinds),
      observedAt: fc.constantFrom(...days),
    });
    const stepArb = fc.oneof(
      fc.record({
        kind: fc.constant('amend' as const),
        at: fc.nat(),
        changes: signalArb.map(({ reportingAuthority: _, ...rest }) => rest),
      }),
      fc.record({
        kind: fc.constant('classify' as const),
        at: fc.nat(),
        domain: fc.option(fc.constantFrom(...domains), { nil: undefined }),
      }),
      fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('withdraw' as const), at: fc.nat() }),
      fc.record({
        kind: fc.constant('escalate' as const),
        at: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
      }),
    );
    const filterArb: fc.Arbitrary<SignalFilter> = fc
      .record(
        {
          types: fc.subarray(types),
          policyDomains: fc.subarray(domains),
          levels: fc.subarray(levels),
          authorities: fc.subarray(authorities),
          governmentLayers: fc.subarray(['MUNICIPALITY', 'PROVINCE'] as const),
          initiativeKinds: fc.subarray([...kinds]),
          statuses: fc.subarray(statuses),
          observedFrom: fc.constantFrom(...days, '2026-01-01T08:00:00+01:00'),
          observedTo: fc.constantFrom(...days),
        },
        { requiredKeys: [] },
      )
      .filter(
        // A period that starts after it ends is refused (tested above), not counted.
        ({ observedFrom, observedTo }) =>
          observedFrom === undefined || observedTo === undefined || observedFrom.slice(0, 10) <= observedTo,
      );
    const questionArb = fc.record({
      groupBy: fc.subarray([...SIGNAL_DIMENSIONS], { maxLength: MAX_GROUP_DIMENSIONS }),
      bucket: fc.constantFrom<TimeBucket>('DAY', 'WEEK', 'MONTH'),
      filter: filterArb,
    });

    const local = new BetterSqlite3(':memory:');
    const stats = createSignalStatsProjection(testContext);
    stats.migrate(local);
    fc.assert(
      fc.property(
        fc.array(signalArb, { minLength: 1, maxLength: 12 }),
        fc.array(stepArb, { maxLength: 20 }),
        fc.array(questionArb, { minLength: 1, maxLength: 8 }),
        (signals, steps, questions) => {
          // One database for every run, emptied rather than re-created, so statements stay prepared.
          for (const table of TABLES) local.exec(`DELETE FROM ${table}`);
          const log = new EventLog();
          interface Model {
            type: string;
            policyDomain: string;
            level: string;
            authority: string;
            initiativeKind: string;
            day: string;
            status: SignalStatus;
            escalated: boolean;
          }
          const model: Model[] = [];
          signals.forEach((signal, index) => {
            log.recorded({ signalId: `s${index}`, ...signal });
            model.push({
              type: signal.type,
              policyDomain: signal.policyDomain,
              level: signal.level,
              authority: signal.reportingAuthority,
              initiativeKind: signal.initiativeKind,
              day: signal.observedAt,
              status: 'ACTIVE',
              escalated: false,
            });
          });
          steps.forEach((step, index) => {
            if (step.kind === 'escalate') {
              const ids = step.at.map((at) => at % model.length);
              log.escalated(
                `e${index}`,
                ids.map((id) => `s${id}`),
              );
              for (const id of ids) model[id].escalated = true;
              return;
            }
            const id = step.at % model.length;
            const signal = model[id];
            if (signal.status === 'WITHDRAWN') return;
            if (step.kind === 'amend') {
              log.amended(`s${id}`, step.changes);
              Object.assign(signal, { ...step.changes, day: step.changes.observedAt });
            } else if (step.kind === 'classify') {
              log.classified(`s${id}`, ['thema'], step.domain);
              if (step.domain !== undefined) signal.policyDomain = step.domain;
            } else if (step.kind === 'duplicate') {
              log.duplicate(`s${id}`, `s${(id + 1) % model.length}`);
              signal.status = 'DUPLICATE';
            } else {
              log.withdrawn(`s${id}`);
              signal.status = 'WITHDRAWN';
            }
          });
          applyAll(local, stats, log.events);

          // Every grouping allowed, each with a whole-month range, a ragged range and none: every route.
          const systematic = SIGNAL_DIMENSIONS.reduce<SignalDimension[][]>(
            (subsets, dimension) => [...subsets, ...subsets.map((subset) => [...subset, dimension])],
            [[]],
          )
            .filter((groupBy) => groupBy.length <= MAX_GROUP_DIMENSIONS)
            .flatMap((groupBy, index) =>
              [
                {},
                { observedFrom: '2026-01-01', observedTo: '2026-02-28' },
                { observedFrom: '2026-01-31' },
              ].map((filter, variant) => ({
                groupBy,
                filter,
                bucket: (['DAY', 'WEEK', 'MONTH'] as const)[(index + variant) % 3],
              })),
            );
          for (const question of [...systematic, ...questions]) {
            const expected = JSON.stringify(oracle(model, question));
            // Compared as text first: Jest's deep equality is slow over thousands of questions.
            for (const source of ['auto', 'signals'] as const) {
              const answer = JSON.stringify(signalStats(local, question, { source }));
              if (answer !== expected)
                expect({ question, source, answer }).toEqual({ question, source, answer: expected });
            }
          }
        },
      ),
      { numRuns: 25 },
    );
    local.close();
  });
});

interface ModelSignal {
  type: string;
  policyDomain: string;
  level: string;
  authority: string;
  initiativeKind: string;
  day: string;
  status: SignalStatus;
  escalated: boolean;
}

/** The statistics computed naively from the signals' final states. */
function oracle(
  signals: ModelSignal[],
  question: { groupBy: readonly SignalDimension[]; bucket: TimeBucket; filter: SignalFilter },
): SignalStatRow[] {
  const { filter, groupBy, bucket } = question;
  const layer = (authority: string) => testContext.layerOf(authority) ?? null;
  const inList = <T>(values: readonly T[] | undefined, value: T) =>
    values === undefined || values.length === 0 || values.includes(value);
  const statuses = filter.statuses && filter.statuses.length > 0 ? filter.statuses : ['ACTIVE', 'DUPLICATE'];
  const from = filter.observedFrom?.slice(0, 10);
  const to = filter.observedTo?.slice(0, 10);
  const period = (day: string) =>
    bucket === 'DAY' ? day : bucket === 'WEEK' ? isoWeekOf(day) : day.slice(0, 7);
  const groups = new Map<string, SignalStatRow>();
  for (const signal of signals) {
    const signalLayer = layer(signal.authority);
    const matches =
      inList(filter.types, signal.type as SignalType) &&
      inList(filter.policyDomains, signal.policyDomain) &&
      inList(filter.levels, signal.level as SignalLevel) &&
      inList(filter.authorities, signal.authority) &&
      (filter.governmentLayers === undefined ||
        filter.governmentLayers.length === 0 ||
        (signalLayer !== null && filter.governmentLayers.includes(signalLayer))) &&
      inList(filter.initiativeKinds, signal.initiativeKind as 'ENTREPRENEUR') &&
      statuses.includes(signal.status) &&
      (from === undefined || signal.day >= from) &&
      (to === undefined || signal.day <= to);
    if (!matches) continue;
    const has = (dimension: SignalDimension) => groupBy.includes(dimension);
    const rowKey = {
      type: has('TYPE') ? (signal.type as SignalType) : null,
      policyDomain: has('POLICY_DOMAIN') ? signal.policyDomain : null,
      level: has('LEVEL') ? (signal.level as SignalLevel) : null,
      authority: has('AUTHORITY') ? signal.authority : null,
      governmentLayer: has('GOVERNMENT_LAYER') ? signalLayer : null,
      initiativeKind: has('INITIATIVE_KIND') ? (signal.initiativeKind as 'ENTREPRENEUR') : null,
      period: has('PERIOD') ? period(signal.day) : null,
    };
    const id = JSON.stringify(rowKey);
    const row = groups.get(id) ?? { key: rowKey, count: 0, escalatedCount: 0 };
    row.count += 1;
    if (signal.escalated) row.escalatedCount += 1;
    groups.set(id, row);
  }
  if (groupBy.length === 0) {
    const total = [...groups.values()][0] ?? { key: groupsKeyNull(), count: 0, escalatedCount: 0 };
    return [total];
  }
  const order: Array<keyof SignalStatRow['key']> = [
    'type',
    'policyDomain',
    'level',
    'authority',
    'governmentLayer',
    'initiativeKind',
    'period',
  ];
  // SQLite orders NULL first and text by its bytes, as this comparison does for these values.
  const compare = (a: SignalStatRow, b: SignalStatRow): number => {
    for (const field of order) {
      const x = a.key[field] ?? '';
      const y = b.key[field] ?? '';
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  };
  return [...groups.values()].sort(compare);
}

const groupsKeyNull = (): SignalStatRow['key'] => ({
  type: null,
  policyDomain: null,
  level: null,
  authority: null,
  governmentLayer: null,
  initiativeKind: null,
  period: null,
});
