import type { Database, Statement } from 'better-sqlite3';
import type { CaseCreated, DomainEvent, SignalsAddedToCase } from '@praktijklus/domain';
import type { RecordedEvent } from '@praktijklus/event-store';
import type { Projection, ProjectionContext } from '../projection';
import { CASES_DROP, CASES_SCHEMA } from './schema';

export const CASES_PROJECTION = 'cases';

type Params = Record<string, string | number | null>;
type Write = Statement<[Params]>;

interface Writes {
  insertCase: Write;
  addSignals: Write;
  insertParty: Write;
}

const dataOf = <E extends DomainEvent>(event: RecordedEvent): E['data'] => event.data as unknown as E['data'];

const prepareWrites = (db: Database): Writes => {
  const prepare = (sql: string): Write => db.prepare<[Params]>(sql);
  return {
    insertCase: prepare(`
      INSERT INTO cases_cases (id, title, created_at, updated_at, signal_count)
      VALUES (@id, @title, @at, @at, @count)`),
    addSignals: prepare(`
      UPDATE cases_cases SET signal_count = signal_count + @count, updated_at = @at WHERE id = @id`),
    insertParty: prepare(`INSERT OR IGNORE INTO cases_parties (case_id, authority) VALUES (@id, @authority)`),
  };
};

/** One row per case with its parties, for the list of cases a reader may open. */
export function createCasesProjection(_ctx: ProjectionContext): Projection {
  const cache = new WeakMap<Database, Writes>();
  const writesFor = (db: Database): Writes => {
    let writes = cache.get(db);
    if (!writes) {
      writes = prepareWrites(db);
      cache.set(db, writes);
    }
    return writes;
  };
  const insertParties = (db: Database, id: string, parties: readonly string[]): void => {
    for (const authority of parties) writesFor(db).insertParty.run({ id, authority });
  };

  return {
    name: CASES_PROJECTION,
    version: 1,
    migrate(db) {
      db.exec(CASES_SCHEMA);
    },
    drop(db) {
      cache.delete(db);
      db.exec(CASES_DROP);
    },
    apply(db, event) {
      switch (event.type) {
        case 'CaseCreated': {
          const d = dataOf<CaseCreated>(event);
          writesFor(db).insertCase.run({
            id: d.caseId,
            title: d.title,
            at: d.createdAt,
            count: d.signalIds.length,
          });
          insertParties(db, d.caseId, d.parties);
          return;
        }
        case 'SignalsAddedToCase': {
          const d = dataOf<SignalsAddedToCase>(event);
          writesFor(db).addSignals.run({ id: d.caseId, at: d.addedAt, count: d.signalIds.length });
          insertParties(db, d.caseId, d.parties);
          return;
        }
        default:
          return;
      }
    },
  };
}
