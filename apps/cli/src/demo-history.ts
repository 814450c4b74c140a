import {
  dutchDateOf,
  type AcknowledgeEscalation,
  type Actor,
  type AmendSignal,
  type CancelAgreement,
  type ClassifySignal,
  type CloseExperiment,
  type DecideEscalation,
  type DecisionOutcome,
  type EvaluateExperiment,
  type ExtendExperiment,
  type FollowUpAssessment,
  type FulfilAgreement,
  type InitiativeKind,
  type InvolveAuthority,
  type LegalRoute,
  type MarkAgreementUnmet,
  type NormReference,
  type PolicyConsequence,
  type RecordFollowUp,
  type RecordSignal,
  type ReopenEscalation,
  type ReportProgress,
  type ResolveEscalation,
  type SignalLevel,
  type SignalType,
  type TransferEscalation,
  type WithdrawSignal,
} from '@praktijklus/domain';
import { addWorkingDays } from '@praktijklus/reference';
import { deterministicUuid } from '../../server/src/commands/event-ids';
import type { InitiativeData } from '../../server/src/personal-data/initiative-personal-data';
import { DemoRandom } from './demo-random';
import {
  CITIZEN_GROUPS,
  COMPANY_SUFFIXES,
  CONSEQUENCE_RATIONALES,
  CONSEQUENCES,
  DOMAINS,
  FIRST_NAMES,
  INITIATORS,
  LAST_NAMES,
  NEIGHBOURHOODS,
  NORM_TITLES,
  PROBLEMS,
  RATIONALES,
  RECURRING_CONFLICTS,
  REPORTERS,
  REQUESTS,
  SYSTEM_MINISTRY,
  THEMES,
  TYPE_WEIGHTS,
  WITHDRAWAL_REASONS,
  type DomainVocabulary,
  type Reporter,
} from './demo-vocabulary';

/**
 * One command of the demo's history, at the moment it was given (`at`, the command's `now`).
 * Commands that need facts from other streams (signals of an escalation, the escalation of an
 * agreement) name those streams; the replay loads them the way the REST handlers do.
 */
export type DemoStep =
  | {
      kind: 'signal';
      at: number;
      signalId: string;
      command: RecordSignal | AmendSignal | ClassifySignal | WithdrawSignal;
      /** Personal data to keep in the vault under the command's reference once it is recorded. */
      initiative?: InitiativeData;
    }
  | { kind: 'mark-duplicate'; at: number; actor: Actor; now: string; signalId: string; duplicateOf: string }
  | {
      kind: 'escalation';
      at: number;
      escalationId: string;
      command:
        | AcknowledgeEscalation
        | InvolveAuthority
        | TransferEscalation
        | DecideEscalation
        | ResolveEscalation
        | ReopenEscalation;
    }
  | {
      kind: 'raise-escalation';
      at: number;
      actor: Actor;
      now: string;
      escalationId: string;
      title: string;
      reason: string;
      addressedTo: string;
      respondBy: string;
      signalIds: string[];
    }
  | {
      kind: 'attach-signals';
      at: number;
      actor: Actor;
      now: string;
      escalationId: string;
      signalIds: string[];
    }
  | {
      kind: 'agreement';
      at: number;
      agreementId: string;
      command: ReportProgress | RecordFollowUp | FulfilAgreement | MarkAgreementUnmet | CancelAgreement;
    }
  | {
      kind: 'make-agreement';
      at: number;
      actor: Actor;
      now: string;
      agreementId: string;
      title: string;
      commitment: string;
      owner: string;
      parties: string[];
      dueBy: string;
      firstFollowUpOn: string;
      escalationId: string | null;
    }
  | {
      kind: 'experiment';
      at: number;
      experimentId: string;
      command: ExtendExperiment | EvaluateExperiment | CloseExperiment;
    }
  | {
      kind: 'start-experiment';
      at: number;
      actor: Actor;
      now: string;
      experimentId: string;
      escalationId: string;
      title: string;
      hypothesis: string;
      legalRoute: LegalRoute;
      startsOn: string;
      endsOn: string;
    };

