import type { Database, Statement } from 'better-sqlite3';
import type {
  DecisionOutcome,
  DomainEvent,
  EscalationDecided,
  EscalationRaised,
  EscalationReopened,
  SignalAmended,
  SignalClassified,
  SignalMarkedDuplicate,
  SignalRecorded,
  SignalsAttached,
  SignalWithdrawn,
} from '@praktijklus/domain';
import type { RecordedEvent } from '@praktijklus/event-store';
import type { Projection, ProjectionContext } from '../projection';
import { FEEDBACK_LOOP_DROP, FEEDBACK_LOOP_INDEXES, FEEDBACK_LOOP_SCHEMA } from './schema';

export const FEEDBACK_LOOP_PROJECTION = 'feedback-loop';

type Params = Record<string, string | number | null>;
type Write = Statement<[Params]>;

interface Writes {
  insertSignal: Write;
  amendSignal: Write;
  classifySignal: Write;
  markDuplicate: Write;
  withdrawSignal: Write;
  insertEscalation: Write;
  decision: Statement<[Params], { outcome: DecisionOutcome | null }>;
  link: Write;
  countLink: Write;
  setDecision: Write;
  countDecision: Write;
  forgetLeadsOfEscalation: Write;
  leadsOfEscalation: Write;
  forgetLeadsOfSignal: Write;
  leadsOfSignal: Write;
  forgetDomainLeadsOfEscalation: Write;
  domainLeadsOfEscalation: Write;
  forgetDomainLeadsOfSignal: Write;
  domainLeadsOfSignal: Write;
}

/** The signals (not withdrawn) of escalations with a standing decision, with their filter facts. */
const LEADS = `
  INSERT INTO feedback_loop_leads
    (policy_domain, escalation_id, signal_id, status, type, level, initiative_kind, reporting_layer,
     reporting_authority, observed_on, observed_ms, decided_ms)
  SELECT s.policy_domain, e.escalation_id, s.signal_id, s.status, s.type, s.level, s.initiative_kind,
         s.reporting_layer, s.reporting_authority, s.observed_on, s.observed_ms, e.decided_ms
  FROM feedback_loop_escalations e
  JOIN feedback_loop_escalation_signals l ON l.escalation_id = e.escalation_id
  JOIN feedback_loop_signals s ON s.signal_id = l.signal_id
  WHERE e.outcome IS NOT NULL AND s.status <> 'WITHDRAWN' AND`;
const DOMAIN_LEADS = `
  INSERT INTO feedback_loop_domain_leads (escalation_id, policy_domain, lead_ms)
  SELECT escalation_id, policy_domain, MAX(0, MAX(decided_ms) - MIN(observed_ms))
  FROM feedback_loop_leads WHERE`;
const ESCALATIONS_OF_SIGNAL = `(SELECT escalation_id FROM feedback_loop_escalation_signals WHERE signal_id = @signalId)`;

const dataOf = <E extends DomainEvent>(event: RecordedEvent): E['data'] => event.data as unknown as E['data'];

/** `observedAt` may be a date or a date-time; the date part filters, the instant measures lead time. */
const observed = (observedAt: string): { observedOn: string; observedMs: number } => ({
  observedOn: observedAt.slice(0, 10),
  observedMs: Date.parse(observedAt),
});

