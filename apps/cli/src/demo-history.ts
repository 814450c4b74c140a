import { deterministicUuid } from '@praktijklus/commands';
import { DemoRandom } from './demo-random';
import type { DemoStep, DemoOptions } from './demo-steps';
import { MINUTE, DAY } from './demo-planning';
import { planSignals, planSignalAftercare } from './demo-signals';
import { planEscalations } from './demo-escalations';

export type { DemoOptions, DemoStep } from './demo-steps';
export { summariseDemoHistory, type DemoSummary } from './demo-summary';

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
