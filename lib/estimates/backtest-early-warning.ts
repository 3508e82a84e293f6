/**
 * Early warning, scored against the shop's own promised date: of the orders that ended up later than it,
 * how many the page had flagged "running late" before that date passed, and how far ahead; of the orders
 * that made it, how many were flagged for nothing. A flag is raised at the first check (purchase,
 * hand-off, or a morning in the days before the promised date, while the parcel was still out) at which
 * the model's chance of making the date was below the alarm level.
 */
import { median, type OrderOutcome } from "./backtest-metrics";

/** One look at an undelivered order: its local day and the model's chance of arriving by the promised date. */
export interface AlarmCheck {
  day: number;
  chance: number;
}

export interface AlarmOrder {
  promisedDay: number;
  deliveredDay: number;
  checks: readonly AlarmCheck[];
}

export interface EarlyWarning {
  /** Flag when the chance of making the shop's date is below this. */
  alarmBelow: number;
  /** Orders delivered after the shop's promised date. */
  lateOrders: number;
  /** Share of those flagged two or more days before the promised date. */
  flaggedTwoDaysAheadRate: number;
  /** Share of those flagged on or before the promised date at all. */
  flaggedBeforeDueRate: number;
  /** Median days between the flag and the promised date, over the late orders flagged in time. */
  medianDaysAhead: number;
  onTimeOrders: number;
  /** Share of orders delivered by the promised date that were flagged anyway. */
  falseAlarmRate: number;
}

/** Scored orders that were looked at, against the shop's date (`baselineDay`). */
export function alarmOrdersOf(orders: readonly OrderOutcome[]): AlarmOrder[] {
  return orders.flatMap((o) => (o.checks ? [{ promisedDay: o.baselineDay, deliveredDay: o.deliveredDay, checks: o.checks }] : []));
}

function firstFlag(order: AlarmOrder, below: number): number | null {
  let first: number | null = null;
  for (const check of order.checks) if (check.chance < below && (first === null || check.day < first)) first = check.day;
  return first;
}

const rate = (hits: number, total: number) => (total === 0 ? Number.NaN : Math.round((hits / total) * 10000) / 10000);

export function earlyWarningOf(orders: readonly AlarmOrder[], alarmBelow: number): EarlyWarning {
  let lateOrders = 0;
  let twoAhead = 0;
  let onTimeOrders = 0;
  let falseAlarms = 0;
  const ahead: number[] = [];
  for (const order of orders) {
    const flag = firstFlag(order, alarmBelow);
    if (order.deliveredDay > order.promisedDay) {
      lateOrders += 1;
      if (flag !== null && flag <= order.promisedDay) ahead.push(order.promisedDay - flag);
      if (flag !== null && flag <= order.promisedDay - 2) twoAhead += 1;
    } else {
      onTimeOrders += 1;
      if (flag !== null) falseAlarms += 1;
    }
  }
  return {
    alarmBelow,
    lateOrders,
    flaggedTwoDaysAheadRate: rate(twoAhead, lateOrders),
    flaggedBeforeDueRate: rate(ahead.length, lateOrders),
    medianDaysAhead: median(ahead),
    onTimeOrders,
    falseAlarmRate: rate(falseAlarms, onTimeOrders),
  };
}

const pct = (value: number) => (Number.isNaN(value) ? "—" : `${(value * 100).toFixed(1)}%`);

export function earlyWarningTable(rows: readonly EarlyWarning[]): string {
  const lines = [
    "| alarm below | late vs the shop's date | flagged ≥ 2 days ahead | flagged before due | median days ahead | false alarms (on-time orders) |",
    "| --- | --- | --- | --- | --- | --- |",
  ];
  for (const w of rows) {
    lines.push(
      `| ${w.alarmBelow} | ${w.lateOrders} | ${pct(w.flaggedTwoDaysAheadRate)} | ${pct(w.flaggedBeforeDueRate)} | ${w.medianDaysAhead} | ${pct(w.falseAlarmRate)} of ${w.onTimeOrders} |`,
    );
  }
  return lines.join("\n");
}