const prepareWrites = (db: Database): Writes => {
  const prepare = (sql: string): Write => db.prepare<[Params]>(sql);
  return {
    insertSignal: prepare(`
      INSERT INTO feedback_loop_signals
        (signal_id, policy_domain, type, level, initiative_kind, reporting_authority, reporting_layer,
         observed_on, observed_ms, status)
      VALUES (@id, @policyDomain, @type, @level, @initiativeKind, @reportingAuthority, @reportingLayer,
         @observedOn, @observedMs, 'ACTIVE')`),
    amendSignal: prepare(`
      UPDATE feedback_loop_signals
      SET policy_domain = COALESCE(@policyDomain, policy_domain), type = COALESCE(@type, type),
          level = COALESCE(@level, level), initiative_kind = COALESCE(@initiativeKind, initiative_kind),
          observed_on = COALESCE(@observedOn, observed_on), observed_ms = COALESCE(@observedMs, observed_ms)
      WHERE signal_id = @id`),
    classifySignal: prepare(
      `UPDATE feedback_loop_signals SET policy_domain = @policyDomain WHERE signal_id = @id`,
    ),
    markDuplicate: prepare(`
      UPDATE feedback_loop_signals SET status = 'DUPLICATE' WHERE signal_id = @id AND status = 'ACTIVE'`),
    withdrawSignal: prepare(`UPDATE feedback_loop_signals SET status = 'WITHDRAWN' WHERE signal_id = @id`),
    insertEscalation: prepare(`INSERT INTO feedback_loop_escalations (escalation_id) VALUES (@id)`),
    decision: db.prepare<[Params], { outcome: DecisionOutcome | null }>(
      `SELECT outcome FROM feedback_loop_escalations WHERE escalation_id = @id`,
    ),
    link: prepare(`
      INSERT OR IGNORE INTO feedback_loop_escalation_signals (escalation_id, signal_id) VALUES (@id, @signalId)`),
    // A newly linked signal is in one more escalation, and in one more decided one if it is decided.
    countLink: prepare(`
      UPDATE feedback_loop_signals
      SET escalations = escalations + 1, decided = decided + (@outcome IS NOT NULL),
          policy_adjusted = policy_adjusted + (@outcome IS 'POLICY_ADJUSTED'),
          experiment_granted = experiment_granted + (@outcome IS 'EXPERIMENT_GRANTED')
      WHERE signal_id = @signalId`),
    setDecision: prepare(`
      UPDATE feedback_loop_escalations SET outcome = @outcome, decided_ms = @decidedMs WHERE escalation_id = @id`),
    // Adds (by = 1) or takes back (by = -1) an outcome on every signal of the escalation.
    countDecision: prepare(`
      UPDATE feedback_loop_signals
      SET decided = decided + @by,
          policy_adjusted = policy_adjusted + @by * (@outcome = 'POLICY_ADJUSTED'),
          experiment_granted = experiment_granted + @by * (@outcome = 'EXPERIMENT_GRANTED')
      WHERE signal_id IN (SELECT signal_id FROM feedback_loop_escalation_signals WHERE escalation_id = @id)`),
    forgetLeadsOfEscalation: prepare(`DELETE FROM feedback_loop_leads WHERE escalation_id = @id`),
    leadsOfEscalation: prepare(`${LEADS} e.escalation_id = @id`),
    forgetLeadsOfSignal: prepare(
      `DELETE FROM feedback_loop_leads WHERE escalation_id IN ${ESCALATIONS_OF_SIGNAL}`,
    ),
    leadsOfSignal: prepare(`${LEADS} e.escalation_id IN ${ESCALATIONS_OF_SIGNAL}`),
    forgetDomainLeadsOfEscalation: prepare(
      `DELETE FROM feedback_loop_domain_leads WHERE escalation_id = @id`,
    ),
    domainLeadsOfEscalation: prepare(
      `${DOMAIN_LEADS} escalation_id = @id GROUP BY escalation_id, policy_domain`,
    ),
    forgetDomainLeadsOfSignal: prepare(
      `DELETE FROM feedback_loop_domain_leads WHERE escalation_id IN ${ESCALATIONS_OF_SIGNAL}`,
    ),
    domainLeadsOfSignal: prepare(
      `${DOMAIN_LEADS} escalation_id IN ${ESCALATIONS_OF_SIGNAL} GROUP BY escalation_id, policy_domain`,
    ),
  };
};

/**
 * Per signal: its policy domain (corrected by classification), the facts the signal filter uses,
 * and in how many escalations, decided escalations and escalations decided with each outcome it
 * is; triggers keep the per-dimension tallies, and decided escalations keep lead rows. A decision
 * counts while it stands: a reopened escalation is undecided until it is decided again.
 */
