import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { InvalidInput } from '@praktijklus/domain';
import type {
  DomainEvent,
  NormReference,
  PolicyChangeEvent,
  PolicyChangeRecorded,
} from '@praktijklus/domain';
import type { RecordedEvent } from '@praktijklus/event-store';
import { createSignalsProjection } from '../signals/signals.projection';
import {
  applyAll,
  applyWithCrash,
  dumpTables,
  EventLog,
  testContext,
} from '../signals/test-support/signal-events';
import { policyChangeFunnel } from './policy-change-funnel';
import { createPolicyChangesProjection } from './policy-changes.projection';
import {
  getPolicyChange,
  listPolicyChanges,
  policyChangeEffect,
  policyChangesOf,
  signalIdsOfPolicyChange,
} from './policy-changes.queries';

const signals = createSignalsProjection(testContext);
const changes = createPolicyChangesProjection(testContext);
let db: Database;

beforeEach(() => {
  db = new BetterSqlite3(':memory:');
  for (const projection of [signals, changes]) {
    projection.migrate(db);
    projection.index?.(db);
  }
});
afterEach(() => db.close());

const apply = (events: readonly RecordedEvent[]): void => {
  applyAll(db, signals, events);
  applyAll(db, changes, events);
};

let position = 10_000;
const event = <E extends DomainEvent>(type: E['type'], data: E['data']): RecordedEvent => {
  position += 1;
  return {
    id: `event-${position}`,
    type,
    data: data as unknown as Record<string, unknown>,
    metadata: {
      actor: { sub: 'admin-1', authority: 'pv26', roles: ['admin'] },
      correlationId: `c-${position}`,
      causationId: `c-${position}`,
      schemaVersion: 1,
    },
    streamId: `policy-change-${position}`,
    revision: 0,
    position: String(position),
    recordedAt: '2026-03-01T00:00:00.000Z',
  };
};

const recorded = (
  overrides: Partial<PolicyChangeRecorded['data']> & { policyChangeId: string },
): RecordedEvent =>
  event<PolicyChangeRecorded>('PolicyChangeRecorded', {
    title: `Wijziging ${overrides.policyChangeId}`,
    description: 'Norm aangepast',
    policyDomain: 'building',
    norms: [{ ref: 'Bbl art. 4.101' }],
    effectiveOn: '2026-04-01',
    authorities: [],
    escalationIds: ['esc-1'],
    owner: 'pv26',
    recordedAt: '2026-03-20T10:00:00.000Z',
    ...overrides,
  });

const at = (iso: string): Date => new Date(iso);
const LATER = at('2026-12-01T12:00:00Z');

/** A small deterministic generator (mulberry32), so the random landscape is the same every run. */
const random = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

