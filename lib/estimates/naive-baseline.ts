/**
 * The simple method every estimate has to beat (issue 13): the level-q empirical quantile of calendar
 * days purchase → delivery over the deliveries completed in the last `windowDays` before the purchase,
 * on the lane origin state → destination state, falling back to the destination state and then to
 * everything when a level has fewer than `minDeliveries`. No business days, no holidays, no decay.
 *
 * Kept as one sliding window of count histograms per key, so the backtest can score it next to ours in
 * the same sweep: adding a delivery is O(levels), reading a quantile O(bins), and deliveries leave the
 * window as time passes (the sweep is in time order, so a FIFO of completed deliveries is enough).
 */

export interface NaiveBaselineSettings {
  /** Deliveries completed in the last this many days count. */
  windowDays: number;
  /** A level needs at least this many deliveries in the window, else its parent speaks. */
  minDeliveries: number;
}

export const DEFAULT_NAIVE_SETTINGS: NaiveBaselineSettings = { windowDays: 60, minDeliveries: 30 };

/** Calendar days; the last bin is open-ended (a 4-month delivery is as useless as a 6-month one). */
const BINS = 180;

interface Held {
  deliveredDay: number;
  keys: string[];
  bin: number;
}

export interface NaiveBaseline {
  settings: NaiveBaselineSettings;
  counts: Map<string, { n: number; bins: Int32Array }>;
  /** Completed deliveries still in the window, oldest first (`head` is the next to leave). */
  held: Held[];
  head: number;
}

export interface NaiveLane {
  origin: string | null;
  destination: string | null;
}

export function emptyNaiveBaseline(settings: Partial<NaiveBaselineSettings> = {}): NaiveBaseline {
  return { settings: { ...DEFAULT_NAIVE_SETTINGS, ...settings }, counts: new Map(), held: [], head: 0 };
}

/** Most specific first; unknown parts skip their level rather than pooling "unknown" parcels together. */
function keysOf(lane: NaiveLane): string[] {
  const keys: string[] = [];
  if (lane.origin && lane.destination) keys.push(`${lane.origin}>${lane.destination}`);
  if (lane.destination) keys.push(`>${lane.destination}`);
  keys.push("*");
  return keys;
}

/** A delivery completed on `deliveredDay` (day numbers, local calendar). Call in time order. */
export function addNaiveDelivery(state: NaiveBaseline, lane: NaiveLane, purchaseDay: number, deliveredDay: number): void {
  const keys = keysOf(lane);
  const bin = Math.min(BINS - 1, Math.max(0, deliveredDay - purchaseDay));
  for (const key of keys) {
    let entry = state.counts.get(key);
    if (!entry) {
      entry = { n: 0, bins: new Int32Array(BINS) };
      state.counts.set(key, entry);
    }
    entry.n += 1;
    entry.bins[bin] = (entry.bins[bin] ?? 0) + 1;
  }
  state.held.push({ deliveredDay, keys, bin });
}

/** Drops deliveries completed before `day − windowDays`: "the last W days before the purchase". */
function expire(state: NaiveBaseline, day: number): void {
  const oldest = day - state.settings.windowDays;
  while (state.head < state.held.length) {
    const held = state.held[state.head];
    if (!held || held.deliveredDay >= oldest) break;
    for (const key of held.keys) {
      const entry = state.counts.get(key);
      if (!entry) continue;
      entry.n -= 1;
      entry.bins[held.bin] = (entry.bins[held.bin] ?? 0) - 1;
    }
    state.head += 1;
  }
  // Compact now and then so a long sweep does not keep every delivery it ever saw.
  if (state.head > 4096 && state.head * 2 > state.held.length) {
    state.held = state.held.slice(state.head);
    state.head = 0;
  }
}

/**
 * The promised day (day number) at each level for an order bought on `purchaseDay`; null per level when
 * the window holds no delivery at all.
 */
export function naivePromise(state: NaiveBaseline, lane: NaiveLane, purchaseDay: number, levels: readonly number[]): (number | null)[] {
  expire(state, purchaseDay);
  // A young history where even "everything" is below the minimum still answers from everything.
  const entry =
    keysOf(lane)
      .map((key) => state.counts.get(key))
      .find((candidate) => candidate !== undefined && candidate.n >= state.settings.minDeliveries) ?? state.counts.get("*");
  if (!entry || entry.n === 0) return levels.map(() => null);
  return levels.map((level) => purchaseDay + quantileOfCounts(entry.bins, entry.n, level));
}

/** Smallest d with share(≤ d) ≥ level: "delivered within d days" held for at least that share. */
function quantileOfCounts(bins: Int32Array, n: number, level: number): number {
  const need = level * n;
  let seen = 0;
  for (let d = 0; d < bins.length; d += 1) {
    seen += bins[d] ?? 0;
    if (seen >= need - 1e-9) return d;
  }
  return bins.length - 1;
}
