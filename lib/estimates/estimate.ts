/**
 * estimateDelivery: the delivery window for one shipment at one moment, from the merchant's own lane
 * history. Pure: `now`, the time zones and every piece of state come in as arguments.
 *
 * Before hand-off the window is read off handling (per shipper) ⊗ transit (per lane) — the distribution of
 * their sum — or, without that history, the lane's "total" (handling start → delivered); once the carrier
 * has it, off the "transit" distribution (hand-off → delivered). Either way it is conditioned on
 * "not delivered before today", which is what makes re-estimating on every event narrow the window as
 * days pass and keeps it out of the past. Days are destination business days, so weekends and
 * holidays on the way stretch the window by themselves.
 */
import {
  addBusinessDays,
  businessCalendar,
  dayAt,
  expectedShipDay,
  handlingStartDay,
  indexOf,
  type BusinessCalendar,
} from "./business-days";
import { DEFAULT_CALIBRATION, type AdaptiveLevel } from "./calibration";
import { carrierRecord } from "./carrier-track";
import { conditionedFrom, convolve, massBetween, quantileFrom, shortestInterval, totalMass, uniformBetween } from "./distribution";
import { resolveOptions, type EstimateOptions } from "./estimate-options";
import { fuseWithCarrier } from "./fusion";
import { chanceBeyondHistory, chanceByDay } from "./promise-chance";
import { GLOBAL_KEY, handlingChain, laneChain, type LaneRef } from "./lane-keys";
import { transferQuantiles } from "./quantile-transfer";
import { blendChain, lookupLane, type LaneLookup } from "./lanes";
import { finish, missedPromise, outForDelivery, type Context } from "./estimate-outcome";
import { localDayOf, toDayNumber } from "./local-date";
import { checkStall, type StallCheck } from "./stall";
import type { Estimate, EstimateFlag, EstimateInput } from "./types";

/** Which history a window is read from and how. */
interface HistoryModel {
  part: "total" | "transit";
  /** Day the business-day indexes count from. */
  base: number;
  /** No earlier than the day the merchant can hand it over (before hand-off only). */
  floor: number | null;
  prior: Float64Array;
  controller: AdaptiveLevel;
  /** Once shipped: the shortest window holding `level` of the mass; before: [earliestLevel, level] quantiles. */
  tight: boolean;
}

export function estimateDelivery(input: EstimateInput, now: Date, options: Partial<EstimateOptions> = {}): Estimate {
  const [estimate] = estimateAtLevels(input, now, [null], options);
  if (!estimate) throw new Error("unreachable: one level in, one estimate out");
  return estimate;
}

/**
 * The same estimate read at several levels (the promise's quantile before hand-off, the window's coverage
 * once shipped) from one distribution: the frontier a merchant picks a point on, and the backtest's
 * `--levels`, at the cost of one lookup and convolution.
 */
export function estimateDeliveryAtLevels(input: EstimateInput, now: Date, levels: readonly number[], options: Partial<EstimateOptions> = {}): Estimate[] {
  return estimateAtLevels(input, now, levels, options);
}

