/**
 * Small discrete distributions over business-day indexes (bin i = "i business days"). Weights need not
 * sum to one; every reader normalises over the bins it looks at, which is how conditioning on
 * "not delivered yet" (index ≥ from) costs nothing extra.
 */

/** Guards the ≥ comparisons against float dust from decayed weights. */
const EPS = 1e-9;

export function totalMass(weights: ArrayLike<number>, from = 0): number {
  let sum = 0;
  for (let i = Math.max(0, from); i < weights.length; i += 1) sum += weights[i] ?? 0;
  return sum;
}

export function massBetween(weights: ArrayLike<number>, lo: number, hi: number): number {
  let sum = 0;
  for (let i = Math.max(0, lo); i <= hi && i < weights.length; i += 1) sum += weights[i] ?? 0;
  return sum;
}

/**
 * The smallest index k ≥ from with P(X ≤ k | X ≥ from) ≥ q. Returns null when there is no mass at or
 * after `from` (the history has never seen a parcel take this long).
 */
export function quantileFrom(weights: ArrayLike<number>, q: number, from = 0): number | null {
  const mass = totalMass(weights, from);
  if (mass <= 0) return null;
  const target = Math.min(1, Math.max(0, q)) * mass;
  let cumulative = 0;
  let last: number | null = null;
  for (let i = Math.max(0, from); i < weights.length; i += 1) {
    const w = weights[i] ?? 0;
    if (w <= 0) continue;
    cumulative += w;
    last = i;
    if (cumulative >= target - EPS * mass) return i;
  }
  return last;
}

/**
 * The shortest run of indexes [lo, hi] (lo ≥ from) holding at least `coverage` of the mass at or after
 * `from`; ties go to the earliest run. For a right-skewed transit distribution this hugs the bulk
 * instead of wasting width on a symmetric lower tail. Null when there is no mass.
 */
export function shortestInterval(weights: ArrayLike<number>, coverage: number, from = 0): { lo: number; hi: number } | null {
  const start = Math.max(0, from);
  const mass = totalMass(weights, start);
  if (mass <= 0) return null;
  // At least one bin, however small the coverage asked for.
  const need = Math.max(Math.min(1, coverage) * mass - EPS * mass, Number.MIN_VALUE);
  let best: { lo: number; hi: number } | null = null;
  let hi = start - 1;
  let inside = 0;
  for (let lo = start; lo < weights.length; lo += 1) {
    while (inside < need && hi + 1 < weights.length) {
      hi += 1;
      inside += weights[hi] ?? 0;
    }
    if (inside < need) break;
    if (!best || hi - lo < best.hi - best.lo) best = { lo, hi };
    inside -= weights[lo] ?? 0;
  }
  if (!best) return null;
  // Trim empty bins at both ends: they add width and no probability.
  while (best.lo < best.hi && (weights[best.lo] ?? 0) <= 0) best.lo += 1;
  while (best.hi > best.lo && (weights[best.hi] ?? 0) <= 0) best.hi -= 1;
  return best;
}

/** Mixes a histogram with a prior distribution: (weights + strength · prior/|prior|) — Bayesian shrinkage. */
export function shrinkToward(weights: ArrayLike<number>, prior: ArrayLike<number>, strength: number): Float64Array {
  const length = Math.max(weights.length, prior.length);
  const out = new Float64Array(length);
  const priorMass = totalMass(prior);
  const scale = priorMass > 0 ? strength / priorMass : 0;
  for (let i = 0; i < length; i += 1) out[i] = (weights[i] ?? 0) + (prior[i] ?? 0) * scale;
  return out;
}

export function scaled(weights: ArrayLike<number>, factor: number): Float64Array {
  const out = new Float64Array(weights.length);
  for (let i = 0; i < weights.length; i += 1) out[i] = (weights[i] ?? 0) * factor;
  return out;
}

/** Uniform weight over [lo, hi]: the "we know nothing but a range" prior. */
export function uniformBetween(lo: number, hi: number): Float64Array {
  const out = new Float64Array(hi + 1);
  for (let i = Math.max(0, lo); i <= hi; i += 1) out[i] = 1;
  return out;
}

/** Halves every `halfLifeDays`: the weight of an observation `ageDays` old. */
export function decay(ageDays: number, halfLifeDays: number): number {
  return Math.pow(2, -ageDays / halfLifeDays);
}

/**
 * The distribution of X + Y for independent X ~ a and Y ~ b (discrete convolution). Weights are kept as
 * given (the result's mass is the product of the masses). Used to combine handling and transit: adding
 * two quantiles instead would pad the promise by both tails at once.
 */
export function convolve(a: ArrayLike<number>, b: ArrayLike<number>): Float64Array {
  if (a.length === 0 || b.length === 0) return new Float64Array(0);
  const out = new Float64Array(a.length + b.length - 1);
  for (let i = 0; i < a.length; i += 1) {
    const wa = a[i] ?? 0;
    if (wa === 0) continue;
    for (let j = 0; j < b.length; j += 1) out[i + j] += wa * (b[j] ?? 0);
  }
  return out;
}

/** The weights with every bin below `from` emptied: "it has not happened before index `from`". */
export function conditionedFrom(weights: ArrayLike<number>, from: number): Float64Array {
  const out = new Float64Array(weights.length);
  for (let i = Math.max(0, from); i < weights.length; i += 1) out[i] = weights[i] ?? 0;
  return out;
}
