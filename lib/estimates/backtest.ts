/**
 * Replays a delivery history as time passes, so every estimate sees only what was known then.
 *
 * One event sweep over purchases, carrier hand-offs and deliveries in time order (ties: estimates first,
 * so a delivery at the very same instant is not yet known). A delivery feeds the incremental lane
 * statistics and settles the outcome of that order's promises for the calibration; an estimate reads
 * only the statistics as they stand at its instant. Orders bought before `evaluateFrom` only teach
 * (their promises still warm up the calibration); later ones are also scored.
 */
import { DEFAULT_CALIBRATION, recordPromiseOutcome, recordWindowOutcome, type Calibration } from "./calibration";
import { estimateDelivery, estimateDeliveryAtLevels } from "./estimate";
import type { EstimateOptions } from "./estimate-options";
import { EventQueue, type TimedEvent } from "./event-queue";
import type { DeliveryHistory, HistoryRow } from "./history-csv";
import { applyDelivery, emptyLaneStats, type LaneStatsSettings } from "./lane-stats";
import { instantOfLocal, localDayOf, toDayNumber } from "./local-date";
import { summarize, type BacktestReport, type OrderOutcome } from "./backtest-metrics";
import { frontierOf, type Frontier } from "./backtest-frontier";
import { alarmOrdersOf, earlyWarningOf, type AlarmCheck, type EarlyWarning } from "./backtest-early-warning";
import { addNaiveDelivery, emptyNaiveBaseline, naivePromise, type NaiveBaselineSettings, type NaiveLane } from "./naive-baseline";
import type { EstimateInput, EstimateStage, MerchantPolicy, Route } from "./types";
import { currentFeed } from "./backtest-current";
import type { CohortPart, CurrentCurvesSettings } from "./current-curves";

export interface BacktestOptions {
  /** Orders purchased on or after this local date are scored. */
  evaluateFrom: string;
  /** …and before this one, when given (to report one period of a longer file). */
  evaluateUntil?: string;
  /** The zone the file's wall-clock times are in (and the shop's and shoppers'). */
  timeZone: string;
  country: string;
  merchant: MerchantPolicy;
  lanes?: Partial<LaneStatsSettings>;
  calibration?: Calibration;
  estimate?: Partial<EstimateOptions>;
  /** Learn handling per seller (zip prefix + state); false = per origin state only. Default true. */
  shipperKnown?: boolean;
  /**
   * Also read every promise at these levels, and the naive baseline's at the same levels, and report the
   * frontier (on time vs lead vs slack, per month and overall) beside the file's own promise.
   */
  levels?: readonly number[];
  naive?: Partial<NaiveBaselineSettings>;
  /**
   * Score the early warning against the file's promised date at these alarm levels: every estimate gets
   * the date as `promisedBy`, and each scored order is also looked at on the mornings before it.
   */
  alarmBelow?: readonly number[];
  /**
   * Feed the current, censoring-aware curves (current-curves.ts) from the sweep and move every estimate's
   * lane distributions by them, for these parts (empty or absent = off). Only what is known at each
   * instant enters: a purchase starts its cohort, a hand-off or a delivery ends a part when it happens.
   */
  current?: {
    parts: readonly CohortPart[];
    settings?: Partial<CurrentCurvesSettings>;
    /** Also keep curves per destination region, used for lanes to it where they reach (default: global only). */
    byDestination?: boolean;
  };
}

/** Mornings (days before the shop's promised date) at which a still-undelivered order is looked at again. */
const CHECK_DAYS_BEFORE = [10, 7, 5, 4, 3, 2, 1, 0];
const CHECK_MINUTES = 8 * 60;

export interface BacktestResult extends BacktestReport {
  rows: { read: number; used: number; taughtOnly: number; withoutHandOff: number };
  skipped: Record<string, number>;
  frontier?: Frontier;
  earlyWarning?: EarlyWarning[];
}

export type Kind = "purchase" | "shipment" | "check" | "delivery";
interface SweepEvent extends TimedEvent {
  kind: Kind;
  order: number;
}
const RANK: Record<Kind, number> = { purchase: 0, shipment: 0, check: 0, delivery: 1 };

interface OrderState {
  row: HistoryRow;
  promise: { earliest: number; latest: number } | null;
  window: { earliest: number; latest: number } | null;
  atLevels: { ours: number[]; naive: number[] } | null;
  delivered: boolean;
  checks: AlarmCheck[];
}

