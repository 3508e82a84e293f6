import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../lib/db";
import { getEstimateFrontier } from "../../../lib/analytics/estimate-frontier";
import { createOrder } from "../../../lib/shipments/create-order";
import { resetDatabase } from "../support/reset-database";
import { merchantWithKey, orderBody } from "../support/api-fixtures";

const DAY = 86_400_000;

function weekdaysAfter(start: Date, n: number): Date {
  const day = new Date(start);
  for (let left = n; left > 0; ) {
    day.setTime(day.getTime() + DAY);
    if (day.getUTCDay() !== 0 && day.getUTCDay() !== 6) left -= 1;
  }
  return day;
}

/** One delivered order per weekday in [from, to): handed over the next business day, delivered `transit` business days later. */
async function deliveredOrders(merchantId: string, prefix: string, from: string, to: string, transit: number, promisedDays: number | null) {
  let count = 0;
  for (let t = Date.parse(`${from}T15:00:00Z`); t < Date.parse(`${to}T00:00:00Z`); t += DAY) {
    const placedAt = new Date(t);
    if (placedAt.getUTCDay() === 0 || placedAt.getUTCDay() === 6) continue;
    count += 1;
    const body = {
      ...orderBody(`${prefix}-${count}`),
      placedAt: placedAt.toISOString(),
      ...(promisedDays === null ? {} : { promisedBy: new Date(t + promisedDays * DAY).toISOString().slice(0, 10) }),
    };
    const order = await createOrder(merchantId, body, placedAt);
    const shippedAt = weekdaysAfter(placedAt, 1);
    await db.shipment.update({
      where: { id: order.shipments[0]!.id },
      data: { status: "DELIVERED", shippedAt, deliveredAt: weekdaysAfter(shippedAt, transit) },
    });
  }
  return count;
}

describe("console analytics: the merchant's own promise-level frontier", () => {
  let ours: string;
  let theirs: string;
  let scoredInNovember = 0;

  beforeAll(async () => {
    await resetDatabase();
    ours = (await merchantWithKey("frontier-ours")).merchant.id;
    theirs = (await merchantWithKey("frontier-theirs")).merchant.id;
    // Ours: three business days in transit, a ten-day promise at checkout.
    await deliveredOrders(ours, "O", "2026-09-01", "2026-11-01", 3, 10);
    scoredInNovember = await deliveredOrders(ours, "N", "2026-11-02", "2026-11-21", 3, 10);
    // Theirs: on the same lane, eight business days and no promise. Must not leak into ours.
    await deliveredOrders(theirs, "T", "2026-09-01", "2026-11-21", 8, null);
  }, 120_000);

  it("replays only this merchant's deliveries and scores only the period's orders", async () => {
    const period = { from: new Date("2026-11-01T00:00:00Z"), to: new Date("2026-12-01T00:00:00Z") };
    const { replayed, period: figures } = await getEstimateFrontier(ours, period, new Date("2026-12-01T12:00:00Z"));
    expect(replayed).toBe(await db.shipment.count({ where: { merchantId: ours, status: "DELIVERED" } }));
    expect(figures!.orders).toBe(scoredInNovember);
    // Learned from its own three-day lane only: every level keeps every promise, and well before the shop's ten days.
    for (const point of figures!.points) {
      expect(point.ours.onTimeRate).toBe(1);
      expect(point.ours.medianLeadDays).toBeLessThan(10);
    }
    expect(figures!.merchant).toMatchObject({ onTimeRate: 1, medianLeadDays: 10 });

    // The other merchant's frontier is its own (no checkout dates: its first windows stand in).
    const other = await getEstimateFrontier(theirs, period, new Date("2026-12-01T12:00:00Z"));
    expect(other.replayed).toBe(await db.shipment.count({ where: { merchantId: theirs, status: "DELIVERED" } }));
    expect(Math.min(...other.period!.points.map((point) => point.ours.medianLeadDays))).toBeGreaterThan(10);
  });
});
