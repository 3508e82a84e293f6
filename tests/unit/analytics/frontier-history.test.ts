import { describe, expect, it } from "vitest";
import { FRONTIER_LEVELS, frontierFromDeliveries, historyFromDeliveries, type DeliveredShipment } from "@/lib/analytics/frontier-history";

const MERCHANT = { timeZone: "UTC", originCountry: "US", originRegion: "IL", handlingDays: 1, cutoffHour: 14 };
const DAY = 86_400_000;

/** Business days after a UTC date (no US federal holiday between 2027-03-01 and 2027-05-28). */
function weekdaysAfter(start: Date, n: number): Date {
  const day = new Date(start);
  for (let left = n; left > 0; ) {
    day.setTime(day.getTime() + DAY);
    if (day.getUTCDay() !== 0 && day.getUTCDay() !== 6) left -= 1;
  }
  return day;
}

/**
 * One order per weekday from 2027-03-01 to 2027-05-28, 10:00 UTC: handed over the next business day,
 * delivered three business days after that — and every tenth order two business days later still. The
 * shop promised seven calendar days after the order (every third order sent no date: its first window stands in).
 */
function deliveries(): DeliveredShipment[] {
  const rows: DeliveredShipment[] = [];
  for (let t = Date.UTC(2027, 2, 1, 10); t < Date.UTC(2027, 4, 29); t += DAY) {
    const placedAt = new Date(t);
    if (placedAt.getUTCDay() === 0 || placedAt.getUTCDay() === 6) continue;
    const i = rows.length;
    const shippedAt = new Date(weekdaysAfter(placedAt, 1).getTime() + 6 * 3_600_000);
    const deliveredAt = new Date(weekdaysAfter(shippedAt, i % 10 === 9 ? 5 : 3).getTime() + 3_600_000);
    const promised = new Date(t + 10 * DAY).toISOString().slice(0, 10);
    rows.push({
      id: `s${i}`, placedAt, shippedAt, deliveredAt,
      promisedBy: i % 3 === 2 ? null : promised,
      promisedLatest: i % 3 === 2 ? promised : null,
      destRegion: "TX",
    });
  }
  return rows;
}

describe("a merchant's own frontier, from its delivered orders", () => {
  it("turns delivered shipments into the backtest's history, oldest order first, impossible rows left out", () => {
    const rows = deliveries();
    const broken = { ...rows[0]!, id: "broken", deliveredAt: new Date(rows[0]!.placedAt.getTime() - DAY) };
    const history = historyFromDeliveries([...rows].reverse().concat(broken), "IL", "UTC");
    expect(history.rows).toHaveLength(rows.length);
    expect(history.skipped).toEqual({ delivered_before_purchase: 1 });
    expect(history.rows[0]).toMatchObject({ orderId: "s0", sellerState: "IL", customerState: "TX", promised: "2027-03-11" });
  });

  it("scores the period's orders at each level from what was known before each: higher levels, later dates and more kept", () => {
    const rows = deliveries();
    const { replayed, period } = frontierFromDeliveries(rows, MERCHANT, { from: new Date("2027-05-01T00:00:00Z"), to: new Date("2027-06-01T00:00:00Z") });
    expect(replayed).toBe(rows.length);
    // May 2027 has 20 weekdays; every one of those orders was delivered.
    expect(period!.orders).toBe(20);
    expect(period!.points.map((point) => point.level)).toEqual([...FRONTIER_LEVELS]);
    const at = (level: number) => period!.points.find((point) => point.level === level)!.ours;
    // One order in ten takes two business days more: a level of 0.85 cannot cover it, 0.97 does.
    expect(at(0.85).onTimeRate).toBe(0.9);
    expect(at(0.97).onTimeRate).toBe(1);
    expect(at(0.97).medianLeadDays).toBeGreaterThan(at(0.85).medianLeadDays);
    // The shop's ten calendar days held for all, with more slack than the tight level.
    expect(period!.merchant).toMatchObject({ onTimeRate: 1, medianLeadDays: 10 });
    expect(period!.merchant.meanSlackDays).toBeGreaterThan(at(0.85).meanSlackDays);
  });

  it("has nothing to show before any order of the period was delivered, and skips orders with no known promise", () => {
    const rows = deliveries();
    expect(frontierFromDeliveries(rows, MERCHANT, { from: new Date("2027-07-01T00:00:00Z"), to: new Date("2027-08-01T00:00:00Z") }).period).toBeNull();
    const unknown = rows.map((row) => ({ ...row, promisedBy: null, promisedLatest: null }));
    expect(frontierFromDeliveries(unknown, MERCHANT, { from: new Date("2027-05-01T00:00:00Z"), to: new Date("2027-06-01T00:00:00Z") }).period).toBeNull();
    expect(frontierFromDeliveries([], MERCHANT, { from: new Date("2027-05-01T00:00:00Z"), to: new Date("2027-06-01T00:00:00Z") })).toEqual({ replayed: 0, period: null });
  });
});
