import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { InvalidInput } from '@praktijklus/domain';
import type { DomainEvent, EscalationEvent, SignalRecorded } from '@praktijklus/domain';
import type { RecordedEvent } from '@praktijklus/event-store';
import type { Projection } from '../projection';
import { createEscalationBoardProjection } from './escalation-board.projection';
import { escalationBoardSummary, getEscalation, listEscalations } from './escalation-board.queries';

const ctx = { layerOf: () => undefined };

const recorder = () => {
  let position = 0;
  return <E extends DomainEvent>(type: E['type'], data: E['data']): RecordedEvent => {
    position += 1;
    return {
      id: `event-${position}`,
      type,
      data: data as unknown as Record<string, unknown>,
      metadata: {
        actor: { sub: 'user-1', authority: 'gm0344', roles: ['admin'] },
        correlationId: `c-${position}`,
        causationId: `c-${position}`,
        schemaVersion: 1,
      },
      streamId: `stream-${position}`,
      revision: 0,
      position: String(position).padStart(12, '0'),
      recordedAt: '2026-03-01T00:00:00.000Z',
    };
  };
};

type Of<T extends EscalationEvent['type']> = Extract<EscalationEvent, { type: T }>;

const history = (): RecordedEvent[] => {
  const e = recorder();
  return [
    e<SignalRecorded>('SignalRecorded', {
      signalId: 's-1',
      type: 'BARRIER',
      title: 'Warmtepomp',
      description: 'Geluidsnorm',
      policyDomain: 'building',
      level: 'POLICY',
      initiativeKind: 'CITIZEN_INITIATIVE',
      observedAt: '2026-02-01',
      authorities: ['gm0344'],
      norms: [],
      initiative: null,
      location: null,
      reportingAuthority: 'gm0344',
      reportedBy: 'officer-1',
      recordedAt: '2026-02-01T09:00:00.000Z',
    }),
    // A: raised by gm0344 to pv26, later transferred to mnre1130, decided and resolved.
    e<Of<'EscalationRaised'>>('EscalationRaised', {
      escalationId: 'esc-a',
      title: 'Geluid warmtepompen',
      reason: 'Normen botsen',
      signalIds: ['s-1', 's-2'],
      raisedBy: 'gm0344',
      raisedByUser: 'officer-1',
      addressedTo: 'pv26',
      respondBy: '2026-03-10T17:00:00+01:00',
      raisedAt: '2026-03-01T10:00:00.000Z',
    }),
    e<Of<'EscalationAcknowledged'>>('EscalationAcknowledged', {
      escalationId: 'esc-a',
      acknowledgedAt: '2026-03-02T10:00:00.000Z',
    }),
    e<Of<'EscalationTransferred'>>('EscalationTransferred', {
      escalationId: 'esc-a',
      from: 'pv26',
      to: 'mnre1130',
      reason: 'Rijksregel',
      respondBy: '2026-03-20T16:00:00.000Z',
      transferredAt: '2026-03-03T10:00:00.000Z',
    }),
    e<Of<'AuthorityInvolved'>>('AuthorityInvolved', {
      escalationId: 'esc-a',
      authority: 'ws0155',
      reason: 'Waterkering',
      involvedAt: '2026-03-04T10:00:00.000Z',
    }),
    e<Of<'SignalsAttached'>>('SignalsAttached', {
      escalationId: 'esc-a',
      signalIds: ['s-3', 's-1'],
      attachedAt: '2026-03-04T11:00:00.000Z',
    }),
    e<Of<'EscalationDecided'>>('EscalationDecided', {
      escalationId: 'esc-a',
      outcome: 'POLICY_ADJUSTED',
      rationale: 'Norm aangepast',
      decidedAt: '2026-03-05T10:00:00.000Z',
    }),
    // B: raised by gm0363 to pv27, deadline 2026-03-06, never answered.
    e<Of<'EscalationRaised'>>('EscalationRaised', {
      escalationId: 'esc-b',
      title: 'Tiny houses',
      reason: 'Bouwbesluit',
      signalIds: ['s-4'],
      raisedBy: 'gm0363',
      raisedByUser: 'officer-2',
      addressedTo: 'pv27',
      respondBy: '2026-03-06T16:00:00.000Z',
      raisedAt: '2026-02-20T08:00:00.000Z',
    }),
    // C: raised by gm0344 to pv26, acknowledged, decided, resolved, reopened.
    e<Of<'EscalationRaised'>>('EscalationRaised', {
      escalationId: 'esc-c',
      title: 'Zonnepanelen monument',
      reason: 'Erfgoed',
      signalIds: ['s-5'],
      raisedBy: 'gm0344',
      raisedByUser: 'officer-1',
      addressedTo: 'pv26',
      respondBy: '2026-03-08T16:00:00.000Z',
      raisedAt: '2026-03-01T08:00:00.000Z',
    }),
    e<Of<'EscalationAcknowledged'>>('EscalationAcknowledged', {
      escalationId: 'esc-c',
      acknowledgedAt: '2026-03-01T12:00:00.000Z',
    }),
    e<Of<'EscalationDecided'>>('EscalationDecided', {
      escalationId: 'esc-c',
      outcome: 'NO_CHANGE',
      rationale: 'Geen ruimte',
      decidedAt: '2026-03-02T08:00:00.000Z',
    }),
    e<Of<'EscalationResolved'>>('EscalationResolved', {
      escalationId: 'esc-c',
      summary: 'Afgehandeld',
      resolvedAt: '2026-03-02T09:00:00.000Z',
    }),
    e<Of<'EscalationReopened'>>('EscalationReopened', {
      escalationId: 'esc-c',
      reason: 'Niet eens',
      reopenedAt: '2026-03-03T09:00:00.000Z',
    }),
    // D: decided and resolved, stays resolved.
    e<Of<'EscalationRaised'>>('EscalationRaised', {
      escalationId: 'esc-d',
      title: 'Mestopslag',
      reason: 'Stikstof',
      signalIds: ['s-6'],
      raisedBy: 'gm0599',
      raisedByUser: 'officer-3',
      addressedTo: 'pv28',
      respondBy: '2026-03-04T16:00:00.000Z',
      raisedAt: '2026-02-25T08:00:00.000Z',
    }),
    e<Of<'EscalationDecided'>>('EscalationDecided', {
      escalationId: 'esc-d',
      outcome: 'EXPERIMENT_GRANTED',
      rationale: 'Pilot',
      decidedAt: '2026-03-03T08:00:00.000Z',
    }),
    e<Of<'EscalationResolved'>>('EscalationResolved', {
      escalationId: 'esc-d',
      summary: 'Pilot loopt',
      resolvedAt: '2026-03-04T08:00:00.000Z',
    }),
  ];
};

