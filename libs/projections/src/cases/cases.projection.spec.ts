import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import type { CaseEvent, DomainEvent } from '@praktijklus/domain';
import type { RecordedEvent } from '@praktijklus/event-store';
import { createEscalationBoardProjection } from '../escalation-board/escalation-board.projection';
import { createCasesProjection } from './cases.projection';
import { escalationIdsOfSignals, listCases } from './cases.queries';

const ctx = { layerOf: () => undefined };
let position = 0;
const recorded = <E extends DomainEvent>(type: E['type'], data: E['data']): RecordedEvent => {
  position += 1;
  return {
    id: `event-${position}`,
    type,
    data: data as unknown as Record<string, unknown>,
    metadata: {
      actor: { sub: 'analyst-1', authority: 'mnre1034', roles: ['analyst'] },
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

const created = (caseId: string, parties: string[], createdAt: string) =>
  recorded<Extract<CaseEvent, { type: 'CaseCreated' }>>('CaseCreated', {
    caseId,
    title: `Dossier ${caseId}`,
    signalIds: parties.map((party) => `signal-${party}`),
    parties,
    createdBy: 'analyst-1',
    createdByAuthority: 'mnre1034',
    createdAt,
  });

describe('cases projection', () => {
  let db: Database;
  const projection = createCasesProjection(ctx);

  beforeEach(() => {
    db = new BetterSqlite3(':memory:');
    projection.migrate(db);
  });
  afterEach(() => db.close());

  it('lists every case to analysts and a party’s cases to its authority, most recently changed first', () => {
    projection.apply(db, created('c1', ['gm0344'], '2026-03-01T09:00:00.000Z'));
    projection.apply(db, created('c2', ['gm0363'], '2026-03-02T09:00:00.000Z'));
    projection.apply(
      db,
      recorded<Extract<CaseEvent, { type: 'SignalsAddedToCase' }>>('SignalsAddedToCase', {
        caseId: 'c1',
        signalIds: ['s9', 's10'],
        parties: ['gm0363'],
        addedAt: '2026-03-03T09:00:00.000Z',
      }),
    );
    expect(listCases(db, null).map((row) => [row.id, row.signalCount])).toEqual([
      ['c1', 3],
      ['c2', 1],
    ]);
    expect(listCases(db, 'gm0344').map((row) => row.id)).toEqual(['c1']);
    expect(listCases(db, 'gm0363').map((row) => row.id)).toEqual(['c1', 'c2']);
    expect(listCases(db, 'pv27')).toEqual([]);
  });

  it('finds the escalations that include a signal from the escalation board', () => {
    const board = createEscalationBoardProjection(ctx);
    board.migrate(db);
    board.apply(
      db,
      recorded('EscalationRaised', {
        escalationId: 'e1',
        title: 'Zonnepanelen',
        reason: 'Tegenstrijdig',
        signalIds: ['s1', 's2'],
        raisedBy: 'gm0344',
        raisedByUser: 'officer-1',
        addressedTo: 'pv26',
        respondBy: '2026-04-01T09:00:00.000Z',
        raisedAt: '2026-03-01T09:00:00.000Z',
      }),
    );
    expect(escalationIdsOfSignals(db, ['s2', 's3'])).toEqual(['e1']);
    expect(escalationIdsOfSignals(db, ['s3'])).toEqual([]);
    expect(escalationIdsOfSignals(db, [])).toEqual([]);
  });
});