export interface DemoOptions {
  signals: number;
  seed: number;
  /** The present the history leads up to; nothing happens after it. */
  now: Date;
  /** The default response term of an escalation (ESCALATION_RESPONSE_WORKING_DAYS). */
  responseWorkingDays: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** The history spans about eighteen months. */
const HISTORY_DAYS = 540;

interface PlannedSignal {
  id: string;
  reporter: Reporter;
  domain: DomainVocabulary;
  type: SignalType;
  level: SignalLevel;
  subject: string;
  problem: string;
  /** The conflicting pair (sorted refs joined), for grouping conflict signals. */
  conflictKey: string | null;
  recordedAt: number;
  withdrawn: boolean;
  duplicate: boolean;
  escalated: boolean;
}

/** The list under `key`, created when missing. */
const listIn = <T>(lists: Map<string, T[]>, key: string): T[] => {
  let list = lists.get(key);
  if (list === undefined) {
    list = [];
    lists.set(key, list);
  }
  return list;
};
const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
const slug = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
const iso = (ms: number): string => new Date(ms).toISOString();
const dayOf = (ms: number): string => dutchDateOf(iso(ms));
const addDays = (day: string, days: number): string =>
  iso(Date.parse(`${day}T00:00:00Z`) + days * DAY).slice(0, 10);
/** Midday on a Dutch calendar day: safely that day in Amsterdam, summer or winter. */
const middayOf = (day: string): number => Date.parse(`${day}T11:00:00Z`);

export const officer = (authority: string, n = 1): Actor => ({
  sub: `demo-officer-${authority}-${n}`,
  authority,
  roles: ['officer'],
});
export const admin = (authority: string): Actor => ({
  sub: `demo-admin-${authority}`,
  authority,
  roles: ['admin'],
});
export const analyst = (n: number): Actor => ({
  sub: `demo-analyst-${n}`,
  authority: SYSTEM_MINISTRY,
  roles: ['analyst'],
});

/**
 * The demo's whole history as commands in time order, ending at `options.now`: signals over the
 * past eighteen months (more recently, more of them), their amendments, classifications,
 * duplicates and withdrawals, and escalations with their agreements and experiments run through
 * their lifecycles. A lifecycle step that would lie after `now` is left out, so recent entities
 * are naturally still open and stalled ones become overdue. Same options, same history.
 */
export function planDemoHistory(options: DemoOptions): DemoStep[] {
  const random = new DemoRandom(options.seed);
  const nowMs = options.now.getTime();
  const latest = nowMs - MINUTE;
  const steps: DemoStep[] = [];
  const id = (kind: string, n: number): string =>
    deterministicUuid('demo', String(options.seed), kind, String(n));
  const add = (step: DemoStep): boolean => {
    if (step.at > latest) return false;
    steps.push(step);
    return true;
  };
  /** A moment during office hours (07:00–16:00 UTC), on the day of `ms`. */
  const officeHours = (ms: number): number =>
    Math.floor(ms / DAY) * DAY + random.int(7 * 60, 16 * 60) * MINUTE + random.int(0, 59) * 1000;

  const signals = planSignals(options, random, id, officeHours, add, latest);
  planSignalAftercare(signals, random, add, officeHours);
  planEscalations(options, signals, random, id, officeHours, add);
  return steps.sort((a, b) => a.at - b.at);
}

function planSignals(
  options: DemoOptions,
  random: DemoRandom,
  id: (kind: string, n: number) => string,
  officeHours: (ms: number) => number,
  add: (step: DemoStep) => boolean,
  latest: number,
): PlannedSignal[] {
  const reporters = REPORTERS.map((reporter) => [reporter, reporter.weight] as const);
  const domains = DOMAINS.map((domain) => [domain, domain.weight] as const);
  const conflicts = RECURRING_CONFLICTS.map((conflict) => [conflict, conflict.weight] as const);
  const signals: PlannedSignal[] = [];

  for (let n = 0; n < options.signals; n++) {
    const signalId = id('signal', n);
    const reporter = random.weighted(reporters);
    const type = random.weighted(TYPE_WEIGHTS);
    let domain = random.weighted(domains);
    let norms: NormReference[] = [];
    if (type === 'CONFLICTING_NORMS') {
      if (random.chance(0.8)) {
        const conflict = random.weighted(conflicts);
        domain = DOMAINS.find((d) => d.code === conflict.domain) ?? domain;
        norms = conflict.norms.map((ref) => normOf(ref, random));
      } else {
        const withNorms = DOMAINS.filter((d) => d.norms.length >= 2);
        domain = random.pick(withNorms);
        norms = random.sample(domain.norms, 2).map((ref) => normOf(ref, random));
      }
      if (random.chance(0.12)) {
        const third = domain.norms.find((ref) => !norms.some((norm) => norm.ref === ref));
        if (third !== undefined) norms.push(normOf(third, random));
      }
    } else {
      norms = random
        .sample(
          domain.norms,
          random.weighted([
            [0, 3],
            [1, 5],
            [2, 2],
          ] as const),
        )
        .map((ref) => normOf(ref, random));
    }
    const level = random.weighted<SignalLevel>([
      ['SYSTEM', 10],
      ['POLICY', 28],
      ['IMPLEMENTATION', 42],
      ['PAPERWORK', 20],
    ]);
    const initiativeKind = random.weighted<InitiativeKind>([
      ['ENTREPRENEUR', 35],
      ['CITIZEN_INITIATIVE', 25],
      ['PROFESSIONAL', 22],
      ['GOVERNMENT', 18],
    ]);
    const subject = random.pick(domain.subjects);
    const problem = random.pick(PROBLEMS[type]);

    // Denser towards the present: the density of `1 - sqrt(u)` falls linearly with the age.
    const daysAgo = HISTORY_DAYS * (1 - Math.sqrt(random.next()));
    let recordedAt = officeHours(latest - daysAgo * DAY);
    while (recordedAt > latest) recordedAt -= DAY;
    const observed = recordedAt - random.int(0, 10) * DAY - random.int(0, 8) * HOUR;
    const observedAt = random.chance(0.6) ? dayOf(observed) : iso(Math.floor(observed / MINUTE) * MINUTE);

    const conflictKey =
      type === 'CONFLICTING_NORMS'
        ? norms
            .map((norm) => norm.ref)
            .sort()
            .join(' × ')
        : null;
    const title = titleOf(type, subject, problem, norms);
    const place = reporter.place;
    const description = [
      `${INITIATORS[initiativeKind]} wil ${subject} realiseren${place ? ` in ${place}` : ''}.`,
      `Het knelpunt: ${problem}.`,
      ...(type === 'CONFLICTING_NORMS'
        ? [`${norms[0].ref} en ${norms[1].ref} stellen hier eisen die niet tegelijk te vervullen zijn.`]
        : []),
      random.pick(CONSEQUENCES),
      random.pick(REQUESTS),
    ].join(' ');

    const initiative = random.chance(0.4) ? initiativeOf(initiativeKind, random) : undefined;
    const command: RecordSignal = {
      type: 'RecordSignal',
      actor: officer(reporter.authority, random.int(1, 3)),
      now: iso(recordedAt),
      data: {
        signalId,
        type,
        title,
        description,
        policyDomain: domain.code,
        level,
        initiativeKind,
        observedAt,
        authorities: authoritiesOf(type, reporter, domain, random),
        norms,
        initiative: initiative ? { personalDataRef: `initiative/${signalId}/${id('initiative', n)}` } : null,
        location: place ? { municipality: place } : null,
      },
    };
    add({ kind: 'signal', at: recordedAt, signalId, command, ...(initiative ? { initiative } : {}) });
    signals.push({
      id: signalId,
      reporter,
      domain,
      type,
      level,
      subject,
      problem,
      conflictKey,
      recordedAt,
      withdrawn: false,
      duplicate: false,
      escalated: false,
    });
  }
  return signals.sort((a, b) => a.recordedAt - b.recordedAt);
}

function normOf(ref: string, random: DemoRandom): NormReference {
  const title = NORM_TITLES[ref];
  return title !== undefined && random.chance(0.7) ? { ref, title } : { ref };
}

function titleOf(type: SignalType, subject: string, problem: string, norms: NormReference[]): string {
  switch (type) {
    case 'CONFLICTING_NORMS':
      return `${norms[0].ref} botst met ${norms[1].ref} bij ${subject}`;
    case 'UNCLEAR_AUTHORITY':
      return `Onduidelijk bevoegd gezag voor ${subject}`;
    case 'KNOWLEDGE_GAP':
      return `${capitalise(subject)}: ${problem}`;
    case 'CROSS_GOVERNMENT_IMPACT':
      return `${capitalise(subject)}: gevolgen voor collega-overheden`;
    case 'BARRIER':
      return `${capitalise(subject)}: ${problem}`;
    default: {
      const unknown: never = type;
      throw new Error(`unknown signal type ${String(unknown)}`);
    }
  }
}

function authoritiesOf(
  type: SignalType,
  reporter: Reporter,
  domain: DomainVocabulary,
  random: DemoRandom,
): string[] {
  const own = reporter.authority;
  const others = [reporter.province, reporter.waterBoard, reporter.agency, domain.ministry].filter(
    (a) => a !== own,
  );
  switch (type) {
    case 'UNCLEAR_AUTHORITY':
      return [...new Set(random.sample(others, random.int(2, 3)))];
    case 'CROSS_GOVERNMENT_IMPACT':
      return [own, random.pick(others)];
    default:
      return random.chance(0.3) ? [own, random.pick(others)] : [own];
  }
}

function initiativeOf(kind: InitiativeKind, random: DemoRandom): InitiativeData {
  const person = `${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)}`;
  switch (kind) {
    case 'ENTREPRENEUR': {
      const name = `${random.pick(LAST_NAMES).replace(/^(de|van den|van) /, '')} ${random.pick(COMPANY_SUFFIXES)}`;
      return { name: capitalise(name), contact: `info@${slug(name)}.example.nl` };
    }
    case 'CITIZEN_INITIATIVE': {
      const name = `${random.pick(CITIZEN_GROUPS)} ${random.pick(NEIGHBOURHOODS)}`;
      return { name, contact: `${slug(person)}@${slug(name)}.example.nl` };
    }
    case 'PROFESSIONAL':
    case 'GOVERNMENT':
      return { name: person, contact: `06-${String(random.int(10_000_000, 99_999_999))}` };
    default: {
      const unknown: never = kind;
      throw new Error(`unknown initiative kind ${String(unknown)}`);
    }
  }
}

/** Amendments, classifications, duplicates and withdrawals of recorded signals. */
function planSignalAftercare(
  signals: PlannedSignal[],
  random: DemoRandom,
  add: (step: DemoStep) => boolean,
  officeHours: (ms: number) => number,
): void {
  // The originals so far (neither withdrawn nor duplicate) per kind, earliest first.
  const originals = new Map<string, PlannedSignal[]>();
  const originalKey = (signal: PlannedSignal): string =>
    `${signal.domain.code}|${signal.type}|${signal.conflictKey ?? ''}`;
  for (const signal of signals) {
    const reporterOfficer = officer(signal.reporter.authority);
    if (random.chance(0.05)) {
      const at = signal.recordedAt + random.int(1, 48) * HOUR;
      const command: AmendSignal = {
        type: 'AmendSignal',
        actor: reporterOfficer,
        now: iso(at),
        data: {
          signalId: signal.id,
          changes: random.chance(0.5)
            ? { level: signal.level === 'POLICY' ? 'SYSTEM' : 'POLICY' }
            : { title: `${signalTitleStem(signal)} (aangevuld)` },
        },
      };
      add({ kind: 'signal', at, signalId: signal.id, command });
    }
    const roll = random.next();
    if (roll < 0.03) {
      signal.withdrawn = true;
      const at = officeHours(signal.recordedAt + random.int(2, 40) * DAY);
      const command: WithdrawSignal = {
        type: 'WithdrawSignal',
        actor: reporterOfficer,
        now: iso(Math.max(at, signal.recordedAt + 3 * DAY)),
        data: { signalId: signal.id, reason: random.pick(WITHDRAWAL_REASONS) },
      };
      add({ kind: 'signal', at: Date.parse(command.now), signalId: signal.id, command });
      continue;
    }
    if (roll < 0.06) {
      const earliest = originals.get(originalKey(signal))?.[0];
      const original =
        earliest !== undefined && earliest.recordedAt < signal.recordedAt ? earliest : undefined;
      if (original !== undefined) {
        signal.duplicate = true;
        const at = officeHours(signal.recordedAt + random.int(3, 30) * DAY) + DAY;
        add({
          kind: 'mark-duplicate',
          at,
          actor: analyst(random.int(1, 3)),
          now: iso(at),
          signalId: signal.id,
          duplicateOf: original.id,
        });
      }
    }
    if (!signal.duplicate) {
      listIn(originals, originalKey(signal)).push(signal);
    }
    if (random.chance(0.12)) {
      const at = officeHours(signal.recordedAt + random.int(5, 60) * DAY) + DAY;
      const corrected = random.chance(0.15) ? random.pick(DOMAINS).code : undefined;
      const command: ClassifySignal = {
        type: 'ClassifySignal',
        actor: analyst(random.int(1, 3)),
        now: iso(at),
        data: {
          signalId: signal.id,
          themes: random.sample(THEMES, random.int(1, 3)),
          ...(corrected !== undefined && corrected !== signal.domain.code ? { policyDomain: corrected } : {}),
        },
      };
      add({ kind: 'signal', at, signalId: signal.id, command });
    }
  }
}

const signalTitleStem = (signal: PlannedSignal): string =>
  signal.type === 'CONFLICTING_NORMS'
    ? `Normconflict bij ${signal.subject}`
    : `${capitalise(signal.subject)}: ${signal.problem}`.slice(0, 180);

const ESCALATION_CHANCE: Record<SignalLevel, number> = {
  SYSTEM: 0.22,
  POLICY: 0.12,
  IMPLEMENTATION: 0.05,
  PAPERWORK: 0.025,
};

function planEscalations(
  options: DemoOptions,
  signals: PlannedSignal[],
  random: DemoRandom,
  id: (kind: string, n: number) => string,
  officeHours: (ms: number) => number,
  add: (step: DemoStep) => boolean,
): void {
  let escalations = 0;
  let agreements = 0;
  let experiments = 0;
  const eligible = (signal: PlannedSignal): boolean =>
    !signal.withdrawn && !signal.duplicate && !signal.escalated;
  // Signals escalated together come from one reporter and share the conflict, or else the domain.
  const groups = new Map<string, PlannedSignal[]>();
  const keysOf = (signal: PlannedSignal): string[] => [
    `${signal.reporter.authority}|domain|${signal.domain.code}`,
    ...(signal.conflictKey !== null ? [`${signal.reporter.authority}|conflict|${signal.conflictKey}`] : []),
  ];
  for (const signal of signals) {
    for (const key of keysOf(signal)) listIn(groups, key).push(signal);
  }
  const relatedTo = (first: PlannedSignal): PlannedSignal[] =>
    groups.get(
      first.conflictKey !== null
        ? `${first.reporter.authority}|conflict|${first.conflictKey}`
        : `${first.reporter.authority}|domain|${first.domain.code}`,
    ) ?? [];
  const respondByFrom = (at: number): string =>
    addWorkingDays(
      new Date(at),
      random.chance(0.8) ? options.responseWorkingDays : random.pick([10, 30, 40]),
    ).toISOString();

  for (const first of signals) {
    if (!eligible(first) || !random.chance(ESCALATION_CHANCE[first.level])) continue;
    const group = [
      first,
      ...relatedTo(first)
        .filter(
          (other) =>
            other !== first &&
            eligible(other) &&
            other.recordedAt >= first.recordedAt &&
            other.recordedAt <= first.recordedAt + 30 * DAY,
        )
        .slice(0, random.int(0, 3)),
    ];
    for (const signal of group) signal.escalated = true;
    const escalationId = id('escalation', escalations++);
    const raiser = first.reporter.authority;
    const raisedAt = officeHours(Math.max(...group.map((s) => s.recordedAt)) + random.int(1, 20) * DAY);
    let addressee = addresseeOf(first, random);
    const raised = add({
      kind: 'raise-escalation',
      at: raisedAt,
      actor: random.chance(0.8) ? officer(raiser, random.int(1, 3)) : admin(raiser),
      now: iso(raisedAt),
      escalationId,
      title:
        first.type === 'CONFLICTING_NORMS'
          ? `Tegenstrijdige normen: ${first.conflictKey ?? ''}`
          : `${capitalise(first.subject)}: verzoek om een bestuurlijke uitspraak`,
      reason: `${group.length === 1 ? 'Een signaal' : `${group.length} signalen`} uit de praktijk laten zien dat ${first.problem}. ${random.pick(REQUESTS)}`,
      addressedTo: addressee,
      respondBy: respondByFrom(raisedAt),
      signalIds: group.map((s) => s.id),
    });
    if (!raised) continue;
    const step = (at: number, command: Extract<DemoStep, { kind: 'escalation' }>['command']): boolean =>
      add({ kind: 'escalation', at, escalationId, command });

    // Involving another authority and attaching later signals happen while it is still open.
    let cursor = raisedAt;
    if (random.chance(0.15)) {
      const parties = new Set([raiser, addressee]);
      const candidates = [
        first.reporter.agency,
        first.reporter.waterBoard,
        first.reporter.province,
        first.domain.ministry,
        SYSTEM_MINISTRY,
      ].filter((a) => !parties.has(a));
      if (candidates.length > 0) {
        const at = officeHours(cursor + random.int(1, 5) * DAY);
        step(at, {
          type: 'InvolveAuthority',
          actor: admin(raiser),
          now: iso(at),
          data: {
            escalationId,
            authority: random.pick(candidates),
            reason: 'Mede-overheid met eigen regels op dit terrein.',
          },
        });
        cursor = Math.max(cursor, at);
      }
    }
    if (random.chance(0.1)) {
      const at = officeHours(cursor + random.int(2, 6) * DAY);
      const later = relatedTo(first)
        .filter((s) => eligible(s) && s.recordedAt < at - HOUR)
        .slice(0, 2);
      if (later.length > 0) {
        for (const signal of later) signal.escalated = true;
        add({
          kind: 'attach-signals',
          at,
          actor: officer(raiser),
          now: iso(at),
          escalationId,
          signalIds: later.map((s) => s.id),
        });
        cursor = Math.max(cursor, at);
      }
    }
    if (random.chance(0.12)) {
      const to = transferTargetOf(first, addressee, raiser, random);
      const at = officeHours(cursor + random.int(1, 8) * DAY);
      if (
        !step(at, {
          type: 'TransferEscalation',
          actor: admin(addressee),
          now: iso(at),
          data: {
            escalationId,
            to,
            reason: 'Onjuist geadresseerd: het bevoegd gezag ligt bij een andere overheid.',
            respondBy: respondByFrom(at),
          },
        })
      ) {
        continue;
      }
      addressee = to;
      cursor = at;
    }
    if (random.chance(0.14)) continue;
    // Most acknowledge within days, a few take weeks.
    const acknowledgedAt = cursor + (random.chance(0.8) ? random.int(2, 72) : random.int(72, 500)) * HOUR;
    if (
      !step(acknowledgedAt, {
        type: 'AcknowledgeEscalation',
        actor: admin(addressee),
        now: iso(acknowledgedAt),
        data: { escalationId, note: 'Ontvangen; wij nemen dit in behandeling.' },
      })
    ) {
      continue;
    }
    if (random.chance(0.16)) continue;
    let decidedAt = officeHours(acknowledgedAt + random.int(4, 45) * DAY);
    let outcome = random.weighted<DecisionOutcome>([
      ['POLICY_ADJUSTED', 24],
      ['EXPERIMENT_GRANTED', 22],
      ['CUSTOM_SOLUTION', 24],
      ['NO_CHANGE', 15],
      ['REFERRED', 15],
    ]);
    const decide = (at: number, decided: DecisionOutcome): boolean =>
      step(at, {
        type: 'DecideEscalation',
        actor: admin(addressee),
        now: iso(at),
        data: { escalationId, outcome: decided, rationale: random.pick(RATIONALES[decided]) },
      });
    if (!decide(decidedAt, outcome)) continue;

    const decider = addressee;
    if (outcome === 'EXPERIMENT_GRANTED' && random.chance(0.85)) {
      planExperiment(
        id('experiment', experiments++),
        escalationId,
        decider,
        first,
        decidedAt,
        random,
        officeHours,
        add,
      );
    }
    if ((outcome === 'POLICY_ADJUSTED' || outcome === 'CUSTOM_SOLUTION') && random.chance(0.55)) {
      planAgreement(
        id('agreement', agreements++),
        escalationId,
        decider,
        [raiser],
        first,
        decidedAt,
        random,
        officeHours,
        add,
      );
    }

    if (random.chance(0.3)) continue;
    let resolvedAt = officeHours(decidedAt + random.int(3, 30) * DAY);
    const resolve = (at: number): boolean =>
      step(at, {
        type: 'ResolveEscalation',
        actor: admin(addressee),
        now: iso(at),
        data: { escalationId, summary: 'Besluit gecommuniceerd aan de betrokken overheden.' },
      });
    const resolved = resolve(resolvedAt);
    // The raising authority does not accept "no change" or a referral every time.
    if ((outcome === 'NO_CHANGE' || outcome === 'REFERRED') && random.chance(0.25)) {
      const reopenedAt = officeHours((resolved ? resolvedAt : decidedAt) + random.int(5, 20) * DAY);
      if (
        !step(reopenedAt, {
          type: 'ReopenEscalation',
          actor: officer(raiser),
          now: iso(reopenedAt),
          data: {
            escalationId,
            reason: 'Het knelpunt blijft zich voordoen; graag een nieuw besluit.',
            // The default deadline, as the REST route sets it when the body gives none.
            respondBy: addWorkingDays(new Date(reopenedAt), options.responseWorkingDays).toISOString(),
          },
        })
      ) {
        continue;
      }
      if (random.chance(0.4)) continue;
      outcome = random.pick<DecisionOutcome>(['POLICY_ADJUSTED', 'CUSTOM_SOLUTION']);
      decidedAt = officeHours(reopenedAt + random.int(10, 40) * DAY);
      if (!decide(decidedAt, outcome) || random.chance(0.5)) continue;
      resolvedAt = officeHours(decidedAt + random.int(3, 30) * DAY);
      resolve(resolvedAt);
    }
  }

  // Agreements that answer no single escalation: covenants between governments.
  const standalone = Math.max(1, Math.round(options.signals / 300));
  for (let n = 0; n < standalone; n++) {
    const signal = random.pick(signals);
    const owner = random.pick([signal.reporter.province, signal.domain.ministry, signal.reporter.authority]);
    const parties = [signal.reporter.authority, signal.reporter.agency, signal.reporter.waterBoard].filter(
      (a) => a !== owner,
    );
    planAgreement(
      id('agreement', agreements++),
      null,
      owner,
      random.sample(parties, random.int(1, 2)),
      signal,
      signal.recordedAt,
      random,
      officeHours,
      add,
    );
  }
}

function addresseeOf(signal: PlannedSignal, random: DemoRandom): string {
  const own = signal.reporter.authority;
  if (signal.level === 'SYSTEM' && random.chance(0.5)) return SYSTEM_MINISTRY;
  const options: Array<readonly [string, number]> = [
    [signal.domain.ministry, 45],
    [signal.reporter.province, 30],
    [signal.reporter.waterBoard, signal.domain.water ? 20 : 3],
    [signal.reporter.agency, 5],
  ];
  const addressee = random.weighted(options.filter(([authority]) => authority !== own));
  return addressee;
}

function transferTargetOf(
  signal: PlannedSignal,
  current: string,
  raiser: string,
  random: DemoRandom,
): string {
  const candidates = [
    signal.domain.ministry,
    signal.reporter.province,
    signal.reporter.waterBoard,
    SYSTEM_MINISTRY,
  ].filter((a) => a !== current && a !== raiser);
  return random.pick(candidates);
}

function planAgreement(
  agreementId: string,
  escalationId: string | null,
  owner: string,
  others: string[],
  signal: PlannedSignal,
  after: number,
  random: DemoRandom,
  officeHours: (ms: number) => number,
  add: (step: DemoStep) => boolean,
): void {
  const madeAt = officeHours(after + random.int(3, 25) * DAY);
  const madeOn = dayOf(madeAt);
  const dueBy = addDays(madeOn, random.int(45, 240));
  const first = addDays(madeOn, random.int(14, 45));
  const firstFollowUpOn = first > dueBy ? dueBy : first;
  const parties = [...new Set([owner, ...others])];
  const made = add({
    kind: 'make-agreement',
    at: madeAt,
    actor: admin(owner),
    now: iso(madeAt),
    agreementId,
    title: random.pick([
      `Handreiking voor ${signal.subject}`,
      `Regels voor ${signal.subject} verduidelijken`,
      `Gezamenlijk toetsingskader: ${signal.subject}`,
      `Instructieregel aanpassen voor ${signal.subject}`,
    ]),
    commitment: `De eigenaar werkt de afspraak uit met de betrokken overheden en rapporteert de voortgang in de terugkomgesprekken.`,
    owner,
    parties,
    dueBy,
    firstFollowUpOn,
    escalationId,
  });
  if (!made) return;
  const step = (at: number, command: Extract<DemoStep, { kind: 'agreement' }>['command']): boolean =>
    add({ kind: 'agreement', at, agreementId, command });

  if (random.chance(0.05)) {
    const at = officeHours(madeAt + random.int(5, 40) * DAY);
    step(at, {
      type: 'CancelAgreement',
      actor: admin(owner),
      now: iso(at),
      data: { agreementId, reason: 'Opgegaan in een bredere landelijke afspraak.' },
    });
    return;
  }
  const closing = random.weighted<'fulfil' | 'unmet' | 'open'>([
    ['fulfil', 60],
    ['unmet', 22],
    ['open', 18],
  ]);
  const closeAt = Math.max(madeAt + DAY, officeHours(middayOf(dueBy) + random.int(-20, 20) * DAY));

  let percent = 0;
  const reports = random.int(0, 3);
  for (let r = 1; r <= reports; r++) {
    const at = Math.max(madeAt + HOUR, officeHours(madeAt + ((closeAt - madeAt) * r) / (reports + 1)));
    percent = Math.min(100, percent + random.int(10, 40));
    if (at >= closeAt) break;
    step(at, {
      type: 'ReportProgress',
      actor: admin(owner),
      now: iso(at),
      data: { agreementId, percent, note: `Stand van zaken: ${percent}% gereed.` },
    });
  }

  let next: string | null = firstFollowUpOn;
  while (next !== null && !random.chance(0.12)) {
    const candidate = addDays(next, random.int(-2, 7));
    const heldOn: string = candidate < madeOn ? madeOn : candidate;
    // On the day held, and after the agreement was made when that is the same day.
    const at = Math.max(madeAt + HOUR, middayOf(heldOn) + random.int(0, 180) * MINUTE);
    if (at >= closeAt) break;
    const planned = addDays(heldOn, random.int(28, 70));
    const nextFollowUpOn: string | null = planned < dueBy ? planned : null;
    const held = step(at, {
      type: 'RecordFollowUp',
      actor: admin(random.pick(parties)),
      now: iso(at),
      data: {
        agreementId,
        heldOn,
        assessment: random.weighted<FollowUpAssessment>([
          ['ON_TRACK', 55],
          ['AT_RISK', 30],
          ['OFF_TRACK', 15],
        ]),
        notes: 'Terugkomgesprek gevoerd met alle partijen.',
        nextFollowUpOn,
      },
    });
    if (!held) return;
    next = nextFollowUpOn;
  }
  if (closing === 'fulfil') {
    step(closeAt, {
      type: 'FulfilAgreement',
      actor: admin(owner),
      now: iso(closeAt),
      data: { agreementId, result: 'Afspraak nagekomen; resultaat gedeeld met alle partijen.' },
    });
  } else if (closing === 'unmet') {
    step(closeAt, {
      type: 'MarkAgreementUnmet',
      actor: admin(owner),
      now: iso(closeAt),
      data: { agreementId, reason: 'Onvoldoende capaciteit om de afspraak binnen de termijn na te komen.' },
    });
  }
}

function planExperiment(
  experimentId: string,
  escalationId: string,
  owner: string,
  signal: PlannedSignal,
  decidedAt: number,
  random: DemoRandom,
  officeHours: (ms: number) => number,
  add: (step: DemoStep) => boolean,
): void {
  const startedAt = officeHours(decidedAt + random.int(2, 20) * DAY);
  const startsOn = addDays(dayOf(startedAt), random.int(7, 30));
  let endsOn = addDays(startsOn, random.int(60, 200));
  const started = add({
    kind: 'start-experiment',
    at: startedAt,
    actor: admin(owner),
    now: iso(startedAt),
    experimentId,
    escalationId,
    title: `Experiment: ${signal.subject}`,
    hypothesis: `Als ${signal.subject} onder voorwaarden wordt toegestaan, blijft de fysieke leefomgeving beschermd en komt het initiatief sneller tot stand.`,
    legalRoute: random.weighted<LegalRoute>([
      ['EXPERIMENT_CLAUSE', 45],
      ['EXEMPTION', 30],
      ['EQUIVALENCE', 25],
    ]),
    startsOn,
    endsOn,
  });
  if (!started) return;
  const step = (at: number, command: Extract<DemoStep, { kind: 'experiment' }>['command']): boolean =>
    add({ kind: 'experiment', at, experimentId, command });
  if (random.chance(0.2)) {
    const at = Math.max(startedAt + HOUR, officeHours(middayOf(endsOn) - random.int(5, 30) * DAY));
    const extended = addDays(endsOn, random.int(60, 150));
    if (
      !step(at, {
        type: 'ExtendExperiment',
        actor: admin(owner),
        now: iso(at),
        data: {
          experimentId,
          endsOn: extended,
          reason: 'Meer meetgegevens nodig over een volledig seizoen.',
        },
      })
    ) {
      return;
    }
    endsOn = extended;
  }
  if (random.chance(0.3)) return;
  const evaluatedAt = officeHours(middayOf(endsOn) + random.int(1, 40) * DAY);
  const consequence = random.weighted<PolicyConsequence>([
    ['ADOPT_IN_POLICY', 35],
    ['ADJUST_AND_CONTINUE', 30],
    ['STOP', 15],
    ['NO_CONSEQUENCE', 20],
  ]);
  const evaluated = step(evaluatedAt, {
    type: 'EvaluateExperiment',
    actor: admin(owner),
    now: iso(evaluatedAt),
    data: {
      experimentId,
      conclusion: 'De monitoring laat zien dat de voorwaarden werken en de risico’s beheersbaar blijven.',
      policyConsequence: consequence,
      rationale: CONSEQUENCE_RATIONALES[consequence],
    },
  });
  if (!evaluated || random.chance(0.35)) return;
  const closedAt = officeHours(evaluatedAt + random.int(5, 30) * DAY);
  step(closedAt, {
    type: 'CloseExperiment',
    actor: admin(owner),
    now: iso(closedAt),
    data: { experimentId },
  });
}

export interface DemoSummary {
  signals: number;
  withInitiative: number;
  withdrawn: number;
  duplicates: number;
  conflictSignals: number;
  escalations: Record<'RAISED' | 'ACKNOWLEDGED' | 'DECIDED' | 'RESOLVED', number>;
  overdueEscalations: number;
  transfers: number;
  agreements: Record<'OPEN' | 'FULFILLED' | 'UNMET' | 'CANCELLED', number>;
  overdueAgreements: number;
  followUpsOverdue: number;
  experiments: Record<'RUNNING' | 'EVALUATED' | 'CLOSED', number>;
  overdueExperiments: number;
}

/** What the history leaves at `now`: the figures the views should show once projected. */
export function summariseDemoHistory(steps: readonly DemoStep[], now: Date): DemoSummary {
  const today = dutchDateOf(now.toISOString());
  const summary: DemoSummary = {
    signals: 0,
    withInitiative: 0,
    withdrawn: 0,
    duplicates: 0,
    conflictSignals: 0,
    escalations: { RAISED: 0, ACKNOWLEDGED: 0, DECIDED: 0, RESOLVED: 0 },
    overdueEscalations: 0,
    transfers: 0,
    agreements: { OPEN: 0, FULFILLED: 0, UNMET: 0, CANCELLED: 0 },
    overdueAgreements: 0,
    followUpsOverdue: 0,
    experiments: { RUNNING: 0, EVALUATED: 0, CLOSED: 0 },
    overdueExperiments: 0,
  };
  const escalations = new Map<string, { status: keyof DemoSummary['escalations']; respondBy: string }>();
  const agreements = new Map<
    string,
    { status: keyof DemoSummary['agreements']; dueBy: string; next: string | null }
  >();
  const experiments = new Map<string, { status: keyof DemoSummary['experiments']; endsOn: string }>();
  for (const step of steps) {
    switch (step.kind) {
      case 'signal':
        if (step.command.type === 'RecordSignal') {
          summary.signals += 1;
          if (step.command.data.initiative) summary.withInitiative += 1;
          if (step.command.data.type === 'CONFLICTING_NORMS') summary.conflictSignals += 1;
        }
        if (step.command.type === 'WithdrawSignal') summary.withdrawn += 1;
        break;
      case 'mark-duplicate':
        summary.duplicates += 1;
        break;
      case 'raise-escalation':
        escalations.set(step.escalationId, { status: 'RAISED', respondBy: step.respondBy });
        break;
      case 'attach-signals':
        break;
      case 'escalation': {
        const escalation = escalations.get(step.escalationId);
        if (!escalation) break;
        const command = step.command;
        if (command.type === 'TransferEscalation') {
          summary.transfers += 1;
          escalations.set(step.escalationId, { status: 'RAISED', respondBy: command.data.respondBy });
        } else if (command.type === 'ReopenEscalation') {
          escalations.set(step.escalationId, { status: 'ACKNOWLEDGED', respondBy: command.data.respondBy });
        } else if (command.type === 'AcknowledgeEscalation') {
          escalation.status = 'ACKNOWLEDGED';
        } else if (command.type === 'DecideEscalation') {
          escalation.status = 'DECIDED';
        } else if (command.type === 'ResolveEscalation') {
          escalation.status = 'RESOLVED';
        }
        break;
      }
      case 'make-agreement':
        agreements.set(step.agreementId, { status: 'OPEN', dueBy: step.dueBy, next: step.firstFollowUpOn });
        break;
      case 'agreement': {
        const agreement = agreements.get(step.agreementId);
        if (!agreement) break;
        const command = step.command;
        if (command.type === 'RecordFollowUp') agreement.next = command.data.nextFollowUpOn;
        else if (command.type === 'FulfilAgreement') agreement.status = 'FULFILLED';
        else if (command.type === 'MarkAgreementUnmet') agreement.status = 'UNMET';
        else if (command.type === 'CancelAgreement') agreement.status = 'CANCELLED';
        break;
      }
      case 'start-experiment':
        experiments.set(step.experimentId, { status: 'RUNNING', endsOn: step.endsOn });
        break;
      case 'experiment': {
        const experiment = experiments.get(step.experimentId);
        if (!experiment) break;
        const command = step.command;
        if (command.type === 'ExtendExperiment') experiment.endsOn = command.data.endsOn;
        else if (command.type === 'EvaluateExperiment') experiment.status = 'EVALUATED';
        else experiment.status = 'CLOSED';
        break;
      }
      default: {
        const unknown: never = step;
        throw new Error(`unknown demo step ${JSON.stringify(unknown)}`);
      }
    }
  }
  for (const escalation of escalations.values()) {
    summary.escalations[escalation.status] += 1;
    const open = escalation.status === 'RAISED' || escalation.status === 'ACKNOWLEDGED';
    if (open && Date.parse(escalation.respondBy) < now.getTime()) summary.overdueEscalations += 1;
  }
  for (const agreement of agreements.values()) {
    summary.agreements[agreement.status] += 1;
    if (agreement.status === 'OPEN' && agreement.dueBy < today) summary.overdueAgreements += 1;
    if (agreement.status === 'OPEN' && agreement.next !== null && agreement.next < today)
      summary.followUpsOverdue += 1;
  }
  for (const experiment of experiments.values()) {
    summary.experiments[experiment.status] += 1;
    if (experiment.status === 'RUNNING' && experiment.endsOn < today) summary.overdueExperiments += 1;
  }
  return summary;
}