/** `null` = the level the calibration holds now. */
function estimateAtLevels(input: EstimateInput, now: Date, levels: readonly (number | null)[], options: Partial<EstimateOptions>): Estimate[] {
  const { route } = input;
  const calendar = businessCalendar(route.destination, input.lanes.settings.calendar);
  const context: Context = {
    today: localDayOf(now, route.destination.timeZone),
    calendar,
    chain: laneChain(route),
    options: resolveOptions(options),
  };
  if (input.stage === "out_for_delivery") {
    const scan = outForDelivery(input, context);
    return levels.map(() => scan);
  }

  const calibrated = historyModel(input, context);
  const lookup = lookupLane(input.lanes, context.chain, calibrated.part, context.today, calibrated.prior, context.options.blend);
  lookup.weights = withCurrent(lookup.weights, input, calibrated.part, context.chain);
  const elapsed = indexOf(calibrated.base, context.today, calendar);
  const decomposed = calibrated.part === "total" && context.options.decompose ? decomposedTotal(input, context, calibrated, now) : null;
  if (decomposed) lookup.weights = decomposed.fromStart;
  // What is still possible now (the same as from the start unless the merchant is still handling it).
  const weights = decomposed?.now ?? lookup.weights;
  const stall = checkStall(input, context.today, calendar, context.chain, context.options);
  const baseFlags: EstimateFlag[] = [];
  if (lookup.basis.level === "prior") baseFlags.push("no_history");
  if (input.stage === "exception") baseFlags.push("exception");
  if (stall.stalled) baseFlags.push("stalled");
  return levels.map((level) => {
    const model = level === null ? calibrated : { ...calibrated, controller: { ...calibrated.controller, level } };
    return readEstimate(input, context, { model, lookup, weights, elapsed, stall, flags: [...baseFlags] });
  });
}

interface Reading {
  model: HistoryModel;
  lookup: LaneLookup;
  weights: Float64Array;
  elapsed: number;
  stall: StallCheck;
  flags: EstimateFlag[];
}

function readEstimate(input: EstimateInput, context: Context, reading: Reading): Estimate {
  const { route } = input;
  const { calendar } = context;
  const { model, lookup, weights, elapsed, stall, flags } = reading;
  const range = readRange(weights, model, elapsed, context.options);
  const promisedDay = input.promisedBy ? toDayNumber(input.promisedBy) : null;
  const chance =
    promisedDay === null
      ? undefined
      : (chanceByDay(weights, model.base, elapsed, promisedDay, calendar) ??
        chanceBeyondHistory(context.today, promisedDay, context.options.overdueDays, calendar));
  if (!range) return beyondHistory(input, context, lookup, flags, chance);
  const widen = flags.includes("exception") || flags.includes("stalled");
  const hi = widen ? Math.max(range.hi, quantileFrom(weights, context.options.widenLevel, elapsed) ?? range.hi) + context.options.widenPadDays : range.hi;
  const remaining = totalMass(weights, elapsed);
  const inWindow = massBetween(weights, range.lo, hi) / remaining;

  let earliest = dayAt(model.base, range.lo, calendar);
  let latest = dayAt(model.base, hi, calendar);
  if (model.floor !== null) earliest = Math.max(earliest, model.floor);
  latest = Math.max(latest, earliest);

  let carrierWeight = 0;
  if (input.carrierEstimate && route.carrier) {
    const record = carrierRecord(input.carrierTrack, route.carrier, context.today);
    const levels = { lower: context.options.earliestLevel, upper: model.controller.level };
    const fused = fuseWithCarrier({ earliest, latest }, toDayNumber(input.carrierEstimate), record, levels, calendar, context.options.fusion);
    ({ earliest, latest } = fused);
    carrierWeight = fused.weight;
  }

  const missedLatest = missedPromise(input, context.today);
  if (missedLatest || (!input.previouslyShown && context.today > promisedAtStageStart(lookup, model, calendar))) flags.push("running_late");
  const behindPromise = chance !== undefined && chance < context.options.promiseAlarmBelow ? (input.promisedBy ?? undefined) : undefined;
  if (behindPromise && !flags.includes("running_late")) flags.push("running_late");
  // Judged unlikely to make the shop's date: a window still ending before it would contradict the warning.
  const hasReason = widen || missedLatest !== undefined || behindPromise !== undefined || handedOverLate(input);
  ({ earliest, latest } = keepPromise({ earliest, latest }, input, hasReason));

  // Never a window in the past: an undelivered parcel can at the earliest arrive today.
  earliest = Math.max(earliest, context.today);
  latest = Math.max(latest, earliest);

  const support = lookup.support;
  const confidence = confidenceOf(inWindow, support, model.controller, flags);
  const cdfAtHi = massBetween(weights, elapsed, hi) / remaining;
  return finish(input, context, { earliest, latest, confidence, flags, lookup, carrierWeight, latestLevel: cdfAtHi, stall, missedLatest, chance, behindPromise });
}

