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
import { estimateDelivery } from "./estimate";
import type { EstimateOptions } from "./estimate-options";
import { EventQueue, type TimedEvent } from "./event-queue";
import type { DeliveryHistory, HistoryRow } from "./history-csv";
import { applyDelivery, emptyLaneStats, type LaneStatsSettings } from "./lane-stats";
import { localDayOf, toDayNumber } from "./local-date";
import { summarize, type BacktestReport, type OrderOutcome } from "./backtest-metrics";
import type { EstimateStage, MerchantPolicy, Route } from "./types";

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
}

export interface BacktestResult extends BacktestReport {
  rows: { read: number; used: number; taughtOnly: number; withoutHandOff: number };
  skipped: Record<string, number>;
}

type Kind = "purchase" | "shipment" | "delivery";
interface SweepEvent extends TimedEvent {
  kind: Kind;
  order: number;
}
const RANK: Record<Kind, number> = { purchase: 0, shipment: 0, delivery: 1 };

interface OrderState {
  row: HistoryRow;
  promise: { earliest: number; latest: number } | null;
  window: { earliest: number; latest: number } | null;
}

export function runBacktest(history: DeliveryHistory, options: BacktestOptions): { result: BacktestResult; orders: OrderOutcome[] } {
  const lanes = emptyLaneStats(options.lanes);
  let calibration = options.calibration ?? DEFAULT_CALIBRATION;
  const evaluateFrom = toDayNumber(options.evaluateFrom);
  const evaluateUntil = options.evaluateUntil ? toDayNumber(options.evaluateUntil) : Number.POSITIVE_INFINITY;
  const zone = options.timeZone;
  const states: OrderState[] = history.rows.map((row) => ({ row, promise: null, window: null }));
  const queue = new EventQueue<SweepEvent>();
  const push = (kind: Kind, at: number, order: number) => queue.push({ at, rank: RANK[kind], kind, order });
  states.forEach((state, i) => {
    push("purchase", state.row.purchasedAt.getTime(), i);
    if (state.row.shippedAt) push("shipment", state.row.shippedAt.getTime(), i);
    push("delivery", state.row.deliveredAt.getTime(), i);
  });
  const routeOf = (row: HistoryRow): Route => ({
    origin: { country: options.country, region: row.sellerState, timeZone: zone },
    destination: { country: options.country, region: row.customerState, timeZone: zone },
    carrier: null,
    service: null,
    // Olist names no seller; its zip prefix within its state is the closest stand-in for "who packs it".
    shipper: options.shipperKnown === false || !row.sellerZip ? null : `${row.sellerState ?? "?"}-${row.sellerZip}`,
  });
  const estimate = (state: OrderState, stage: EstimateStage, now: Date) => {
    const result = estimateDelivery(
      {
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
      },
      now,
      options.estimate,
    );
    return { earliest: toDayNumber(result.earliest), latest: toDayNumber(result.latest) };
  };

  for (let event = queue.pop(); event; event = queue.pop()) {
    const state = states[event.order];
    if (!state) continue;
    const { row } = state;
    switch (event.kind) {
      case "purchase":
        state.promise = estimate(state, "ordered", row.purchasedAt);
        break;
      case "shipment":
        if (row.shippedAt) state.window = estimate(state, "shipped", row.shippedAt);
        break;
      case "delivery": {
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
    });
  }
  const result: BacktestResult = {
    ...summarize(orders),
    rows: { read: history.read, used: history.rows.length, taughtOnly: history.rows.length - orders.length, withoutHandOff },
    skipped: { ...history.skipped },
  };
  return { result, orders };
}