export function runBacktest(history: DeliveryHistory, options: BacktestOptions): { result: BacktestResult; orders: OrderOutcome[] } {
  const lanes = emptyLaneStats(options.lanes);
  let calibration = options.calibration ?? DEFAULT_CALIBRATION;
  const evaluateFrom = toDayNumber(options.evaluateFrom);
  const evaluateUntil = options.evaluateUntil ? toDayNumber(options.evaluateUntil) : Number.POSITIVE_INFINITY;
  const zone = options.timeZone;
  const states: OrderState[] = history.rows.map((row) => ({ row, promise: null, window: null, atLevels: null, delivered: false, checks: [] }));
  const alarms = options.alarmBelow ?? [];
  const levels = options.levels ?? [];
  const naive = emptyNaiveBaseline(options.naive);
  const naiveLane = (row: HistoryRow): NaiveLane => ({ origin: row.sellerState, destination: row.customerState });
  const queue = new EventQueue<SweepEvent>();
  const push = (kind: Kind, at: number, order: number) => queue.push({ at, rank: RANK[kind], kind, order });
  states.forEach((state, i) => {
    push("purchase", state.row.purchasedAt.getTime(), i);
    if (state.row.shippedAt) push("shipment", state.row.shippedAt.getTime(), i);
    push("delivery", state.row.deliveredAt.getTime(), i);
    const purchaseDay = localDayOf(state.row.purchasedAt, zone);
    if (alarms.length === 0 || purchaseDay < evaluateFrom || purchaseDay >= evaluateUntil) return;
    const promisedDay = toDayNumber(state.row.promised);
    for (const before of CHECK_DAYS_BEFORE) {
      const day = promisedDay - before;
      if (day > purchaseDay) push("check", instantOfLocal(day, CHECK_MINUTES, zone).getTime(), i);
    }
  });
  const current = options.current && options.current.parts.length > 0 ? currentFeed(history, options, lanes) : null;
  const routeOf = (row: HistoryRow): Route => ({
    origin: { country: options.country, region: row.sellerState, timeZone: zone },
    destination: { country: options.country, region: row.customerState, timeZone: zone },
    carrier: null,
    service: null,
    // Olist names no seller; its zip prefix within its state is the closest stand-in for "who packs it".
    shipper: options.shipperKnown === false || !row.sellerZip ? null : `${row.sellerState ?? "?"}-${row.sellerZip}`,
  });
  const inputOf = (state: OrderState, stage: EstimateStage): EstimateInput => ({
    stage,
    orderedAt: state.row.purchasedAt,
    shippedAt: stage === "ordered" ? null : state.row.shippedAt,
    lastScanAt: stage === "ordered" ? null : state.row.shippedAt,
    route: routeOf(state.row),
    merchant: options.merchant,
    carrierEstimate: null,
    lanes,
    calibration,
    previouslyShown: null,
    promisedBy: alarms.length > 0 ? state.row.promised : null,
    current: current ? current.currentFor(state.row.customerState) : null,
  });
  const estimate = (state: OrderState, stage: EstimateStage, now: Date) => {
    const result = estimateDelivery(inputOf(state, stage), now, options.estimate);
    const chance = result.basis.promisedByChance;
    if (chance !== undefined) state.checks.push({ day: localDayOf(now, zone), chance });
    return { earliest: toDayNumber(result.earliest), latest: toDayNumber(result.latest) };
  };
  const readLevels = (state: OrderState) => {
    const ours = estimateDeliveryAtLevels(inputOf(state, "ordered"), state.row.purchasedAt, levels, options.estimate).map((e) => toDayNumber(e.latest));
    const purchaseDay = localDayOf(state.row.purchasedAt, zone);
    // No delivery completed in the window at all: the simple method can only say "a long time".
    const naiveDays = naivePromise(naive, naiveLane(state.row), purchaseDay, levels).map((day) => day ?? purchaseDay + 179);
    return { ours, naive: naiveDays };
  };

  for (let event = queue.pop(); event; event = queue.pop()) {
    const state = states[event.order];
    if (!state) continue;
    const { row } = state;
    current?.feed(event.kind, row, event.at);
    switch (event.kind) {
      case "purchase":
        state.promise = estimate(state, "ordered", row.purchasedAt);
        if (levels.length > 0) state.atLevels = readLevels(state);
        break;
      case "shipment":
        if (row.shippedAt) state.window = estimate(state, "shipped", row.shippedAt);
        break;
      case "check": {
        if (state.delivered) break;
        const now = new Date(event.at);
        estimate(state, row.shippedAt && row.shippedAt.getTime() <= event.at ? "in_transit" : "ordered", now);
        break;
      }
      case "delivery": {
        state.delivered = true;
        // Outcomes are settled only by the delivery itself: calibration learns from completed deliveries alone.
        const day = localDayOf(row.deliveredAt, zone);
        if (state.promise) calibration = recordPromiseOutcome(calibration, day <= state.promise.latest);
        if (state.window) calibration = recordWindowOutcome(calibration, day >= state.window.earliest && day <= state.window.latest);
        applyDelivery(lanes, {
          orderedAt: row.purchasedAt,
          shippedAt: row.shippedAt,
          deliveredAt: row.deliveredAt,
          route: routeOf(row),
          merchant: options.merchant,
        });
        addNaiveDelivery(naive, naiveLane(row), localDayOf(row.purchasedAt, zone), day);
        break;
      }
    }
  }

  const orders: OrderOutcome[] = [];
  let withoutHandOff = 0;
  for (const state of states) {
    const purchaseDay = localDayOf(state.row.purchasedAt, zone);
    if (purchaseDay < evaluateFrom || purchaseDay >= evaluateUntil || !state.promise) continue;
    if (!state.window) withoutHandOff += 1;
    orders.push({
      orderId: state.row.orderId,
      purchaseDay,
      deliveredDay: localDayOf(state.row.deliveredAt, zone),
      baselineDay: toDayNumber(state.row.promised),
      atPurchase: state.promise,
      atShipment: state.window,
      ...(state.atLevels ? { atLevels: state.atLevels } : {}),
      ...(alarms.length > 0 ? { checks: state.checks } : {}),
    });
  }
  const result: BacktestResult = {
    ...summarize(orders),
    rows: { read: history.read, used: history.rows.length, taughtOnly: history.rows.length - orders.length, withoutHandOff },
    skipped: { ...history.skipped },
    ...(levels.length > 0 ? { frontier: frontierOf(orders, levels, alarms[0]) } : {}),
    ...(alarms.length > 0 ? { earlyWarning: alarms.map((below) => earlyWarningOf(alarmOrdersOf(orders), below)) } : {}),
  };
  return { result, orders };
}