function historyModel(input: EstimateInput, context: Context): HistoryModel {
  const { route, merchant } = input;
  const originCalendar = businessCalendar(route.origin, input.lanes.settings.calendar);
  const [minTransit, maxTransit] = context.options.priorTransit;
  const calibration = input.calibration ?? DEFAULT_CALIBRATION;
  // Without a hand-off time the parcel is treated as not shipped: the handling part stays in the window.
  if (input.stage === "ordered" || !input.shippedAt) {
    return {
      part: "total",
      base: handlingStartDay(input.orderedAt, merchant, route.origin, originCalendar),
      floor: expectedShipDay(input.orderedAt, merchant, route.origin, originCalendar),
      prior: uniformBetween(merchant.handlingDays + minTransit, merchant.handlingDays + maxTransit),
      controller: calibration.promise,
      tight: false,
    };
  }
  return {
    part: "transit",
    base: localDayOf(input.shippedAt, route.origin.timeZone),
    floor: null,
    prior: uniformBetween(minTransit, maxTransit),
    controller: calibration.window,
    tight: true,
  };
}

/**
 * Before hand-off: handling (order → hand-off, learned per shipper, falling back to the origin region and
 * everything) convolved with transit (hand-off → delivery, per lane), both on the business-day grid
 * counted from the handling start. While the order waits for the merchant (`ordered`), handling is
 * conditioned on "not handed over before today". Null when either part has no history (then `total`).
 */
function decomposedTotal(input: EstimateInput, context: Context, model: HistoryModel, now: Date): { fromStart: Float64Array; now: Float64Array } | null {
  const { route } = input;
  const { blend, priorTransit } = context.options;
  const handlingPrior = uniformBetween(input.merchant.handlingDays, input.merchant.handlingDays);
  const handling = blendChain(input.lanes, handlingChain(route), "handling", context.today, handlingPrior, blend);
  const transit = blendChain(input.lanes, context.chain, "transit", context.today, uniformBetween(priorTransit[0], priorTransit[1]), blend);
  if (!handling.counts.some((n) => n > 0) || !transit.counts.some((n) => n > 0)) return null;
  handling.weights = withCurrent(handling.weights, input, "handling");
  transit.weights = withCurrent(transit.weights, input, "transit", context.chain);
  const fromStart = convolve(handling.weights, transit.weights);
  if (input.stage !== "ordered") return { fromStart, now: fromStart };
  const originCalendar = businessCalendar(route.origin, input.lanes.settings.calendar);
  const since = indexOf(model.base, localDayOf(now, route.origin.timeZone), originCalendar);
  if (since <= 0) return { fromStart, now: fromStart };
  const rest = conditionedFrom(handling.weights, since);
  // Waiting longer than any recent hand-off: it can at the earliest be handed over today.
  const waiting = totalMass(rest) > 0 ? rest : uniformBetween(since, since);
  return { fromStart, now: convolve(waiting, transit.weights) };
}

/**
 * The lane's distribution moved by the season the current curves see (the identity without them): by the
 * destination region's curve where one is given for this part, else the global one; handling by the global.
 */
function withCurrent(weights: Float64Array, input: EstimateInput, part: "handling" | "transit" | "total", chain: readonly LaneRef[] = []): Float64Array {
  if (!input.current) return weights;
  const keys = part === "handling" ? [GLOBAL_KEY] : [...chain.filter((ref) => ref.level === "destination").map((ref) => ref.key), GLOBAL_KEY];
  for (const key of keys) {
    const current = input.current[key]?.[part];
    const history = input.lanes.lanes[key]?.[part];
    if (current && history) return transferQuantiles(weights, history, current);
  }
  return weights;
}

