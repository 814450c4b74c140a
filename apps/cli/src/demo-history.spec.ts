import { planDemoHistory, summariseDemoHistory, type DemoOptions, type DemoStep } from './demo-history';

const options: DemoOptions = {
  signals: 3000,
  seed: 2026,
  now: new Date('2026-11-20T10:00:00Z'),
  responseWorkingDays: 20,
};

const nowOf = (step: DemoStep): string => ('command' in step ? step.command.now : step.now);

describe('planDemoHistory', () => {
  const steps = planDemoHistory(options);

  it('plans the same history for the same options and another for another seed', () => {
    expect(planDemoHistory(options)).toEqual(steps);
    expect(planDemoHistory({ ...options, seed: 7 })).not.toEqual(steps);
  });

  it('orders the commands in time, each given at its own moment, none after now', () => {
    const times = steps.map((step) => step.at);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(Math.max(...times)).toBeLessThan(options.now.getTime());
    for (const step of steps) expect(Date.parse(nowOf(step))).toBe(step.at);
  });

  it('spreads signals over eighteen months, more of them recently', () => {
    const recorded = steps.filter((step) => step.kind === 'signal' && step.command.type === 'RecordSignal');
    expect(recorded).toHaveLength(3000);
    const ageDays = recorded.map((step) => (options.now.getTime() - step.at) / 86_400_000);
    expect(Math.max(...ageDays)).toBeGreaterThan(450);
    expect(Math.max(...ageDays)).toBeLessThanOrEqual(541);
    expect(ageDays.filter((days) => days < 180).length).toBeGreaterThan(
      ageDays.filter((days) => days > 360).length,
    );
  });

  it('leaves every status the views show, overdue ones included', () => {
    const summary = summariseDemoHistory(steps, options.now);
    for (const count of Object.values(summary.escalations)) expect(count).toBeGreaterThan(5);
    for (const count of Object.values(summary.agreements)) expect(count).toBeGreaterThan(0);
    for (const count of Object.values(summary.experiments)) expect(count).toBeGreaterThan(0);
    expect(summary.overdueEscalations).toBeGreaterThan(10);
    expect(summary.transfers).toBeGreaterThan(5);
    expect(summary.overdueAgreements).toBeGreaterThan(0);
    expect(summary.followUpsOverdue).toBeGreaterThan(0);
    expect(summary.overdueExperiments).toBeGreaterThan(0);
    expect(summary.withdrawn).toBeGreaterThan(0);
    expect(summary.duplicates).toBeGreaterThan(0);
  });

  it('lets conflicting-norm pairs recur, the most frequent pair many times', () => {
    const pairs = new Map<string, number>();
    for (const step of steps) {
      if (step.kind !== 'signal' || step.command.type !== 'RecordSignal') continue;
      if (step.command.data.type !== 'CONFLICTING_NORMS') continue;
      const key = step.command.data.norms
        .slice(0, 2)
        .map((norm) => norm.ref)
        .sort()
        .join(' × ');
      pairs.set(key, (pairs.get(key) ?? 0) + 1);
    }
    const counts = [...pairs.values()].sort((a, b) => b - a);
    expect(counts[0]).toBeGreaterThan(50);
    expect(counts.filter((count) => count >= 10).length).toBeGreaterThanOrEqual(5);
  });

  it('keeps personal data out of the commands, only a vault reference in them', () => {
    const withInitiative = steps.filter(
      (step) =>
        step.kind === 'signal' && step.command.type === 'RecordSignal' && step.initiative !== undefined,
    );
    expect(withInitiative.length).toBeGreaterThan(500);
    for (const step of withInitiative) {
      if (step.kind !== 'signal' || step.command.type !== 'RecordSignal' || !step.initiative) continue;
      expect(step.command.data.initiative?.personalDataRef).toMatch(
        new RegExp(`^initiative/${step.signalId}/`),
      );
      expect(JSON.stringify(step.command)).not.toContain(step.initiative.name);
    }
  });
});
