import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { InvalidInput } from '@praktijklus/domain';
import type { AgreementEvent, DomainEvent } from '@praktijklus/domain';
import type { RecordedEvent } from '@praktijklus/event-store';
import type { Projection } from '../projection';
import { createAgreementsProjection } from './agreements.projection';
import { getAgreement, listAgreements } from './agreements.queries';
import type { AgreementFilter } from './agreements.queries';

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
        actor: { sub: 'admin-1', authority: 'pv26', roles: ['admin'] },
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

type Of<T extends AgreementEvent['type']> = Extract<AgreementEvent, { type: T }>;

const made = (
  overrides: Partial<Of<'AgreementMade'>['data']> & { agreementId: string },
): Of<'AgreementMade'>['data'] => ({
  title: `Afspraak ${overrides.agreementId}`,
  commitment: 'Regels aanpassen',
  owner: 'pv26',
  parties: ['pv26'],
  dueBy: '2026-04-30',
  firstFollowUpOn: '2026-03-15',
  escalationId: null,
  madeBy: 'admin-1',
  madeAt: '2026-03-01T09:00:00.000Z',
  ...overrides,
});

const history = (): RecordedEvent[] => {
  const e = recorder();
  return [
    e<Of<'AgreementMade'>>(
      'AgreementMade',
      made({ agreementId: 'ag-1', parties: ['pv26', 'gm0344'], escalationId: 'esc-a' }),
    ),
    e<Of<'AgreementMade'>>(
      'AgreementMade',
      made({
        agreementId: 'ag-2',
        owner: 'gm0363',
        parties: ['ws0155'],
        dueBy: '2026-06-30',
        firstFollowUpOn: '2026-04-01',
      }),
    ),
    e<Of<'AgreementMade'>>('AgreementMade', made({ agreementId: 'ag-3', dueBy: '2026-03-31' })),
    e<Of<'AgreementMade'>>(
      'AgreementMade',
      made({ agreementId: 'ag-4', owner: 'mnre1130', dueBy: '2026-05-31' }),
    ),
    e<Of<'AgreementMade'>>('AgreementMade', made({ agreementId: 'ag-5', dueBy: '2026-02-28' })),
    e<Of<'ProgressReported'>>('ProgressReported', {
      agreementId: 'ag-1',
      percent: 40,
      note: 'Concept klaar',
      reportedAt: '2026-03-10T12:00:00.000Z',
    }),
    e<Of<'FollowUpRecorded'>>('FollowUpRecorded', {
      agreementId: 'ag-1',
      heldOn: '2026-03-15',
      assessment: 'ON_TRACK',
      notes: 'Loopt',
      nextFollowUpOn: '2026-04-15',
      recordedBy: 'admin-1',
      recordedAt: '2026-03-15T15:00:00.000Z',
    }),
    // Recorded late: an earlier conversation must not become the last one or move the next date.
    e<Of<'FollowUpRecorded'>>('FollowUpRecorded', {
      agreementId: 'ag-1',
      heldOn: '2026-03-01',
      assessment: 'AT_RISK',
      notes: 'Vergeten vast te leggen',
      nextFollowUpOn: '2026-03-20',
      recordedBy: 'admin-1',
      recordedAt: '2026-03-16T15:00:00.000Z',
    }),
    e<Of<'FollowUpRecorded'>>('FollowUpRecorded', {
      agreementId: 'ag-2',
      heldOn: '2026-04-01',
      assessment: 'OFF_TRACK',
      notes: 'Geen vervolg gepland',
      nextFollowUpOn: null,
      recordedBy: 'admin-2',
      recordedAt: '2026-04-01T15:00:00.000Z',
    }),
    e<Of<'AgreementFulfilled'>>('AgreementFulfilled', {
      agreementId: 'ag-3',
      result: 'Regel aangepast',
      fulfilledAt: '2026-03-30T10:00:00.000Z',
    }),
    e<Of<'AgreementMarkedUnmet'>>('AgreementMarkedUnmet', {
      agreementId: 'ag-4',
      reason: 'Geen budget',
      markedAt: '2026-04-02T10:00:00.000Z',
    }),
    e<Of<'AgreementCancelled'>>('AgreementCancelled', {
      agreementId: 'ag-5',
      reason: 'Ingehaald door wetgeving',
      cancelledAt: '2026-02-01T10:00:00.000Z',
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
  ['agreements_agreements', 'agreements_parties'].map((table) =>
    db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).all(),
  );

const at = (iso: string): Date => new Date(iso);

describe('agreements projection', () => {
  let projection: Projection;
  let db: Database;

  beforeEach(() => {
    projection = createAgreementsProjection(ctx);
    db = open(projection);
    applyAll(projection, db, history());
  });

  afterEach(() => db.close());

  it('keeps progress, the follow-up held last and the next follow-up date', () => {
    expect(getAgreement(db, 'ag-1', at('2026-04-20T10:00:00Z'))).toEqual({
      id: 'ag-1',
      title: 'Afspraak ag-1',
      commitment: 'Regels aanpassen',
      owner: 'pv26',
      parties: ['pv26', 'gm0344'],
      dueBy: '2026-04-30',
      firstFollowUpOn: '2026-03-15',
      nextFollowUpOn: '2026-04-15',
      // The notes of the follow-up held last, not of the earlier one recorded later.
      lastFollowUp: { heldOn: '2026-03-15', assessment: 'ON_TRACK', notes: 'Loopt' },
      followUpCount: 2,
      progressPercent: 40,
      progressNote: 'Concept klaar',
      progressReportedAt: '2026-03-10T12:00:00.000Z',
      status: 'OPEN',
      escalationId: 'esc-a',
      madeAt: '2026-03-01T09:00:00.000Z',
      closedAt: null,
      closingNote: null,
      overdue: false,
      followUpOverdue: true,
    });
  });

  it('records how an agreement closed', () => {
    const now = at('2026-07-01T00:00:00Z');
    expect(getAgreement(db, 'ag-3', now)).toMatchObject({
      status: 'FULFILLED',
      closedAt: '2026-03-30T10:00:00.000Z',
      closingNote: 'Regel aangepast',
      overdue: false,
      followUpOverdue: false,
    });
    expect(getAgreement(db, 'ag-4', now)).toMatchObject({ status: 'UNMET', closingNote: 'Geen budget' });
    expect(getAgreement(db, 'ag-5', now)).toMatchObject({ status: 'CANCELLED', overdue: false });
    expect(getAgreement(db, 'nope', now)).toBeNull();
  });

  it('turns overdue at midnight in Amsterdam, not in UTC', () => {
    // 2026-04-30 23:30 in Amsterdam (CEST): still the due date.
    expect(getAgreement(db, 'ag-1', at('2026-04-30T21:30:00Z'))?.overdue).toBe(false);
    // 2026-05-01 00:30 in Amsterdam, still 2026-04-30 in UTC.
    expect(getAgreement(db, 'ag-1', at('2026-04-30T22:30:00Z'))?.overdue).toBe(true);
  });

  it('flags a follow-up overdue only after its date passes and never when none is planned', () => {
    expect(getAgreement(db, 'ag-1', at('2026-04-15T12:00:00Z'))?.followUpOverdue).toBe(false);
    expect(getAgreement(db, 'ag-1', at('2026-04-16T12:00:00Z'))?.followUpOverdue).toBe(true);
    expect(getAgreement(db, 'ag-2', at('2027-01-01T12:00:00Z'))).toMatchObject({
      nextFollowUpOn: null,
      lastFollowUp: { heldOn: '2026-04-01', assessment: 'OFF_TRACK' },
      followUpOverdue: false,
      overdue: true,
    });
  });

  it('lists due first and pages with opaque cursors', () => {
    const now = at('2026-04-20T10:00:00Z');
    const first = listAgreements(db, { first: 3, now });
    expect(first.rows.map((row) => row.id)).toEqual(['ag-5', 'ag-3', 'ag-1']);
    expect(first).toMatchObject({ totalCount: 5, hasNextPage: true, endCursor: first.rows[2].cursor });
    const second = listAgreements(db, { first: 3, after: first.endCursor, now });
    expect(second.rows.map((row) => row.id)).toEqual(['ag-4', 'ag-2']);
    expect(second).toMatchObject({ totalCount: 5, hasNextPage: false });
    expect(() => listAgreements(db, { first: 3, after: 'garbage', now })).toThrow(InvalidInput);
  });

  it('filters on status, owner, party, escalation and both overdue flags', () => {
    const ids = (filter: AgreementFilter, now = at('2026-04-20T10:00:00Z')) =>
      listAgreements(db, { filter, first: 20, now }).rows.map((row) => row.id);
    expect(ids({ statuses: ['OPEN'] })).toEqual(['ag-1', 'ag-2']);
    expect(ids({ statuses: ['UNMET', 'CANCELLED'] })).toEqual(['ag-5', 'ag-4']);
    expect(ids({ owner: 'pv26' })).toEqual(['ag-5', 'ag-3', 'ag-1']);
    expect(ids({ party: 'gm0344' })).toEqual(['ag-1']);
    expect(ids({ party: 'gm0363' })).toEqual(['ag-2']);
    expect(getAgreement(db, 'ag-2', at('2026-04-20T10:00:00Z'))?.parties).toEqual(['ws0155', 'gm0363']);
    expect(ids({ party: 'ws0155' })).toEqual(['ag-2']);
    expect(ids({ escalationId: 'esc-a' })).toEqual(['ag-1']);
    expect(ids({ followUpOverdue: true })).toEqual(['ag-1']);
    expect(ids({ followUpOverdue: false })).toEqual(['ag-5', 'ag-3', 'ag-4', 'ag-2']);
    expect(ids({ overdue: true })).toEqual([]);
    expect(ids({ overdue: true }, at('2026-07-01T10:00:00Z'))).toEqual(['ag-1', 'ag-2']);
    expect(ids({ overdue: false }, at('2026-07-01T10:00:00Z'))).toEqual(['ag-5', 'ag-3', 'ag-4']);
    expect(ids({ overdue: true, owner: 'gm0363' }, at('2026-07-01T10:00:00Z'))).toEqual(['ag-2']);
  });

  it('gives identical rows when the same events are applied to a fresh database', () => {
    const replay = createAgreementsProjection(ctx);
    const fresh = open(replay);
    applyAll(replay, fresh, history());
    expect(dump(fresh)).toEqual(dump(db));
    fresh.close();
  });

  it('gives identical rows after a batch rolled back by a crash is applied again', () => {
    const replay = createAgreementsProjection(ctx);
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

  it('drops its tables', () => {
    projection.drop(db);
    expect(db.prepare(`SELECT name FROM sqlite_master WHERE name LIKE 'agreements%'`).all()).toEqual([]);
  });
});