const open = (projection: Projection): Database => {
  const db = new BetterSqlite3(':memory:');
  projection.migrate(db);
  return db;
};

const applyAll = (projection: Projection, db: Database, events: RecordedEvent[]): void => {
  db.transaction(() => events.forEach((event) => projection.apply(db, event)))();
};

const dump = (db: Database): unknown[] =>
  ['escalation_board_escalations', 'escalation_board_signals', 'escalation_board_parties'].map((table) =>
    db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2, 3`).all(),
  );

const at = (iso: string): Date => new Date(iso);

describe('escalation board projection', () => {
  let projection: Projection;
  let db: Database;

  beforeEach(() => {
    projection = createEscalationBoardProjection(ctx);
    db = open(projection);
    applyAll(projection, db, history());
  });

  afterEach(() => db.close());

  it('keeps the current state of a transferred, decided escalation with its signals and parties', () => {
    expect(getEscalation(db, 'esc-a', at('2026-03-06T00:00:00.000Z'))).toEqual({
      id: 'esc-a',
      title: 'Geluid warmtepompen',
      status: 'DECIDED',
      addressedTo: 'mnre1130',
      raisedBy: 'gm0344',
      raisedAt: '2026-03-01T10:00:00.000Z',
      respondBy: '2026-03-20T16:00:00.000Z',
      acknowledgedAt: null,
      decidedAt: '2026-03-05T10:00:00.000Z',
      resolvedAt: null,
      outcome: 'POLICY_ADJUSTED',
      rationale: 'Norm aangepast',
      signalIds: ['s-1', 's-2', 's-3'],
      signalCount: 3,
      involvedAuthorities: ['ws0155'],
      transferCount: 1,
      previousAddressees: ['pv26'],
      deadlinePassedAt: null,
      climbedTo: [],
      chainEnded: false,
      overdue: false,
      ageDays: 4,
    });
  });

  it('puts an escalation that non-response climbed on the board of the authority it climbed to', () => {
    const climbing = createEscalationBoardProjection(ctx);
    const fresh = open(climbing);
    const e = recorder();
    applyAll(climbing, fresh, [
      e<Of<'EscalationRaised'>>('EscalationRaised', {
        escalationId: 'esc-c',
        title: 't',
        reason: 'r',
        signalIds: ['s'],
        raisedBy: 'gm0344',
        raisedByUser: 'u',
        addressedTo: 'gm0363',
        respondBy: '2026-03-10T00:00:00.000Z',
        raisedAt: '2026-03-01T00:00:00.000Z',
      }),
      e<Of<'EscalationDeadlinePassed'>>('EscalationDeadlinePassed', {
        escalationId: 'esc-c',
        respondBy: '2026-03-10T00:00:00.000Z',
        awaited: 'gm0363',
        passedAt: '2026-03-10T00:01:00.000Z',
      }),
    ]);
    const board = (authority: string) =>
      listEscalations(fresh, {
        first: 10,
        now: new Date('2026-03-20T00:00:00Z'),
        visibleToAuthority: authority,
      }).rows;
    expect(board('pv27')).toEqual([]);
    expect(board('gm0363')[0]).toMatchObject({ deadlinePassedAt: '2026-03-10T00:01:00.000Z', overdue: true });

    applyAll(climbing, fresh, [
      e<Of<'EscalationEscalatedForNonResponse'>>('EscalationEscalatedForNonResponse', {
        escalationId: 'esc-c',
        from: 'gm0363',
        to: 'pv27',
        respondBy: '2026-04-10T00:00:00.000Z',
        escalatedAt: '2026-03-17T00:00:00.000Z',
      }),
    ]);
    expect(board('pv27')[0]).toMatchObject({
      id: 'esc-c',
      addressedTo: 'gm0363',
      climbedTo: ['pv27'],
      involvedAuthorities: ['pv27'],
      respondBy: '2026-04-10T00:00:00.000Z',
      deadlinePassedAt: null,
      overdue: false,
    });
    fresh.close();
  });

  it('normalises respondBy with an offset to UTC', () => {
    const fresh = open(projection);
    applyAll(projection, fresh, history().slice(0, 2));
    expect(getEscalation(fresh, 'esc-a', at('2026-03-02T00:00:00Z'))?.respondBy).toBe(
      '2026-03-10T16:00:00.000Z',
    );
    fresh.close();
  });

  it('clears the decision of a reopened escalation and returns it to ACKNOWLEDGED', () => {
    expect(getEscalation(db, 'esc-c', at('2026-03-03T10:00:00Z'))).toMatchObject({
      status: 'ACKNOWLEDGED',
      acknowledgedAt: '2026-03-01T12:00:00.000Z',
      decidedAt: null,
      outcome: null,
      rationale: null,
      resolvedAt: null,
    });
  });

  it('takes the new deadline of a reopened escalation, for its row and for every party listing it', () => {
    const fresh = open(projection);
    const ofC = history().filter((event) => event.data.escalationId === 'esc-c');
    const reopened = ofC[ofC.length - 1];
    applyAll(projection, fresh, [
      ...ofC.slice(0, -1),
      { ...reopened, data: { ...reopened.data, respondBy: '2026-03-31T16:00:00+02:00' } },
    ]);
    expect(getEscalation(fresh, 'esc-c', at('2026-03-10T10:00:00Z'))).toMatchObject({
      respondBy: '2026-03-31T14:00:00.000Z',
      overdue: false,
    });
    const visible = fresh
      .prepare<[], { respondBy: string }>(
        `SELECT DISTINCT respond_by AS respondBy FROM escalation_board_visibility WHERE escalation_id = 'esc-c'`,
      )
      .all();
    expect(visible).toEqual([{ respondBy: Date.parse('2026-03-31T14:00:00.000Z') }]);
    fresh.close();
  });

  it('keeps the earlier deadline for a reopening recorded before reopenings carried one', () => {
    expect(getEscalation(db, 'esc-c', at('2026-03-10T10:00:00Z'))?.respondBy).toBe(
      '2026-03-08T16:00:00.000Z',
    );
  });

  it('answers null for an unknown escalation', () => {
    expect(getEscalation(db, 'nope', new Date())).toBeNull();
  });

  it('flips overdue when now passes respondBy, and only while undecided', () => {
    const before = at('2026-03-06T15:59:59.999Z');
    const after = at('2026-03-06T16:00:00.001Z');
    expect(getEscalation(db, 'esc-b', before)?.overdue).toBe(false);
    expect(getEscalation(db, 'esc-b', after)?.overdue).toBe(true);
    expect(getEscalation(db, 'esc-a', at('2026-04-01T00:00:00Z'))?.overdue).toBe(false);
    expect(getEscalation(db, 'esc-d', at('2026-04-01T00:00:00Z'))).toMatchObject({
      overdue: false,
      ageDays: 7,
    });
  });

  it('compares deadlines as instants: one far beyond year 9999 in an old event is not overdue', () => {
    const fresh = open(projection);
    const e = recorder();
    const far = '9999-12-31T23:59:59-23:59';
    applyAll(projection, fresh, [
      e<Of<'EscalationRaised'>>('EscalationRaised', {
        escalationId: 'esc-far',
        title: 'Ver weg',
        reason: 'r',
        signalIds: [],
        raisedBy: 'gm0344',
        raisedByUser: 'officer-1',
        addressedTo: 'pv26',
        respondBy: far,
        raisedAt: '2026-03-01T10:00:00.000Z',
      }),
      e<Of<'EscalationRaised'>>('EscalationRaised', {
        escalationId: 'esc-near',
        title: 'Dichtbij',
        reason: 'r',
        signalIds: [],
        raisedBy: 'gm0344',
        raisedByUser: 'officer-1',
        addressedTo: 'pv26',
        respondBy: '2026-03-10T17:00:00+01:00',
        raisedAt: '2026-03-01T10:00:00.000Z',
      }),
    ]);
    const now = at('2026-03-05T00:00:00Z');
    expect(getEscalation(fresh, 'esc-far', now)).toMatchObject({
      overdue: false,
      respondBy: new Date(far).toISOString(),
    });
    expect(listEscalations(fresh, { first: 20, now, filter: { overdue: true } }).rows).toEqual([]);
    expect(listEscalations(fresh, { first: 20, now }).rows.map((row) => row.id)).toEqual([
      'esc-near',
      'esc-far',
    ]);
    const page = listEscalations(fresh, { first: 1, now, visibleToAuthority: 'pv26' });
    expect(
      listEscalations(fresh, { first: 1, now, visibleToAuthority: 'pv26', after: page.endCursor }).rows.map(
        (row) => row.id,
      ),
    ).toEqual(['esc-far']);
    expect(escalationBoardSummary(fresh, { now })).toMatchObject({ open: 2, overdue: 0 });
    fresh.close();
  });

  it('lists deadline first and pages with opaque cursors', () => {
    const now = at('2026-03-07T00:00:00Z');
    const first = listEscalations(db, { first: 2, now });
    expect(first.rows.map((row) => row.id)).toEqual(['esc-d', 'esc-b']);
    expect(first).toMatchObject({ totalCount: 4, hasNextPage: true });
    const second = listEscalations(db, { first: 2, after: first.endCursor, now });
    expect(second.rows.map((row) => row.id)).toEqual(['esc-c', 'esc-a']);
    expect(second).toMatchObject({ totalCount: 4, hasNextPage: false, endCursor: second.rows[1].cursor });
    const empty = listEscalations(db, { first: 2, after: second.endCursor, now });
    expect(empty).toEqual({
      rows: [],
      totalCount: 4,
      hasNextPage: false,
      hasPreviousPage: false,
      startCursor: null,
      endCursor: null,
    });
  });

  it('filters on status, addressee, raiser and overdue, AND-ed', () => {
    const now = at('2026-03-09T00:00:00Z');
    const ids = (filter: Parameters<typeof listEscalations>[1]['filter']) =>
      listEscalations(db, { filter, first: 20, now }).rows.map((row) => row.id);
    expect(ids({ statuses: ['DECIDED', 'RESOLVED'] })).toEqual(['esc-d', 'esc-a']);
    expect(ids({ statuses: [] })).toHaveLength(4);
    expect(ids({ addressedTo: 'pv26' })).toEqual(['esc-c']);
    expect(ids({ raisedBy: 'gm0344' })).toEqual(['esc-c', 'esc-a']);
    expect(ids({ overdue: true })).toEqual(['esc-b', 'esc-c']);
    expect(ids({ overdue: false })).toEqual(['esc-d', 'esc-a']);
    expect(ids({ overdue: true, raisedBy: 'gm0344' })).toEqual(['esc-c']);
    expect(
      listEscalations(db, { filter: { overdue: true }, first: 20, now: at('2026-03-06T00:00:00Z') }).rows,
    ).toEqual([]);
  });

  it('shows an authority only what it raised, is addressed or is involved in', () => {
    const now = at('2026-03-09T00:00:00Z');
    const visible = (authority: string) =>
      listEscalations(db, { first: 20, now, visibleToAuthority: authority }).rows.map((row) => row.id);
    expect(visible('gm0344')).toEqual(['esc-c', 'esc-a']);
    expect(visible('mnre1130')).toEqual(['esc-a']);
    expect(visible('ws0155')).toEqual(['esc-a']);
    expect(visible('pv26')).toEqual(['esc-c']);
    expect(visible('pv99')).toEqual([]);
    expect(listEscalations(db, { first: 20, now, visibleToAuthority: 'pv99' }).totalCount).toBe(0);
  });

  it('summarises the board against now', () => {
    expect(escalationBoardSummary(db, { now: at('2026-03-05T12:00:00Z') })).toEqual({
      open: 3,
      overdue: 0,
      awaitingAcknowledgement: 1,
      decidedNotResolved: 1,
      oldestOpenDays: 13,
    });
    expect(escalationBoardSummary(db, { now: at('2026-03-09T12:00:00Z') })).toEqual({
      open: 3,
      overdue: 2,
      awaitingAcknowledgement: 1,
      decidedNotResolved: 1,
      oldestOpenDays: 17,
    });
    expect(escalationBoardSummary(db, { authority: 'pv26', now: at('2026-03-09T12:00:00Z') })).toEqual({
      open: 1,
      overdue: 1,
      awaitingAcknowledgement: 0,
      decidedNotResolved: 0,
      oldestOpenDays: 8,
    });
    expect(
      escalationBoardSummary(db, { visibleToAuthority: 'ws0155', now: at('2026-03-09T12:00:00Z') }),
    ).toEqual({
      open: 1,
      overdue: 0,
      awaitingAcknowledgement: 0,
      decidedNotResolved: 1,
      oldestOpenDays: 8,
    });
    expect(escalationBoardSummary(db, { authority: 'pv99', now: new Date() })).toEqual({
      open: 0,
      overdue: 0,
      awaitingAcknowledgement: 0,
      decidedNotResolved: 0,
      oldestOpenDays: 0,
    });
  });

  it('refuses a cursor it did not hand out and a negative page size', () => {
    expect(() => listEscalations(db, { first: 2, after: 'bm9wZQ', now: new Date() })).toThrow(InvalidInput);
    expect(() => listEscalations(db, { first: -1, now: new Date() })).toThrow(InvalidInput);
  });

  it('caps the page size at 100', () => {
    const many = createEscalationBoardProjection(ctx);
    const big = open(many);
    const e = recorder();
    applyAll(
      many,
      big,
      Array.from({ length: 105 }, (_, i) =>
        e<Of<'EscalationRaised'>>('EscalationRaised', {
          escalationId: `esc-${String(i).padStart(3, '0')}`,
          title: 't',
          reason: 'r',
          signalIds: ['s'],
          raisedBy: 'gm0344',
          raisedByUser: 'u',
          addressedTo: 'pv26',
          respondBy: '2026-03-10T00:00:00.000Z',
          raisedAt: '2026-03-01T00:00:00.000Z',
        }),
      ),
    );
    const page = listEscalations(big, { first: 500, now: new Date() });
    expect(page).toMatchObject({ totalCount: 105, hasNextPage: true });
    expect(page.rows).toHaveLength(100);
    big.close();
  });

  it('gives identical rows when the same events are applied to a fresh database', () => {
    const replay = createEscalationBoardProjection(ctx);
    const fresh = open(replay);
    applyAll(replay, fresh, history());
    expect(dump(fresh)).toEqual(dump(db));
    fresh.close();
  });

  it('gives identical rows after a batch rolled back by a crash is applied again', () => {
    const replay = createEscalationBoardProjection(ctx);
    const fresh = open(replay);
    const events = history();
    expect(() =>
      fresh.transaction(() => {
        events.forEach((event) => replay.apply(fresh, event));
        throw new Error('crash before the checkpoint');
      })(),
    ).toThrow('crash');
    applyAll(replay, fresh, events);
    expect(dump(fresh)).toEqual(dump(db));
    fresh.close();
  });

  it('drops its tables and can be migrated again', () => {
    projection.drop(db);
    expect(db.prepare(`SELECT name FROM sqlite_master WHERE name LIKE 'escalation_board%'`).all()).toEqual(
      [],
    );
    projection.migrate(db);
    applyAll(projection, db, history());
    expect(listEscalations(db, { first: 10, now: new Date() }).totalCount).toBe(4);
  });
});
