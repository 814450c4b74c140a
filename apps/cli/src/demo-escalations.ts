import type { DecisionOutcome, SignalLevel } from '@praktijklus/domain';
import { addWorkingDays } from '@praktijklus/reference';
import { DemoRandom } from './demo-random';
import { RATIONALES, REQUESTS } from './demo-vocabulary';
import { SYSTEM_MINISTRY } from './demo-domains';
import type { DemoStep, DemoOptions } from './demo-steps';
import { HOUR, DAY, type PlannedSignal, listIn, capitalise, iso, officer, admin } from './demo-planning';
import { planAgreement } from './demo-agreements';
import { planExperiment } from './demo-experiments';

const ESCALATION_CHANCE: Record<SignalLevel, number> = {
  SYSTEM: 0.22,
  POLICY: 0.12,
  IMPLEMENTATION: 0.05,
  PAPERWORK: 0.025,
};

export function planEscalations(
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