function readRange(weights: Float64Array, model: HistoryModel, from: number, options: EstimateOptions): { lo: number; hi: number } | null {
  if (model.tight && options.windowQuantiles) {
    const [qlo, qhi] = options.windowQuantiles;
    const lo = quantileFrom(weights, qlo, from);
    const hi = quantileFrom(weights, qhi, from);
    return hi === null || lo === null ? null : { lo: Math.min(lo, hi), hi };
  }
  if (model.tight) return shortestInterval(weights, model.controller.level, from);
  const hi = quantileFrom(weights, model.controller.level, from);
  const lo = quantileFrom(weights, options.earliestLevel, from);
  return hi === null || lo === null ? null : { lo: Math.min(lo, hi), hi };
}

/** The `latest` this stage would have promised on its first day: past it, the parcel is late. */
function promisedAtStageStart(lookup: LaneLookup, model: HistoryModel, calendar: BusinessCalendar): number {
  const hi = model.tight ? shortestInterval(lookup.weights, model.controller.level)?.hi : quantileFrom(lookup.weights, model.controller.level);
  return hi === undefined || hi === null ? Number.POSITIVE_INFINITY : dayAt(model.base, hi, calendar);
}

/**
 * A promise only moves later for a reason the shopper can be told: an exception, a stall, a missed date
 * or a carrier saying so. Without one, an on-track parcel keeps the latest date it was shown — the model
 * conditioning on "not delivered yet" alone would otherwise creep the date out day by day, and every
 * creep is a broken promise and an apology.
 */
function keepPromise(window: { earliest: number; latest: number }, input: EstimateInput, hasReason: boolean) {
  const shown = input.previouslyShown;
  if (!shown || hasReason) return window;
  const shownLatest = toDayNumber(shown.latest);
  const carrierSaysLater = input.carrierEstimate !== null && toDayNumber(input.carrierEstimate) > shownLatest;
  if (carrierSaysLater || window.latest <= shownLatest) return window;
  return { earliest: Math.min(window.earliest, shownLatest), latest: shownLatest };
}

/** Handed to the carrier after the day the merchant's handling time promised: a reason the date may move. */
function handedOverLate(input: EstimateInput): boolean {
  if (!input.shippedAt) return false;
  const originCalendar = businessCalendar(input.route.origin, input.lanes.settings.calendar);
  const shipDay = localDayOf(input.shippedAt, input.route.origin.timeZone);
  return shipDay > expectedShipDay(input.orderedAt, input.merchant, input.route.origin, originCalendar);
}

/** Model probability of the window, shrunk toward a coin flip when history is thin and scaled down when recent promises held less often than intended. */
function confidenceOf(inWindow: number, support: number, controller: AdaptiveLevel, flags: readonly EstimateFlag[]): number {
  let confidence = (support * inWindow + 5 * 0.5) / (support + 5);
  if (controller.outcomes >= 20) confidence *= Math.min(1, controller.recentHitRate / controller.target);
  if (flags.includes("exception") || flags.includes("stalled")) confidence *= 0.7;
  return Math.round(Math.min(1, Math.max(0, confidence)) * 100) / 100;
}

/** The parcel has already taken longer than any recent delivery like it: an honest short extension. */
function beyondHistory(input: EstimateInput, context: Context, lookup: LaneLookup, flags: EstimateFlag[], chance: number | undefined): Estimate {
  if (!flags.includes("running_late")) flags.push("running_late");
  const latest = addBusinessDays(context.today, context.options.overdueDays, context.calendar);
  const stall: StallCheck = { stalled: false, days: 0, usual: 0 };
  return finish(input, context, {
    earliest: context.today,
    latest,
    confidence: 0.3,
    flags,
    lookup,
    carrierWeight: 0,
    latestLevel: 0,
    stall,
    missedLatest: missedPromise(input, context.today),
    beyondHistory: true,
    chance,
  });
}
