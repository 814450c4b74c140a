import { betaQuantile, logGamma, poissonRateRatio, regularisedBeta } from './rate-ratio';

/**
 * [after, before, lower, upper] of the exact 95 % interval for the rate ratio after / before.
 * Computed with SciPy 1.17.1 as q = scipy.stats.beta.ppf(0.025, after, before + 1) and
 * scipy.stats.beta.ppf(0.975, after + 1, before), ratio = q / (1 − q): the Clopper–Pearson bounds R's
 * binom.test uses inside poisson.test(c(after, before)). Cross-check from R's own documentation
 * example: binom.test(5, 10) gives 0.1870860–0.8129140, i.e. 0.2301425–4.345135 for 5 against 5.
 */
const REFERENCE: Array<[number, number, number, number | null]> = [
  [5, 10, 0.13409686459458373, 1.6054983712092294],
  [10, 5, 0.6228595543493572, 7.457295910857487],
  [0, 7, 0, 0.6938139800964523],
  [7, 0, 1.441308518835239, null],
  [1, 1, 0.012739367083666617, 78.49683531626285],
  [30, 60, 0.31135919751166985, 0.7874678331943099],
  [120, 100, 0.9126057783465223, 1.5807420070202758],
  [3, 17, 0.033133561556885266, 0.6101162354792333],
  [4000, 4200, 0.9117936081295765, 0.9947635180772278],
  [499000, 501000, 0.9921093506884949, 0.9999219300115338],
  [1, 999999, 2.5317808304785576e-8, 5.571661698408058e-6],
  [5, 5, 0.23014246893810794, 4.345134579523997],
];

const closeTo = (actual: number | null, expected: number | null): void => {
  if (expected === null) {
    expect(actual).toBeNull();
    return;
  }
  expect(actual).not.toBeNull();
  // Exact to 1e-6, relative, so the tiny bounds of very unequal counts are held as tightly.
  expect(Math.abs((actual ?? NaN) - expected)).toBeLessThanOrEqual(1e-6 * Math.abs(expected));
};

describe('poissonRateRatio', () => {
  it.each(REFERENCE)(
    'after %d, before %d: interval %d–%s as SciPy/R compute it',
    (after, before, lower, upper) => {
      const ratio = poissonRateRatio(after, before);
      closeTo(ratio.lower, lower);
      closeTo(ratio.upper, upper);
      expect(ratio.rateRatio).toBe(before === 0 ? null : after / before);
    },
  );

  it('matches the binom.test(5, 10) example of R', () => {
    const { lower, upper } = poissonRateRatio(5, 5);
    expect(lower! / (1 + lower!)).toBeCloseTo(0.187086, 6);
    expect(upper! / (1 + upper!)).toBeCloseTo(0.812914, 6);
  });

  it('has no ratio and no interval when both counts are 0', () => {
    expect(poissonRateRatio(0, 0)).toEqual({ rateRatio: null, lower: null, upper: null });
  });

  it('gives ratio 0 with lower bound 0 when nothing came after', () => {
    expect(poissonRateRatio(0, 7)).toMatchObject({ rateRatio: 0, lower: 0 });
  });
});

describe('the special functions under it', () => {
  it('computes ln Γ on both sides of the switch to Stirling', () => {
    expect(logGamma(1)).toBeCloseTo(0, 12);
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 12);
    expect(logGamma(10)).toBeCloseTo(Math.log(362880), 12);
    expect(logGamma(12)).toBeCloseTo(Math.log(39916800), 11);
  });

  it('computes I_x(a, b) against closed forms and inverts it', () => {
    // I_x(1, b) = 1 − (1 − x)^b and I_x(a, 1) = x^a.
    expect(regularisedBeta(0.3, 1, 4)).toBeCloseTo(1 - 0.7 ** 4, 14);
    expect(regularisedBeta(0.3, 3, 1)).toBeCloseTo(0.3 ** 3, 14);
    expect(regularisedBeta(0.9, 1, 4)).toBeCloseTo(1 - 0.1 ** 4, 14);
    expect(betaQuantile(0.027, 3, 1)).toBeCloseTo(0.3, 12);
  });
});
