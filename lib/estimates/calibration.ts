/**
 * Online calibration of the quantile levels the windows are read at (adaptive conformal inference,
 * Gibbs & Candès 2021): after every known outcome, level += step · (missed − (1 − target)).
 * Misses push the level up a lot, hits pull it down a little, and over any long stretch the miss rate
 * settles at 1 − target whatever the season does to the lanes. It only uses outcomes already known
 * (a delivery, or a promised day that passed undelivered), so it never peeks.
 *
 * Two controllers: `promise` sets the quantile of `latest` for estimates made before hand-off (the
 * on-time promise), `window` sets the coverage of the tight window once the parcel is with the carrier.
 *
 * The default step is 0 (fixed levels): on the Olist history the feedback arrives weeks after the
 * promise (at delivery), so the controller chased the last season instead of the next one and never
 * beat a fixed level (docs/estimates.md has the figures). The state still tracks the recent hit rate,
 * which keeps `confidence` honest; set a step to let the level move.
 */

export interface AdaptiveLevel {
  /** The level in use now (quantile for `promise`, coverage for `window`). */
  level: number;
  /** Share of outcomes that should hold. */
  target: number;
  /** Step size; larger follows faster and jitters more. */
  step: number;
  min: number;
  max: number;
  /** Exponentially weighted recent hit rate (what "confidence" is checked against). */
  recentHitRate: number;
  /** Outcomes seen (undecayed). */
  outcomes: number;
}

export interface Calibration {
  version: 1;
  promise: AdaptiveLevel;
  window: AdaptiveLevel;
}

/** Weight of the newest outcome in `recentHitRate` (~ the last 50 outcomes). */
const RECENT_WEIGHT = 0.02;

export function adaptiveLevel(target: number, level: number, step: number, min = 0.5, max = 0.995): AdaptiveLevel {
  return { level, target, step, min, max, recentHitRate: target, outcomes: 0 };
}

export const DEFAULT_CALIBRATION: Calibration = {
  version: 1,
  promise: adaptiveLevel(0.96, 0.96, 0, 0.9, 0.98),
  window: adaptiveLevel(0.85, 0.85, 0, 0.7, 0.95),
};

export function defaultCalibration(overrides: { promise?: Partial<AdaptiveLevel>; window?: Partial<AdaptiveLevel> } = {}): Calibration {
  return {
    version: 1,
    promise: withinBounds({ ...DEFAULT_CALIBRATION.promise, ...overrides.promise }),
    window: withinBounds({ ...DEFAULT_CALIBRATION.window, ...overrides.window }),
  };
}

/**
 * The default bounds are where the adaptive walk may roam, not a veto on the level a merchant chose:
 * without this, a configured 0.80 or 0.85 was pulled up to the 0.90 floor by the first outcome (even at
 * step 0), so `--promise-level` 0.80, 0.85 and 0.90 gave identical promises.
 */
function withinBounds(state: AdaptiveLevel): AdaptiveLevel {
  return { ...state, min: Math.min(state.min, state.level), max: Math.max(state.max, state.level) };
}

export function recordOutcome(state: AdaptiveLevel, hit: boolean): AdaptiveLevel {
  const missed = hit ? 0 : 1;
  const level = Math.min(state.max, Math.max(state.min, state.level + state.step * (missed - (1 - state.target))));
  return {
    ...state,
    level,
    recentHitRate: state.recentHitRate + RECENT_WEIGHT * ((hit ? 1 : 0) - state.recentHitRate),
    outcomes: state.outcomes + 1,
  };
}

/** A promise made before hand-off was kept (delivered by `latest`) or broken. */
export function recordPromiseOutcome(calibration: Calibration, onTime: boolean): Calibration {
  return { ...calibration, promise: recordOutcome(calibration.promise, onTime) };
}

/** A window given once shipped held the delivery (inside [earliest, latest]) or not. */
export function recordWindowOutcome(calibration: Calibration, inside: boolean): Calibration {
  return { ...calibration, window: recordOutcome(calibration.window, inside) };
}
