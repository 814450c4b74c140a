import type { Database } from 'better-sqlite3';
import type {
  DomainEvent,
  EscalationRaised,
  SignalAmended,
  SignalClassified,
  SignalMarkedDuplicate,
  SignalPersonalDataErased,
  SignalRecorded,
  SignalsAttached,
  SignalWithdrawn,
} from '@praktijklus/domain';
import type { RecordedEvent } from '@praktijklus/event-store';
import type { Projection, ProjectionContext } from '../../projection';

/** The registry facts the specs use. */
export const testContext: ProjectionContext = {
  layerOf: (authority) =>
    authority.startsWith('gm')
      ? 'MUNICIPALITY'
      : authority.startsWith('pv')
        ? 'PROVINCE'
        : authority.startsWith('ws')
          ? 'WATER_BOARD'
          : authority.startsWith('mn')
            ? 'NATIONAL'
            : undefined,
};

export type RecordedData = SignalRecorded['data'];

export const recordedData = (overrides: Partial<RecordedData> & { signalId: string }): RecordedData => ({
  type: 'BARRIER',
  title: 'Warmtepomp past niet in het omgevingsplan',
  description: 'De geluidsnorm voor installaties maakt een warmtepomp onmogelijk.',
  policyDomain: 'building',
  level: 'POLICY',
  initiativeKind: 'CITIZEN_INITIATIVE',
  observedAt: '2026-03-04',
  authorities: ['gm0344'],
  norms: [],
  initiative: null,
  location: null,
  reportingAuthority: 'gm0344',
  reportedBy: 'officer-1',
  recordedAt: '2026-03-05T09:00:00.000Z',
  ...overrides,
});

/**
 * Builds RecordedEvents as the store hands them out: increasing positions, per-stream revisions,
 * and a `recordedAt` one minute apart.
 */
export class EventLog {
  readonly events: RecordedEvent[] = [];
  private readonly revisions = new Map<string, number>();

  private add<E extends DomainEvent>(streamId: string, type: E['type'], data: E['data']): RecordedEvent {
    const revision = (this.revisions.get(streamId) ?? -1) + 1;
    this.revisions.set(streamId, revision);
    const position = this.events.length + 1;
    const event: RecordedEvent = {
      id: `event-${position}`,
      type,
      data: data as unknown as Record<string, unknown>,
      metadata: {
        actor: { sub: 'user-1', authority: 'gm0344', roles: ['officer'] },
        correlationId: `c-${position}`,
        causationId: `c-${position}`,
        schemaVersion: 1,
      },
      streamId,
      revision,
      position: String(position),
      recordedAt: new Date(Date.UTC(2026, 2, 5, 9, position)).toISOString(),
    };
    this.events.push(event);
    return event;
  }

  recorded(data: Partial<RecordedData> & { signalId: string }): RecordedEvent {
    return this.add<SignalRecorded>(`signal-${data.signalId}`, 'SignalRecorded', recordedData(data));
  }

  amended(signalId: string, changes: SignalAmended['data']['changes']): RecordedEvent {
    return this.add<SignalAmended>(`signal-${signalId}`, 'SignalAmended', {
      signalId,
      changes,
      amendedAt: '2026-03-06T10:00:00.000Z',
    });
  }

  classified(signalId: string, themes: string[], policyDomain?: string): RecordedEvent {
    const data: SignalClassified['data'] = { signalId, themes, classifiedAt: '2026-03-07T10:00:00.000Z' };
    if (policyDomain !== undefined) data.policyDomain = policyDomain;
    return this.add<SignalClassified>(`signal-${signalId}`, 'SignalClassified', data);
  }

  duplicate(signalId: string, duplicateOf: string): RecordedEvent {
    return this.add<SignalMarkedDuplicate>(`signal-${signalId}`, 'SignalMarkedDuplicate', {
      signalId,
      duplicateOf,
      markedAt: '2026-03-08T10:00:00.000Z',
    });
  }

  withdrawn(signalId: string, reason = 'Ten onrechte gemeld'): RecordedEvent {
    return this.add<SignalWithdrawn>(`signal-${signalId}`, 'SignalWithdrawn', {
      signalId,
      reason,
      withdrawnAt: '2026-03-09T10:00:00.000Z',
    });
  }

  erased(signalId: string): RecordedEvent {
    return this.add<SignalPersonalDataErased>(`signal-${signalId}`, 'SignalPersonalDataErased', {
      signalId,
      erasedAt: '2026-03-12T10:00:00.000Z',
    });
  }

  escalated(escalationId: string, signalIds: string[]): RecordedEvent {
    return this.add<EscalationRaised>(`escalation-${escalationId}`, 'EscalationRaised', {
      escalationId,
      title: 'Naar boven',
      reason: 'Normen botsen',
      signalIds,
      raisedBy: 'gm0344',
      raisedByUser: 'officer-1',
      addressedTo: 'pv26',
      respondBy: '2026-04-01T17:00:00.000Z',
      raisedAt: '2026-03-10T10:00:00.000Z',
    });
  }

  attached(escalationId: string, signalIds: string[]): RecordedEvent {
    return this.add<SignalsAttached>(`escalation-${escalationId}`, 'SignalsAttached', {
      escalationId,
      signalIds,
      attachedAt: '2026-03-11T10:00:00.000Z',
    });
  }

  /** An event of a kind the signal read models do not handle. */
  other(): RecordedEvent {
    return this.add(`agreement-x`, 'AgreementMade', { agreementId: 'x' });
  }
}

/** Applies events as one batch, the way the projector does: one transaction, then `flush`. */
export const applyAll = (db: Database, projection: Projection, events: readonly RecordedEvent[]): void => {
  db.transaction(() => {
    for (const event of events) projection.apply(db, event);
    projection.flush?.(db);
  })();
};

/**
 * Applies `events[0..committed)` and commits, then applies the rest and rolls back — the crash
 * before the batch's commit — and applies the rest again, as the projector does on restart.
 */
export const applyWithCrash = (
  db: Database,
  projection: Projection,
  events: readonly RecordedEvent[],
  committed: number,
): void => {
  applyAll(db, projection, events.slice(0, committed));
  db.exec('BEGIN');
  for (const event of events.slice(committed)) projection.apply(db, event);
  projection.flush?.(db);
  db.exec('ROLLBACK');
  projection.discard?.();
  applyAll(db, projection, events.slice(committed));
};

/** Every row of the named tables, in a stable order, for comparing two databases. */
export const dumpTables = (db: Database, tables: readonly string[]): Record<string, unknown[]> =>
  Object.fromEntries(
    tables.map((table) => {
      const columns = db
        .prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('${table}')`)
        .all();
      const order = columns.map((column) => column.name).join(', ');
      return [table, db.prepare(`SELECT * FROM ${table} ORDER BY ${order}`).all()];
    }),
  );
