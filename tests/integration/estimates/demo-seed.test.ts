import { describe, expect, it } from "vitest";
import { db } from "../../../lib/db";
import { toLocalDate } from "../../../lib/estimates";
import { seedDemo } from "../../../prisma/seed";
import { demoDeliveryHistory } from "../../../prisma/demo-history";
import { resetDatabase } from "../support/reset-database";

const day = (date: Date | null) => date?.toISOString().slice(0, 10) ?? null;

async function demoShipments() {
  const rows = await db.shipment.findMany({
    select: {
      status: true, etaEarliest: true, etaLatest: true, etaStage: true, etaFlag: true, etaReason: true, promisedLatest: true,
      order: { select: { orderNumber: true, shopperTimeZone: true } },
      delays: { orderBy: { createdAt: "asc" }, select: { previousLatest: true, newLatest: true, reason: true, createdAt: true } },
    },
    orderBy: [{ order: { orderNumber: "asc" } }, { createdAt: "asc" }],
  });
  return rows.map((row) => ({ ...row, number: row.order.orderNumber, today: toLocalDate(now, row.order.shopperTimeZone!) }));
}

let now = new Date();

// A weekday and a weekend: the demo's hours-ago scans land on different business days.
describe.each(["2027-03-10T18:00:00Z", "2027-03-14T18:00:00Z"])("the demo data at %s", (iso) => {
  it("shows windows computed from the merchant's lane statistics, none in the past, and the late order's slips as Delays", async () => {
    await resetDatabase();
    now = new Date(iso);
    await seedDemo(now);
    const shipments = await demoShipments();
    const byNumber = (number: string) => shipments.find((shipment) => shipment.number === number)!;

    for (const shipment of shipments.filter((s) => !["DELIVERED", "RETURNED_TO_SENDER", "CANCELLED"].includes(s.status))) {
      expect({ number: shipment.number, ok: day(shipment.etaLatest)! >= shipment.today }).toEqual({ number: shipment.number, ok: true });
      expect(day(shipment.etaEarliest)! <= day(shipment.etaLatest)!).toBe(true);
      expect(shipment.etaFlag ?? "").not.toContain("no_history");
    }
    expect(byNumber("NW-1002").etaReason).toMatch(/^Based on \d+ recent OR→IL deliveries/);
    expect(byNumber("NW-1003")).toMatchObject({ status: "OUT_FOR_DELIVERY", etaStage: "out_for_delivery" });
    expect(day(byNumber("NW-1003").etaLatest)).toBe(byNumber("NW-1003").today);
    expect(byNumber("NW-1005").etaFlag).toContain("exception");
    expect(byNumber("NW-1010")).toMatchObject({ status: "RETURNED_TO_SENDER", etaEarliest: null, etaLatest: null });

    // NW-1007: the hold-up at Oklahoma City (an exception scan, 206 h before now) widened the window
    // past the one shown; that slip is a Delay, written when the scan came in.
    const late = byNumber("NW-1007");
    expect(late.status).toBe("IN_TRANSIT");
    const exceptionScan = await db.trackingEvent.findFirstOrThrow({
      where: { status: "EXCEPTION", shipment: { order: { orderNumber: "NW-1007" } } },
      select: { occurredAt: true },
    });
    const atException = late.delays.filter((delay) => delay.createdAt.getTime() === exceptionScan.occurredAt.getTime() + 120_000);
    expect(atException).toHaveLength(1);
    expect(atException[0]!.reason).toMatch(/Carrier reported a problem/);
    expect(atException[0]!.newLatest.getTime()).toBeGreaterThan(atException[0]!.previousLatest.getTime());
    // Whatever came after, it now ends later than anything shown before its last slip, and not before today.
    expect(late.etaLatest!.getTime()).toBeGreaterThan(late.delays.at(-1)!.previousLatest.getTime());
    expect(day(late.etaLatest)! >= late.today).toBe(true);

    // The history, plus the two demo parcels delivered since, in the global lane row.
    const global = await db.laneStat.findFirstOrThrow({ where: { laneKey: "*" }, select: { stats: true } });
    const delivered = shipments.filter((s) => s.status === "DELIVERED").length;
    expect(delivered).toBe(2);
    expect((global.stats as { count: number }).count).toBe(demoDeliveryHistory(now).length + delivered);
  });
});
