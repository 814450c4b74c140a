import type {
  AmendSignal,
  ClassifySignal,
  InitiativeKind,
  NormReference,
  RecordSignal,
  SignalLevel,
  SignalType,
  WithdrawSignal,
} from '@praktijklus/domain';
import type { InitiativeData } from '@praktijklus/commands';
import { DemoRandom } from './demo-random';
import {
  CITIZEN_GROUPS,
  COMPANY_SUFFIXES,
  CONSEQUENCES,
  FIRST_NAMES,
  INITIATORS,
  LAST_NAMES,
  NEIGHBOURHOODS,
  NORM_TITLES,
  PROBLEMS,
  RECURRING_CONFLICTS,
  REPORTERS,
  REQUESTS,
  THEMES,
  TYPE_WEIGHTS,
  WITHDRAWAL_REASONS,
  type Reporter,
} from './demo-vocabulary';
import { DOMAINS, type DomainVocabulary } from './demo-domains';
import type { DemoStep, DemoOptions } from './demo-steps';
import {
  MINUTE,
  HOUR,
  DAY,
  HISTORY_DAYS,
  type PlannedSignal,
  listIn,
  capitalise,
  slug,
  iso,
  dayOf,
  officer,
  analyst,
} from './demo-planning';

export function planSignals(
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
export function planSignalAftercare(
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
