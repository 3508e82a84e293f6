/**
 * Reading lane statistics: one distribution for a shipment, blended along its fall-back chain.
 *
 * Instead of a hard "use the lane if it has ≥ N deliveries, else the next level", each level is shrunk
 * toward the level below it (global toward a prior): p_level = (weights + k · p_parent) / (n + k).
 * A lane with 3 recent deliveries therefore nudges its parent's shape; one with 300 speaks for itself.
 * That degrades gracefully as lanes thin out, which matters more on unseen months than on these.
 */
import { decay, scaled, shrinkToward, totalMass } from "./distribution";
import type { LaneRef } from "./lane-keys";
import type { LanePart, LaneStats } from "./lane-stats";
import type { LaneLevel } from "./types";

export interface BlendOptions {
  /** How many deliveries' worth of trust the parent level gets when mixed into a child (k). */
  strength: number;
  /** The same for the prior under the global level (small: any real history beats a guess). */
  priorStrength: number;
  /** Recent deliveries a level needs before the reason line names it. */
  basisMin: number;
}

export const DEFAULT_BLEND: BlendOptions = { strength: 20, priorStrength: 2, basisMin: 10 };

export interface LaneBasis {
  level: LaneLevel | "prior";
  label: string;
  /** Recency-weighted deliveries at that level. */
  deliveries: number;
}

export interface LaneLookup {
  /** Blended weights over business-day indexes (sum 1). */
  weights: Float64Array;
  basis: LaneBasis;
  /** Recency-weighted deliveries at the basis level (0 with no history). */
  support: number;
}

export function lookupLane(
  stats: LaneStats,
  chain: readonly LaneRef[],
  part: LanePart,
  day: number,
  prior: ArrayLike<number>,
  options: BlendOptions = DEFAULT_BLEND,
): LaneLookup {
  const { weights, counts } = blendChain(stats, chain, part, day, prior, options);
  const basis = pickBasis(chain, counts, options.basisMin);
  return { weights, basis, support: basis.deliveries };
}

/** Any fall-back chain (most specific first, "global" last): the blended weights and each level's recent count. */
export function blendChain(
  stats: LaneStats,
  chain: readonly { level: string; key: string }[],
  part: LanePart,
  day: number,
  prior: ArrayLike<number>,
  options: BlendOptions = DEFAULT_BLEND,
): { weights: Float64Array; counts: number[] } {
  const counts: number[] = [];
  let blended: Float64Array = shrinkToward([], prior, 1);
  for (let i = chain.length - 1; i >= 0; i -= 1) {
    const ref = chain[i];
    const entry = ref ? stats.lanes[ref.key] : undefined;
    const bins = entry?.[part];
    const weights = entry && bins ? scaled(bins, decay(day - entry.day, stats.settings.halfLifeDays)) : new Float64Array(0);
    const n = totalMass(weights);
    counts[i] = n;
    if (n <= 0) continue;
    const k = ref?.level === "global" ? options.priorStrength : options.strength;
    blended = normalised(shrinkToward(weights, blended, k));
  }
  return { weights: blended, counts };
}

function normalised(weights: Float64Array): Float64Array {
  const mass = totalMass(weights);
  if (mass > 0) for (let i = 0; i < weights.length; i += 1) weights[i] = (weights[i] ?? 0) / mass;
  return weights;
}

/** The most specific level with enough recent deliveries to name; else the best-supported one; else the prior. */
function pickBasis(chain: readonly LaneRef[], counts: readonly number[], basisMin: number): LaneBasis {
  let best = -1;
  for (let i = 0; i < chain.length; i += 1) {
    const n = counts[i] ?? 0;
    if (n >= basisMin) {
      best = i;
      break;
    }
    if (n > 0 && (best < 0 || n > (counts[best] ?? 0))) best = i;
  }
  const ref = best >= 0 ? chain[best] : undefined;
  if (!ref) return { level: "prior", label: "none", deliveries: 0 };
  return { level: ref.level, label: ref.label, deliveries: Math.round((counts[best] ?? 0) * 10) / 10 };
}
