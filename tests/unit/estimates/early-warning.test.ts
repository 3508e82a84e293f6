import { describe, expect, it } from "vitest";
import { earlyWarningOf, type AlarmOrder } from "@/lib/estimates/backtest-early-warning";

// Promised on day 100 each; the chances at each look decide when (if ever) the page said "running late".
const ORDERS: AlarmOrder[] = [
  { promisedDay: 100, deliveredDay: 104, checks: [{ day: 90, chance: 0.9 }, { day: 95, chance: 0.3 }, { day: 99, chance: 0.1 }] }, // late, 5 ahead
  { promisedDay: 100, deliveredDay: 102, checks: [{ day: 90, chance: 0.9 }, { day: 99, chance: 0.2 }] }, // late, 1 ahead
  { promisedDay: 100, deliveredDay: 101, checks: [{ day: 90, chance: 0.8 }] }, // late, never flagged
  { promisedDay: 100, deliveredDay: 98, checks: [{ day: 90, chance: 0.45 }] }, // on time, flagged at 0.5 only
  { promisedDay: 100, deliveredDay: 95, checks: [{ day: 90, chance: 0.95 }] },
];

describe("early-warning figures", () => {
  it("counts late orders flagged two or more days ahead, the median lead of the flags and the false alarms", () => {
    expect(earlyWarningOf(ORDERS, 0.5)).toEqual({
      alarmBelow: 0.5,
      lateOrders: 3,
      flaggedTwoDaysAheadRate: 0.3333,
      flaggedBeforeDueRate: 0.6667,
      medianDaysAhead: 3,
      onTimeOrders: 2,
      falseAlarmRate: 0.5,
    });
    expect(earlyWarningOf(ORDERS, 0.25)).toMatchObject({ flaggedTwoDaysAheadRate: 0, flaggedBeforeDueRate: 0.6667, medianDaysAhead: 1, falseAlarmRate: 0 });
  });
});