export function createFeedbackLoopProjection(ctx: ProjectionContext): Projection {
  const cache = new WeakMap<Database, Writes>();
  const writesFor = (db: Database): Writes => {
    let writes = cache.get(db);
    if (!writes) {
      writes = prepareWrites(db);
      cache.set(db, writes);
    }
    return writes;
  };

  const link = (w: Writes, id: string, signalIds: string[]): void => {
    const outcome = w.decision.get({ id })?.outcome ?? null;
    for (const signalId of signalIds) {
      if (w.link.run({ id, signalId }).changes > 0) w.countLink.run({ signalId, outcome });
    }
  };

  const refreshLeads = (w: Writes, id: string): void => {
    w.forgetLeadsOfEscalation.run({ id });
    w.leadsOfEscalation.run({ id });
    w.forgetDomainLeadsOfEscalation.run({ id });
    w.domainLeadsOfEscalation.run({ id });
  };

  // A signal's domain, dimensions, observation or withdrawal change the lead rows of its escalations.
  const refreshLeadsOfSignal = (w: Writes, signalId: string): void => {
    w.forgetLeadsOfSignal.run({ signalId });
    w.leadsOfSignal.run({ signalId });
    w.forgetDomainLeadsOfSignal.run({ signalId });
    w.domainLeadsOfSignal.run({ signalId });
  };

  const undecide = (w: Writes, id: string): void => {
    const outcome = w.decision.get({ id })?.outcome ?? null;
    if (outcome === null) return;
    w.countDecision.run({ id, outcome, by: -1 });
    w.setDecision.run({ id, outcome: null, decidedMs: null });
  };

  return {
    name: FEEDBACK_LOOP_PROJECTION,
    version: 1,
    migrate(db) {
      db.exec(FEEDBACK_LOOP_SCHEMA);
    },
    index(db) {
      db.exec(FEEDBACK_LOOP_INDEXES);
    },
    drop(db) {
      cache.delete(db);
      db.exec(FEEDBACK_LOOP_DROP);
    },
    apply(db, event) {
      switch (event.type) {
        case 'SignalRecorded': {
          const d = dataOf<SignalRecorded>(event);
          writesFor(db).insertSignal.run({
            id: d.signalId,
            policyDomain: d.policyDomain,
            type: d.type,
            level: d.level,
            initiativeKind: d.initiativeKind,
            reportingAuthority: d.reportingAuthority,
            reportingLayer: ctx.layerOf(d.reportingAuthority) ?? '',
            ...observed(d.observedAt),
          });
          return;
        }
        case 'SignalAmended': {
          const { signalId, changes } = dataOf<SignalAmended>(event);
          const when =
            changes.observedAt === undefined
              ? { observedOn: null, observedMs: null }
              : observed(changes.observedAt);
          const w = writesFor(db);
          w.amendSignal.run({
            id: signalId,
            policyDomain: changes.policyDomain ?? null,
            type: changes.type ?? null,
            level: changes.level ?? null,
            initiativeKind: changes.initiativeKind ?? null,
            ...when,
          });
          refreshLeadsOfSignal(w, signalId);
          return;
        }
        case 'SignalClassified': {
          const d = dataOf<SignalClassified>(event);
          if (d.policyDomain === undefined) return;
          const w = writesFor(db);
          w.classifySignal.run({ id: d.signalId, policyDomain: d.policyDomain });
          refreshLeadsOfSignal(w, d.signalId);
          return;
        }
        case 'SignalMarkedDuplicate': {
          const { signalId } = dataOf<SignalMarkedDuplicate>(event);
          const w = writesFor(db);
          w.markDuplicate.run({ id: signalId });
          refreshLeadsOfSignal(w, signalId);
          return;
        }
        case 'SignalWithdrawn': {
          const { signalId } = dataOf<SignalWithdrawn>(event);
          const w = writesFor(db);
          w.withdrawSignal.run({ id: signalId });
          refreshLeadsOfSignal(w, signalId);
          return;
        }
        case 'EscalationRaised': {
          const d = dataOf<EscalationRaised>(event);
          const w = writesFor(db);
          w.insertEscalation.run({ id: d.escalationId });
          link(w, d.escalationId, d.signalIds);
          return;
        }
        case 'SignalsAttached': {
          const d = dataOf<SignalsAttached>(event);
          const w = writesFor(db);
          link(w, d.escalationId, d.signalIds);
          refreshLeads(w, d.escalationId);
          return;
        }
        case 'EscalationDecided': {
          const d = dataOf<EscalationDecided>(event);
          const w = writesFor(db);
          undecide(w, d.escalationId);
          w.setDecision.run({ id: d.escalationId, outcome: d.outcome, decidedMs: Date.parse(d.decidedAt) });
          w.countDecision.run({ id: d.escalationId, outcome: d.outcome, by: 1 });
          refreshLeads(w, d.escalationId);
          return;
        }
        case 'EscalationReopened': {
          const { escalationId } = dataOf<EscalationReopened>(event);
          const w = writesFor(db);
          undecide(w, escalationId);
          refreshLeads(w, escalationId);
          return;
        }
        default:
          return;
      }
    },
  };
}
