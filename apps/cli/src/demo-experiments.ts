import type { LegalRoute, PolicyConsequence } from '@praktijklus/domain';
import { DemoRandom } from './demo-random';
import { CONSEQUENCE_RATIONALES } from './demo-vocabulary';
import type { DemoStep } from './demo-steps';
import { HOUR, DAY, type PlannedSignal, iso, dayOf, addDays, middayOf, admin } from './demo-planning';

export function planExperiment(
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