describe('policy-changes read model', () => {
  it('counts the signals of a change’s norms in the windows either side, edges included', () => {
    const log = new EventLog();
    const spellings = ['Bbl art. 4.101', ' bbl  ART. 4.101', 'BBL art. 4.101 '];
    const dates = ['2026-03-01', '2026-03-02', '2026-03-31', '2026-04-01', '2026-04-30', '2026-05-01'];
    dates.forEach((date, index) =>
      log.recorded({ signalId: `edge-${index}`, observedAt: date, norms: [{ ref: spellings[index % 3] }] }),
    );
    // Another norm, a withdrawn and a duplicate signal of the norm: none counts.
    log.recorded({ signalId: 'other', observedAt: '2026-03-15', norms: [{ ref: 'Bbl art. 4.102' }] });
    log.recorded({ signalId: 'gone', observedAt: '2026-03-15', norms: [{ ref: 'Bbl art. 4.101' }] });
    log.withdrawn('gone');
    log.recorded({ signalId: 'again', observedAt: '2026-04-15', norms: [{ ref: 'Bbl art. 4.101' }] });
    log.duplicate('again', 'edge-3');
    apply([...log.events, recorded({ policyChangeId: 'pc-1' })]);
    const change = getPolicyChange(db, 'pc-1')!;
    // 30 days before 2026-04-01 is [2026-03-02, 2026-04-01); the after window is [2026-04-01, 2026-05-01).
    expect(policyChangeEffect(db, change, 30, LATER)).toMatchObject({
      beforeFrom: '2026-03-02',
      afterUntil: '2026-05-01',
      before: 2,
      after: 2,
      rateRatio: 1,
      verdict: 'NO_CLEAR_CHANGE',
    });
  });

  it('matches counts computed independently over a random landscape', () => {
    const next = random(13);
    const log = new EventLog();
    const norms = ['Bbl art. 4.101', 'bbl  art. 4.101', 'Omgevingsplan gm0344 art. 22.3', 'Bkl art. 5.1'];
    const landscape: Array<{ observedOn: string; norms: string[]; status: string }> = [];
    for (let i = 0; i < 400; i += 1) {
      const day = new Date(Date.UTC(2025, 10, 1) + Math.floor(next() * 300) * 86_400_000)
        .toISOString()
        .slice(0, 10);
      const named = norms.filter(() => next() < 0.35);
      log.recorded({ signalId: `r-${i}`, observedAt: day, norms: named.map((ref) => ({ ref })) });
      let status = 'ACTIVE';
      if (next() < 0.1) {
        log.withdrawn(`r-${i}`);
        status = 'WITHDRAWN';
      }
      landscape.push({ observedOn: day, norms: named, status });
    }
    const changeNorms: NormReference[] = [{ ref: 'BBL ART. 4.101' }, { ref: 'Bkl art. 5.1' }];
    apply([
      ...log.events,
      recorded({ policyChangeId: 'pc-r', norms: changeNorms, effectiveOn: '2026-03-15' }),
    ]);
    const key = (ref: string) => ref.trim().split(/\s+/).join(' ').toLowerCase();
    const wanted = new Set(changeNorms.map((norm) => key(norm.ref)));
    for (const windowDays of [7, 45, 90]) {
      const start = new Date(Date.UTC(2026, 2, 15) - windowDays * 86_400_000).toISOString().slice(0, 10);
      const end = new Date(Date.UTC(2026, 2, 15) + windowDays * 86_400_000).toISOString().slice(0, 10);
      const matching = landscape.filter(
        (s) => s.status === 'ACTIVE' && s.norms.some((ref) => wanted.has(key(ref))),
      );
      const before = matching.filter((s) => s.observedOn >= start && s.observedOn < '2026-03-15').length;
      const after = matching.filter((s) => s.observedOn >= '2026-03-15' && s.observedOn < end).length;
      const effect = policyChangeEffect(db, getPolicyChange(db, 'pc-r')!, windowDays, LATER);
      expect([effect.before, effect.after]).toEqual([before, after]);
      expect(before + after).toBeGreaterThan(0);
    }
  });

  it('gives the exact interval and the verdicts for known counts', () => {
    const log = new EventLog();
    const add = (prefix: string, count: number, day: string, ref: string) => {
      for (let i = 0; i < count; i += 1)
        log.recorded({ signalId: `${prefix}-${i}`, observedAt: day, norms: [{ ref }] });
    };
    add('a-before', 10, '2026-03-10', 'Norm A');
    add('a-after', 5, '2026-04-10', 'Norm A');
    add('b-before', 60, '2026-03-10', 'Norm B');
    add('b-after', 30, '2026-04-10', 'Norm B');
    add('c-after', 7, '2026-04-10', 'Norm C');
    apply([
      ...log.events,
      recorded({ policyChangeId: 'pc-a', norms: [{ ref: 'norm a' }] }),
      recorded({ policyChangeId: 'pc-b', norms: [{ ref: 'norm b' }] }),
      recorded({ policyChangeId: 'pc-c', norms: [{ ref: 'norm c' }] }),
      recorded({ policyChangeId: 'pc-none', norms: [{ ref: 'norm z' }] }),
    ]);
    const effect = (id: string, now = LATER) => policyChangeEffect(db, getPolicyChange(db, id)!, 90, now);
    // The same SciPy/R reference values as rate-ratio.spec.ts: (after 5, before 10), (30, 60), (7, 0).
    const a = effect('pc-a');
    expect(a).toMatchObject({ before: 10, after: 5, rateRatio: 0.5, verdict: 'NO_CLEAR_CHANGE' });
    expect(a.lower).toBeCloseTo(0.13409686459458373, 9);
    expect(a.upper).toBeCloseTo(1.6054983712092294, 9);
    const b = effect('pc-b');
    expect(b).toMatchObject({ before: 60, after: 30, rateRatio: 0.5, verdict: 'DROPPED' });
    expect(b.lower).toBeCloseTo(0.31135919751166985, 9);
    expect(b.upper).toBeCloseTo(0.7874678331943099, 9);
    const c = effect('pc-c');
    expect(c).toMatchObject({ before: 0, after: 7, rateRatio: null, upper: null, verdict: 'ROSE' });
    expect(c.lower).toBeCloseTo(1.441308518835239, 9);
    expect(effect('pc-none')).toMatchObject({
      before: 0,
      after: 0,
      rateRatio: null,
      lower: null,
      upper: null,
      verdict: 'NO_CLEAR_CHANGE',
    });
    // The after window of 90 days from 2026-04-01 ends on 2026-06-30 (Dutch date).
    expect(effect('pc-b', at('2026-06-29T21:59:00Z')).verdict).toBe('TOO_EARLY');
    expect(effect('pc-b', at('2026-06-29T22:01:00Z')).verdict).toBe('DROPPED');
    expect(() => effect('pc-b').windowDays).not.toThrow();
    expect(() => policyChangeEffect(db, getPolicyChange(db, 'pc-b')!, 0, LATER)).toThrow(InvalidInput);
    expect(() => policyChangeEffect(db, getPolicyChange(db, 'pc-b')!, 3651, LATER)).toThrow(InvalidInput);
  });

  it('without norms, counts the signals of its domain naming one of its authorities', () => {
    const log = new EventLog();
    log.recorded({
      signalId: 'd1',
      observedAt: '2026-03-10',
      policyDomain: 'water',
      authorities: ['ws0155'],
    });
    log.recorded({
      signalId: 'd2',
      observedAt: '2026-04-10',
      policyDomain: 'water',
      authorities: ['gm0344', 'ws0155'],
    });
    log.recorded({
      signalId: 'd3',
      observedAt: '2026-04-11',
      policyDomain: 'water',
      authorities: ['gm0344'],
    });
    log.recorded({
      signalId: 'd4',
      observedAt: '2026-04-12',
      policyDomain: 'building',
      authorities: ['ws0155'],
    });
    apply([
      ...log.events,
      recorded({ policyChangeId: 'pc-w', norms: [], policyDomain: 'water', authorities: ['ws0155'] }),
      recorded({ policyChangeId: 'pc-all', norms: [], policyDomain: 'water', authorities: [] }),
    ]);
    expect(policyChangeEffect(db, getPolicyChange(db, 'pc-w')!, 90, LATER)).toMatchObject({
      before: 1,
      after: 1,
    });
    expect(policyChangeEffect(db, getPolicyChange(db, 'pc-all')!, 90, LATER)).toMatchObject({
      before: 1,
      after: 2,
    });
  });

  it('follows signals amended, classified, marked duplicate and withdrawn after they were counted', () => {
    const log = new EventLog();
    log.recorded({ signalId: 'm1', observedAt: '2026-03-10', norms: [{ ref: 'Norm A' }] });
    log.recorded({ signalId: 'm2', observedAt: '2026-03-11', norms: [{ ref: 'Norm A' }] });
    log.recorded({ signalId: 'm3', observedAt: '2026-03-12', norms: [{ ref: 'Norm B' }] });
    log.recorded({
      signalId: 'm4',
      observedAt: '2026-03-13',
      norms: [{ ref: 'Norm A' }, { ref: 'norm  b' }],
    });
    log.recorded({ signalId: 'm5', observedAt: '2026-03-14', norms: [], policyDomain: 'water' });
    log.amended('m1', { observedAt: '2026-04-10' });
    log.amended('m3', { norms: [{ ref: 'NORM A' }] });
    log.duplicate('m2', 'm1');
    log.classified('m5', ['geluid'], 'building');
    apply([
      ...log.events,
      recorded({ policyChangeId: 'pc-ab', norms: [{ ref: 'norm a' }, { ref: 'norm b' }] }),
      recorded({ policyChangeId: 'pc-d', norms: [], policyDomain: 'building' }),
    ]);
    const effect = (id: string) => policyChangeEffect(db, getPolicyChange(db, id)!, 90, LATER);
    // m1 moved after; m2 a duplicate; m3 now names A; m4 names both norms and counts once.
    expect(effect('pc-ab')).toMatchObject({ before: 2, after: 1 });
    // building: m1..m4 (recorded there) and m5 (classified into it); m2 no longer counts.
    expect(effect('pc-d')).toMatchObject({ before: 3, after: 1 });
    const more = new EventLog();
    more.withdrawn('m4');
    apply(more.events);
    expect(effect('pc-ab')).toMatchObject({ before: 1, after: 1 });
  });

  it('leads from signals to changes, follows amendments and withdrawals, and lists newest first', () => {
    const log = new EventLog();
    log.recorded({ signalId: 's1', observedAt: '2026-01-10', policyDomain: 'building' });
    log.recorded({ signalId: 's2', observedAt: '2026-02-01', policyDomain: 'building' });
    log.recorded({ signalId: 's3', observedAt: '2026-02-20', policyDomain: 'energy' });
    log.escalated('esc-1', ['s1']);
    log.attached('esc-1', ['s2']);
    log.escalated('esc-2', ['s3']);
    const amended: PolicyChangeEvent = {
      type: 'PolicyChangeAmended',
      data: {
        policyChangeId: 'pc-1',
        changes: { effectiveOn: '2026-05-01', norms: [] },
        amendedAt: '2026-04-01T10:00:00Z',
      },
    };
    const withdrawn: PolicyChangeEvent = {
      type: 'PolicyChangeWithdrawn',
      data: { policyChangeId: 'pc-3', reason: 'Vergissing', withdrawnAt: '2026-04-02T10:00:00Z' },
    };
    apply([
      ...log.events,
      recorded({ policyChangeId: 'pc-1', escalationIds: ['esc-1'] }),
      recorded({ policyChangeId: 'pc-2', escalationIds: ['esc-1', 'esc-2'], effectiveOn: '2026-04-15' }),
      recorded({ policyChangeId: 'pc-3', escalationIds: ['esc-2'], effectiveOn: '2026-03-01' }),
      event(amended.type, amended.data),
      event(withdrawn.type, withdrawn.data),
    ]);
    expect(getPolicyChange(db, 'pc-1')).toMatchObject({
      effectiveOn: '2026-05-01',
      norms: [],
      amendedAt: '2026-04-01T10:00:00.000Z',
      status: 'RECORDED',
    });
    expect(getPolicyChange(db, 'pc-3')).toMatchObject({ status: 'WITHDRAWN', withdrawnReason: 'Vergissing' });
    expect(signalIdsOfPolicyChange(db, getPolicyChange(db, 'pc-2')!)).toEqual(['s1', 's2', 's3']);
    expect(policyChangesOf(db, 's2').map((row) => row.id)).toEqual(['pc-1', 'pc-2']);
    expect(policyChangesOf(db, 's3').map((row) => row.id)).toEqual(['pc-2']);
    const first = listPolicyChanges(db, { first: 2 });
    expect(first.rows.map((row) => row.id)).toEqual(['pc-1', 'pc-2']);
    expect(first).toMatchObject({ totalCount: 3, hasNextPage: true });
    expect(listPolicyChanges(db, { first: 2, after: first.endCursor }).rows.map((row) => row.id)).toEqual([
      'pc-3',
    ]);
    expect(listPolicyChanges(db, { first: 5, filter: { statuses: ['WITHDRAWN'] } }).totalCount).toBe(1);
    expect(
      listPolicyChanges(db, { first: 5, filter: { escalationId: 'esc-2' } }).rows.map((r) => r.id),
    ).toEqual(['pc-2', 'pc-3']);
    expect(() => listPolicyChanges(db, { first: 2, after: 'bm9wZQ' })).toThrow(InvalidInput);
    // building: s1 and s2 behind pc-1 (from 2026-01-10: 111 days) and pc-2 (95 days); energy: s3 behind pc-2 only.
    expect(Object.fromEntries(policyChangeFunnel(db))).toEqual({
      building: { policyChanged: 2, medianDaysToPolicyChange: 103 },
      energy: { policyChanged: 1, medianDaysToPolicyChange: 54 },
    });
    // From 2026-02-01 only s2 is left in building: 89 days to pc-1, 73 to pc-2.
    expect(Object.fromEntries(policyChangeFunnel(db, { observedFrom: '2026-02-01' }))).toEqual({
      building: { policyChanged: 1, medianDaysToPolicyChange: 81 },
      energy: { policyChanged: 1, medianDaysToPolicyChange: 54 },
    });
  });

  it('gives identical rows after a batch rolled back by a crash is applied again', () => {
    const log = new EventLog();
    log.recorded({ signalId: 'c1', observedAt: '2026-03-10', norms: [{ ref: 'Norm A' }] });
    log.recorded({ signalId: 'c2', observedAt: '2026-03-11', norms: [{ ref: 'Norm A' }] });
    log.escalated('esc-1', ['c1']);
    log.amended('c2', { norms: [{ ref: 'Norm B' }], observedAt: '2026-04-02' });
    log.withdrawn('c1');
    const events = [...log.events, recorded({ policyChangeId: 'pc-c' })];
    const TABLES = [
      'policy_changes',
      'policy_changes_escalations',
      'policy_changes_escalation_signals',
      'policy_changes_signals',
      'policy_changes_signal_keys',
    ];
    applyAll(db, changes, events);
    const crashed = new BetterSqlite3(':memory:');
    const replay = createPolicyChangesProjection(testContext);
    replay.migrate(crashed);
    applyWithCrash(crashed, replay, events, 3);
    expect(dumpTables(crashed, TABLES)).toEqual(dumpTables(db, TABLES));
    expect(dumpTables(db, ['policy_changes_signal_keys']).policy_changes_signal_keys).toEqual([
      { key: 'a:building:gm0344', observed_on: '2026-04-02', signal_id: 'c2' },
      { key: 'd:building', observed_on: '2026-04-02', signal_id: 'c2' },
      { key: 'n:norm b', observed_on: '2026-04-02', signal_id: 'c2' },
    ]);
    crashed.close();
  });

  it('drops its tables', () => {
    changes.drop(db);
    expect(db.prepare(`SELECT name FROM sqlite_master WHERE name LIKE 'policy_changes%'`).all()).toEqual([]);
  });
});
