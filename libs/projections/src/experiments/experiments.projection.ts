import type { Database, Statement } from 'better-sqlite3';
import type {
  DomainEvent,
  ExperimentClosed,
  ExperimentEvaluated,
  ExperimentExtended,
  ExperimentStarted,
} from '@praktijklus/domain';
import type { RecordedEvent } from '@praktijklus/event-store';
import type { Projection, ProjectionContext } from '../projection';
import { EXPERIMENTS_DROP, EXPERIMENTS_SCHEMA } from './schema';

export const EXPERIMENTS_PROJECTION = 'experiments';

type Params = Record<string, string | number | null>;
type Write = Statement<[Params]>;

interface Writes {
  insertExperiment: Write;
  extend: Write;
  evaluate: Write;
  close: Write;
}

const dataOf = <E extends DomainEvent>(event: RecordedEvent): E['data'] => event.data as unknown as E['data'];

const instant = (value: string): string => new Date(value).toISOString();

const prepareWrites = (db: Database): Writes => {
  const prepare = (sql: string): Write => db.prepare<[Params]>(sql);
  return {
    insertExperiment: prepare(`
      INSERT INTO experiments_experiments
        (id, escalation_id, owner, title, hypothesis, legal_route, starts_on, ends_on, original_ends_on, status,
         started_at)
      VALUES (@id, @escalationId, @owner, @title, @hypothesis, @legalRoute, @startsOn, @endsOn, @endsOn, 'RUNNING',
         @startedAt)`),
    extend: prepare(`
      UPDATE experiments_experiments SET ends_on = @endsOn, extension_count = extension_count + 1 WHERE id = @id`),
    evaluate: prepare(`
      UPDATE experiments_experiments
      SET status = 'EVALUATED', conclusion = @conclusion, policy_consequence = @policyConsequence,
          rationale = @rationale, evaluated_at = @at
      WHERE id = @id`),
    close: prepare(`UPDATE experiments_experiments SET status = 'CLOSED', closed_at = @at WHERE id = @id`),
  };
};

/** One row per experiment; whether its evaluation is overdue is decided by the queries from `now`. */
export function createExperimentsProjection(_ctx: ProjectionContext): Projection {
  const cache = new WeakMap<Database, Writes>();
  const writesFor = (db: Database): Writes => {
    let writes = cache.get(db);
    if (!writes) {
      writes = prepareWrites(db);
      cache.set(db, writes);
    }
    return writes;
  };

  return {
    name: EXPERIMENTS_PROJECTION,
    version: 1,
    migrate(db) {
      db.exec(EXPERIMENTS_SCHEMA);
    },
    drop(db) {
      cache.delete(db);
      db.exec(EXPERIMENTS_DROP);
    },
    apply(db, event) {
      switch (event.type) {
        case 'ExperimentStarted': {
          const d = dataOf<ExperimentStarted>(event);
          writesFor(db).insertExperiment.run({
            id: d.experimentId,
            escalationId: d.escalationId,
            owner: d.owner,
            title: d.title,
            hypothesis: d.hypothesis,
            legalRoute: d.legalRoute,
            startsOn: d.startsOn,
            endsOn: d.endsOn,
            startedAt: instant(d.startedAt),
          });
          return;
        }
        case 'ExperimentExtended': {
          const d = dataOf<ExperimentExtended>(event);
          writesFor(db).extend.run({ id: d.experimentId, endsOn: d.endsOn });
          return;
        }
        case 'ExperimentEvaluated': {
          const d = dataOf<ExperimentEvaluated>(event);
          writesFor(db).evaluate.run({
            id: d.experimentId,
            conclusion: d.conclusion,
            policyConsequence: d.policyConsequence,
            rationale: d.rationale,
            at: instant(d.evaluatedAt),
          });
          return;
        }
        case 'ExperimentClosed': {
          const d = dataOf<ExperimentClosed>(event);
          writesFor(db).close.run({ id: d.experimentId, at: instant(d.closedAt) });
          return;
        }
        default:
          return;
      }
    },
  };
}
