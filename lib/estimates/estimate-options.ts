/**
 * The knobs of the estimator, with the defaults the backtest was run with. Product choices (how wide
 * an exception makes the window) rather than fitted constants; the quantile levels themselves come
 * from calibration.ts and adapt online.
 */
import { DEFAULT_FUSION, type FusionOptions } from "./fusion";
import { DEFAULT_BLEND, type BlendOptions } from "./lanes";

export interface EstimateOptions {
  blend: BlendOptions;
  fusion: FusionOptions;
  /** Quantile of `earliest` for estimates made before hand-off (the promise cares about `latest`). */
  earliestLevel: number;
  /** Transit a brand-new merchant is assumed to need, business days [min, max], until history exists. */
  priorTransit: readonly [number, number];
  /** On an exception or a stall, `latest` moves to at least this quantile … */
  widenLevel: number;
  /** … plus this many business days. */
  widenPadDays: number;
  /** Quantile of the lane's longest quiet stretch beyond which a silent parcel counts as stalled. */
  quietLevel: number;
  /** Stall threshold (business days without a scan) when the lane has no scan history. */
  defaultQuietDays: number;
  /** Recent deliveries with scans the lane needs before its own quiet threshold is used. */
  quietMinDeliveries: number;
  /** Business days past today given to a parcel that has outlived all history. */
  overdueDays: number;
  /**
   * Before hand-off, read the window off handling (per shipper) ⊗ transit (per lane) — the distribution
   * of their sum — instead of the lane's order → delivery history, when both parts have history.
   */
  decompose: boolean;
  /**
   * Once shipped: null = the shortest run of days holding the window level; [lo, hi] = those two
   * quantiles of the remaining transit instead (the window level is then ignored).
   */
  windowQuantiles: readonly [number, number] | null;
  /**
   * With the shop's `promisedBy` date: flag `running_late` once the chance of arriving by it falls below
   * this. The early-warning trade-off (late orders flagged ahead vs on-time orders flagged for nothing).
   */
  promiseAlarmBelow: number;
}

export const DEFAULT_ESTIMATE_OPTIONS: EstimateOptions = {
  blend: DEFAULT_BLEND,
  fusion: DEFAULT_FUSION,
  earliestLevel: 0.1,
  priorTransit: [1, 8],
  widenLevel: 0.98,
  widenPadDays: 2,
  quietLevel: 0.95,
  defaultQuietDays: 3,
  quietMinDeliveries: 10,
  overdueDays: 3,
  decompose: true,
  windowQuantiles: null,
  promiseAlarmBelow: 0.4,
};

export function resolveOptions(options: Partial<EstimateOptions> = {}): EstimateOptions {
  return {
    ...DEFAULT_ESTIMATE_OPTIONS,
    ...options,
    blend: { ...DEFAULT_ESTIMATE_OPTIONS.blend, ...options.blend },
    fusion: { ...DEFAULT_ESTIMATE_OPTIONS.fusion, ...options.fusion },
  };
}
