/**
 * Moving a lane's distribution by what happened to the whole merchant: each bin's mass goes to where its
 * quantile under `from` (the completed-deliveries history at the global level) lands under `to` (the
 * current, censoring-aware curve at the same level). A lane that sits at the global 90% quantile stays at
 * the 90% quantile of the current curve, so a slowdown or a recovery seen in the cohorts still on their
 * way reaches every lane, while each lane keeps its own place relative to the rest. With `from` = `to` it
 * is the identity; a lane equal to `from` comes out as `to`. O(bins).
 */

/** P(X ≤ k) for k = 0 … length − 1, normalised; null when there is no mass. */
function cumulative(weights: ArrayLike<number>): Float64Array | null {
  const out = new Float64Array(weights.length);
  let sum = 0;
  for (let k = 0; k < weights.length; k += 1) {
    sum += Math.max(0, weights[k] ?? 0);
    out[k] = sum;
  }
  if (sum <= 0) return null;
  for (let k = 0; k < out.length; k += 1) out[k] = (out[k] ?? 0) / sum;
  out[out.length - 1] = 1;
  return out;
}

/** Many lanes are moved by the same pair of references: their cumulative sums are remembered per pair. */
const lastPair = new WeakMap<object, { from: ArrayLike<number>; f: Float64Array | null; g: Float64Array | null }>();

function references(from: ArrayLike<number>, to: ArrayLike<number>) {
  const hit = lastPair.get(to);
  if (hit && hit.from === from) return hit;
  const pair = { from, f: cumulative(from), g: cumulative(to) };
  lastPair.set(to, pair);
  return pair;
}

/**
 * `weights` with each bin's mass spread over the bins of `to` whose quantile range overlaps that bin's
 * quantile range under `from` ([F(k − 1), F(k)]). Returns a copy of `weights` when either reference has
 * no mass (nothing to transfer by).
 */
export function transferQuantiles(weights: ArrayLike<number>, from: ArrayLike<number>, to: ArrayLike<number>): Float64Array {
  const { f, g } = references(from, to);
  if (!f || !g) return Float64Array.from({ length: weights.length }, (_, k) => weights[k] ?? 0);
  const out = new Float64Array(g.length);
  const last = g.length - 1;
  let j = 0;
  for (let k = 0; k < weights.length; k += 1) {
    const w = weights[k] ?? 0;
    if (w <= 0) continue;
    // Past the end of `from` every quantile is 1: such mass goes where `to` ends.
    const lo = k === 0 ? 0 : k - 1 < f.length ? (f[k - 1] ?? 1) : 1;
    const hi = k < f.length ? (f[k] ?? 1) : 1;
    while (j < last && (g[j] ?? 1) <= lo) j += 1;
    if (hi - lo <= 1e-12) {
      // A bin the reference never saw: its single quantile picks one bin.
      out[j] = (out[j] ?? 0) + w;
      continue;
    }
    for (let m = j; m <= last; m += 1) {
      const gl = m === 0 ? 0 : (g[m - 1] ?? 0);
      const gh = g[m] ?? 1;
      const overlap = Math.min(hi, gh) - Math.max(lo, gl);
      if (overlap > 0) out[m] = (out[m] ?? 0) + (w * overlap) / (hi - lo);
      if (gh >= hi) break;
    }
  }
  return out;
}
