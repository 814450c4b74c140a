/**
 * The exact 95 % interval for the ratio of two Poisson rates over equal windows, as R's
 * `poisson.test(c(after, before))` gives it: conditional on n = before + after, after is
 * Binomial(n, p) with p = ratio / (1 + ratio); the Clopper–Pearson bounds for p come from the beta
 * quantiles, found by bisection on the regularised incomplete beta, and map back by ratio = p / (1 − p).
 */

export interface RateRatio {
  /** after / before; null when before is 0 (infinite, or undefined with both 0). */
  rateRatio: number | null;
  /** null only when both counts are 0. */
  lower: number | null;
  /** null when before is 0: no upper bound (infinite). */
  upper: number | null;
}

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0: Lanczos (g = 7) for small x, Stirling's series where it is more precise. */
export const logGamma = (x: number): number => {
  if (x >= 10) {
    const inverse = 1 / x;
    const inverse2 = inverse * inverse;
    const series =
      inverse *
      (1 / 12 - inverse2 * (1 / 360 - inverse2 * (1 / 1260 - inverse2 * (1 / 1680 - inverse2 / 1188))));
    return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + series;
  }
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const shifted = x - 1;
  let sum = LANCZOS[0];
  for (let i = 1; i < LANCZOS.length; i += 1) sum += LANCZOS[i] / (shifted + i);
  const t = shifted + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (shifted + 0.5) * Math.log(t) - t + Math.log(sum);
};

const TINY = 1e-300;

/** The continued fraction of the incomplete beta (modified Lentz), valid for x < (a + 1) / (a + b + 2). */
const betaContinuedFraction = (a: number, b: number, x: number): number => {
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let result = d;
  // Converges in O(√max(a, b)) steps; 10^6 counts need a few thousand.
  for (let m = 1; m <= 1_000_000; m += 1) {
    const m2 = 2 * m;
    let term = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + term * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + term / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    result *= d * c;
    term = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + term * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + term / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const step = d * c;
    result *= step;
    if (Math.abs(step - 1) < 1e-16) return result;
  }
  return result;
};

/** The regularised incomplete beta I_x(a, b) for a, b > 0 and 0 ≤ x ≤ 1. */
export const regularisedBeta = (x: number, a: number, b: number): number => {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const logFront = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x);
  const front = Math.exp(logFront);
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(a, b, x)) / a;
  return 1 - (front * betaContinuedFraction(b, a, 1 - x)) / b;
};

/** The p with I_p(a, b) = target, by bisection (I is increasing in p) to a relative 1e-14. */
export const betaQuantile = (target: number, a: number, b: number): number => {
  let low = 0;
  let high = 1;
  for (let step = 0; step < 1100; step += 1) {
    const middle = (low + high) / 2;
    if (middle === low || middle === high || high - low <= 1e-14 * high) break;
    if (regularisedBeta(middle, a, b) < target) low = middle;
    else high = middle;
  }
  return (low + high) / 2;
};

const oddsOf = (p: number): number | null => (p >= 1 ? null : p / (1 - p));

/** The rate ratio after / before and its exact `confidence` interval (two-sided, default 95 %). */
export function poissonRateRatio(after: number, before: number, confidence = 0.95): RateRatio {
  const n = after + before;
  if (n === 0) return { rateRatio: null, lower: null, upper: null };
  const alpha = 1 - confidence;
  const lowerP = after === 0 ? 0 : betaQuantile(alpha / 2, after, before + 1);
  const upperP = before === 0 ? 1 : betaQuantile(1 - alpha / 2, after + 1, before);
  return {
    rateRatio: before === 0 ? null : after / before,
    lower: oddsOf(lowerP),
    upper: oddsOf(upperP),
  };
}
