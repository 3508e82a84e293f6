import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../lib/db";
import { enqueueAlertsFor } from "../../../lib/notifications/enqueue";
import { announcePendingDelays } from "../../../lib/notifications/outbox/announce-delays";
import { readPayload } from "../../../lib/notifications/payload";
import { resetDatabase } from "../support/reset-database";
import { activeSubscription, ingest, minutesAgo, scan, shopWithOrder } from "./support";

const rowsOf = (subscriptionId: string) =>
  db.outboxMessage.findMany({ where: { subscriptionId, trigger: { not: "CONFIRMATION" } }, orderBy: { createdAt: "asc" } });

/**
 * A fixed clock: 12:00 in Los Angeles (PST, UTC-8) on an ordinary Wednesday, far from either clock change.
 * Times in these tests are literal instants, never "today", so no calendar day can turn a test red.
 */
const NOON = new Date("2026-11-18T20:00:00Z");

describe("alert triggers, written to the outbox with the status change", () => {
  beforeAll(resetDatabase);

  it("writes one row per active subscription when a parcel goes out for delivery, and none for pending or ended ones", async () => {
    const { merchant, order, shipments } = await shopWithOrder();
    const email = await activeSubscription(shipments[0]!.token, "EMAIL", "one@example.com", order.orderNumber);
    const sms = await activeSubscription(shipments[0]!.token, "SMS", "+12065550101", order.orderNumber);
    const { subscribeToAlerts } = await import("../../../lib/notifications/subscribe");
    const { form } = await import("./support");
    await subscribeToAlerts(form(shipments[0]!.token, "EMAIL", "pending@example.com", { orderNumber: order.orderNumber }), { ip: null, now: new Date() });

    await ingest(merchant.id, shipments[0]!.trackingNumber, [scan("IN_TRANSIT", minutesAgo(300, NOON)), scan("OUT_FOR_DELIVERY", minutesAgo(30, NOON), "Out for delivery")], NOON);
    const emailRows = await rowsOf(email.id);
    expect(emailRows.map((row) => [row.trigger, row.status, row.channel])).toEqual([["OUT_FOR_DELIVERY", "PENDING", "EMAIL"]]);
    expect(readPayload(emailRows[0]!.payload).event).toMatchObject({ description: "Out for delivery", city: "Seattle" });
    expect((await rowsOf(sms.id)).map((row) => row.trigger)).toEqual(["OUT_FOR_DELIVERY"]);
    const pending = await db.alertSubscription.findFirstOrThrow({ where: { address: "pending@example.com" } });
    expect(await rowsOf(pending.id)).toHaveLength(0);
  });

  it("commits or rolls back with the ingestion: a failed transaction leaves no outbox row", async () => {
    const { order, shipments } = await shopWithOrder();
    const email = await activeSubscription(shipments[0]!.token, "EMAIL", "rollback@example.com", order.orderNumber);
    await expect(
      db.$transaction(async (tx) => {
        await enqueueAlertsFor(tx, {
          shipmentId: shipments[0]!.id, previousStatus: "IN_TRANSIT", status: "DELIVERED", eventsAdded: 1, addedEvents: [], carrierEstimateChanged: false, now: new Date(),
        } as Parameters<typeof enqueueAlertsFor>[1]);
        expect(await tx.outboxMessage.count({ where: { subscriptionId: email.id, trigger: "DELIVERED" } })).toBe(1);
        throw new Error("the ingestion failed after the hook");
      }),
    ).rejects.toThrow("the ingestion failed");
    expect(await rowsOf(email.id)).toHaveLength(0);
  });

  it("tells 'shipped' only to 'every step' subscribers; 'key' subscribers hear out for delivery, delivered and problems", async () => {
    const { merchant, order, shipments } = await shopWithOrder();
    const all = await activeSubscription(shipments[0]!.token, "EMAIL", "all@example.com", order.orderNumber, "ALL");
    const key = await activeSubscription(shipments[0]!.token, "EMAIL", "key@example.com", order.orderNumber, "KEY");
    const tracking = shipments[0]!.trackingNumber;
    await ingest(merchant.id, tracking, [scan("INFO_RECEIVED", minutesAgo(900)), scan("IN_TRANSIT", minutesAgo(600))]);
    await db.outboxMessage.updateMany({ data: { status: "SENT", sentAt: minutesAgo(500) } });
    await ingest(merchant.id, tracking, [scan("IN_TRANSIT", minutesAgo(400), "Arrived at facility")]); // not news
    await ingest(merchant.id, tracking, [scan("EXCEPTION", minutesAgo(300), "Weather delay")]);
    await db.outboxMessage.updateMany({ where: { status: "PENDING" }, data: { status: "SENT", sentAt: minutesAgo(250) } });
    await ingest(merchant.id, tracking, [scan("OUT_FOR_DELIVERY", minutesAgo(60))]);
    expect((await rowsOf(all.id)).map((row) => row.trigger)).toEqual(["SHIPPED", "EXCEPTION", "OUT_FOR_DELIVERY"]);
    expect((await rowsOf(key.id)).map((row) => row.trigger)).toEqual(["EXCEPTION", "OUT_FOR_DELIVERY"]);
  });

  it("a replayed webhook adds nothing; every new exception is news", async () => {
    const { merchant, order, shipments } = await shopWithOrder();
    const email = await activeSubscription(shipments[0]!.token, "EMAIL", "replay@example.com", order.orderNumber);
    const tracking = shipments[0]!.trackingNumber;
    const first = [scan("IN_TRANSIT", minutesAgo(600), "Picked up", "e1"), scan("EXCEPTION", minutesAgo(300), "Address issue", "e2")];
    await ingest(merchant.id, tracking, first);
    await ingest(merchant.id, tracking, first);
    expect((await rowsOf(email.id)).map((row) => row.trigger)).toEqual(["EXCEPTION"]);
    await db.outboxMessage.updateMany({ data: { status: "SENT", sentAt: minutesAgo(200) } });
    await ingest(merchant.id, tracking, [scan("EXCEPTION", minutesAgo(100), "Damaged in transit", "e3")]);
    await ingest(merchant.id, tracking, [scan("EXCEPTION", minutesAgo(100), "Damaged in transit", "e3")]);
    const rows = await rowsOf(email.id);
    expect(rows.map((row) => row.trigger)).toEqual(["EXCEPTION", "EXCEPTION"]);
    expect(readPayload(rows[1]!.payload).event?.description).toBe("Damaged in transit");
  });

  it("coalesces a burst: events before the row is claimed merge into it (the newest status wins)", async () => {
    const { merchant, order, shipments } = await shopWithOrder();
    const email = await activeSubscription(shipments[0]!.token, "EMAIL", "burst@example.com", order.orderNumber, "KEY");
    const tracking = shipments[0]!.trackingNumber;
    await ingest(merchant.id, tracking, [scan("OUT_FOR_DELIVERY", minutesAgo(3))]);
    await ingest(merchant.id, tracking, [scan("DELIVERY_ATTEMPTED", minutesAgo(2))]);
    await ingest(merchant.id, tracking, [scan("DELIVERED", minutesAgo(1))]);
    const rows = await rowsOf(email.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ trigger: "DELIVERED", status: "PENDING" });
    // (the estimate step may fold a DELAY into the same row: the window moved with the attempt)
    expect(readPayload(rows[0]!.payload).mergedKeys.filter((key) => !key.startsWith("DELAY:"))).toHaveLength(3);
  });

  it("after a message went out, the next event in the same minute waits for the minute to end (and collects the rest)", async () => {
    const { merchant, order, shipments } = await shopWithOrder();
    const email = await activeSubscription(shipments[0]!.token, "EMAIL", "minute@example.com", order.orderNumber, "KEY");
    const tracking = shipments[0]!.trackingNumber;
    const now = new Date();
    await ingest(merchant.id, tracking, [scan("OUT_FOR_DELIVERY", minutesAgo(5))], now);
    const sentAt = new Date(now.getTime() - 10_000);
    await db.outboxMessage.updateMany({ where: { subscriptionId: email.id }, data: { status: "SENT", sentAt } });
    await ingest(merchant.id, tracking, [scan("DELIVERY_ATTEMPTED", minutesAgo(1))], now);
    await ingest(merchant.id, tracking, [scan("DELIVERED", minutesAgo(0.5))], now);
    const rows = await rowsOf(email.id);
    expect(rows.map((row) => [row.trigger, row.status])).toEqual([["OUT_FOR_DELIVERY", "SENT"], ["DELIVERED", "PENDING"]]);
    expect(rows[1]!.dueAt.getTime()).toBe(sentAt.getTime() + 60_000);
  });

  /**
   * Quiet hours end at 08:00 on the shopper's wall clock, which is not "+24 h" or "+8.5 h" on the nights the clocks
   * change: the expected instants are written out in UTC, from the tz database's rules for America/Los_Angeles
   * (PST = UTC-8, PDT = UTC-7; 2026 changes on Sun 8 March 02:00 and Sun 1 November 02:00, 2027 on Sun 14 March).
   */
  it.each([
    // label, 23:30 Saturday night, 06:00 Sunday morning, 08:00 Sunday morning
    ["an ordinary night (PST, Wed→Thu)", "2026-11-19T07:30:00Z", "2026-11-19T14:00:00Z", "2026-11-19T16:00:00Z"],
    ["the night the clocks go forward (23:30 PST → 08:00 PDT, 7.5 h)", "2026-03-08T07:30:00Z", "2026-03-08T13:00:00Z", "2026-03-08T15:00:00Z"],
    ["the night the clocks go back (23:30 PDT → 08:00 PST, 9.5 h)", "2026-11-01T06:30:00Z", "2026-11-01T14:00:00Z", "2026-11-01T16:00:00Z"],
    ["the Saturday before 2027's spring change", "2027-03-14T07:30:00Z", "2027-03-14T13:00:00Z", "2027-03-14T15:00:00Z"],
  ])("holds non-urgent texts through quiet hours (21:00–08:00 local) but lets delivered and exceptions go: %s", async (_label, nightIso, earlyIso, morningIso) => {
    const night = new Date(nightIso);
    const early = new Date(earlyIso);
    const morning = new Date(morningIso);
    const { merchant, order, shipments } = await shopWithOrder({ parcels: 3 });
    const sms = await activeSubscription(shipments[0]!.token, "SMS", "+12065550102", order.orderNumber);
    const email = await activeSubscription(shipments[0]!.token, "EMAIL", "quiet@example.com", order.orderNumber);
    await ingest(merchant.id, shipments[0]!.trackingNumber, [scan("OUT_FOR_DELIVERY", minutesAgo(10, night))], night);
    await ingest(merchant.id, shipments[1]!.trackingNumber, [scan("DELIVERED", minutesAgo(10, night))], night);
    await ingest(merchant.id, shipments[2]!.trackingNumber, [scan("EXCEPTION", minutesAgo(10, night))], night);
    const texts = await db.outboxMessage.findMany({ where: { subscriptionId: sms.id, trigger: { not: "CONFIRMATION" } }, orderBy: { trigger: "asc" } });
    const due = Object.fromEntries(texts.map((row) => [row.trigger, row.dueAt.toISOString()]));
    expect(due).toEqual({ OUT_FOR_DELIVERY: morning.toISOString(), DELIVERED: night.toISOString(), EXCEPTION: night.toISOString() });
    // email is never held
    const emails = await rowsOf(email.id);
    expect(emails.every((row) => row.dueAt.getTime() === night.getTime())).toBe(true);

    // 06:00: held until 08:00 the same morning
    const { shipments: more, merchant: m2, order: o2 } = await shopWithOrder();
    const sms2 = await activeSubscription(more[0]!.token, "SMS", "+12065550103", o2.orderNumber);
    await ingest(m2.id, more[0]!.trackingNumber, [scan("IN_TRANSIT", minutesAgo(10, early))], early);
    expect((await rowsOf(sms2.id))[0]!.dueAt.toISOString()).toBe(morning.toISOString());
  });

  it("sends at most 3 texts per parcel per day; past that the row is kept as SUPPRESSED", async () => {
    const { merchant, order, shipments } = await shopWithOrder();
    const sms = await activeSubscription(shipments[0]!.token, "SMS", "+12065550104", order.orderNumber);
    const email = await activeSubscription(shipments[0]!.token, "EMAIL", "cap@example.com", order.orderNumber);
    const tracking = shipments[0]!.trackingNumber;
    const noon = NOON;
    const steps = ["IN_TRANSIT", "EXCEPTION", "OUT_FOR_DELIVERY", "DELIVERY_ATTEMPTED"] as const;
    for (const [index, status] of steps.entries()) {
      const at = new Date(noon.getTime() + index * 3600_000);
      await ingest(merchant.id, tracking, [scan(status, minutesAgo(1, at))], at);
      await db.outboxMessage.updateMany({ where: { status: "PENDING", trigger: { not: "CONFIRMATION" } }, data: { status: "SENT", sentAt: at } });
    }
    // Delays the estimate step records along the way count too, but are not what this test steps through.
    const texts = (await rowsOf(sms.id)).filter((row) => row.trigger !== "DELAY");
    expect(texts.map((row) => [row.trigger, row.status])).toEqual([
      ["SHIPPED", "SENT"], ["EXCEPTION", "SENT"], ["OUT_FOR_DELIVERY", "SENT"], ["DELIVERY_ATTEMPTED", "SUPPRESSED"],
    ]);
    expect(texts[3]!.lastError).toMatch(/daily cap/);
    expect((await rowsOf(email.id)).filter((row) => row.trigger !== "DELAY").map((row) => row.status)).toEqual(["SENT", "SENT", "SENT", "SENT"]);
    const sentToday = (await rowsOf(sms.id)).filter((row) => row.status === "SENT" || row.status === "PENDING");
    expect(sentToday.length).toBeLessThanOrEqual(3);
  });

  it("covers every parcel of the order", async () => {
    const { merchant, order, shipments } = await shopWithOrder({ parcels: 2 });
    const email = await activeSubscription(shipments[0]!.token, "EMAIL", "both@example.com", order.orderNumber, "KEY");
    await ingest(merchant.id, shipments[1]!.trackingNumber, [scan("OUT_FOR_DELIVERY", minutesAgo(5))]);
    const rows = await rowsOf(email.id);
    expect(rows.map((row) => [row.trigger, row.shipmentId])).toEqual([["OUT_FOR_DELIVERY", shipments[1]!.id]]);
  });

  it("announces a delay recorded in the same transaction, with the old and the new dates, and marks it announced", async () => {
    const { order, shipments } = await shopWithOrder();
    const email = await activeSubscription(shipments[0]!.token, "EMAIL", "late@example.com", order.orderNumber, "KEY");
    const now = new Date();
    const delayId = await db.$transaction(async (tx) => {
      // What the estimate step does just before the alerts hook.
      const delay = await tx.delay.create({
        data: {
          shipmentId: shipments[0]!.id, reason: "stalled", previousEarliest: new Date("2026-12-03"), previousLatest: new Date("2026-12-05"),
          newEarliest: new Date("2026-12-08"), newLatest: new Date("2026-12-09"),
        },
      });
      await enqueueAlertsFor(tx, {
        shipmentId: shipments[0]!.id, previousStatus: "IN_TRANSIT", status: "IN_TRANSIT", eventsAdded: 1, addedEvents: [], carrierEstimateChanged: false, now,
      } as Parameters<typeof enqueueAlertsFor>[1]);
      return delay.id;
    });
    const rows = await rowsOf(email.id);
    expect(rows.map((row) => row.trigger)).toEqual(["DELAY"]);
    expect(readPayload(rows[0]!.payload).delay).toEqual({ previousLatest: "2026-12-05", newEarliest: "2026-12-08", newLatest: "2026-12-09" });
    expect((await db.delay.findUniqueOrThrow({ where: { id: delayId } })).announcedAt).not.toBeNull();
  });

  it("announces delays recorded outside an ingestion through the worker's sweep, once", async () => {
    const { order, shipments } = await shopWithOrder();
    const email = await activeSubscription(shipments[0]!.token, "EMAIL", "sweep@example.com", order.orderNumber);
    const delay = await db.delay.create({
      data: {
        shipmentId: shipments[0]!.id, reason: "stalled", previousEarliest: new Date("2026-12-03"), previousLatest: new Date("2026-12-05"),
        newEarliest: new Date("2026-12-07"), newLatest: new Date("2026-12-08"),
      },
    });
    const later = new Date(Date.now() + 5_000);
    await Promise.all([announcePendingDelays(later), announcePendingDelays(later)]);
    await announcePendingDelays(later);
    expect((await rowsOf(email.id)).map((row) => row.trigger)).toEqual(["DELAY"]);
    expect((await db.delay.findUniqueOrThrow({ where: { id: delay.id } })).announcedAt).not.toBeNull();
  });

  it("stays quiet about history that arrives days late (a tracker connected after the fact)", async () => {
    const { merchant, order, shipments } = await shopWithOrder();
    const email = await activeSubscription(shipments[0]!.token, "EMAIL", "late-history@example.com", order.orderNumber);
    await ingest(merchant.id, shipments[0]!.trackingNumber, [scan("IN_TRANSIT", minutesAgo(6 * 24 * 60)), scan("DELIVERED", minutesAgo(4 * 24 * 60))]);
    expect((await rowsOf(email.id)).filter((row) => row.trigger !== "DELAY")).toHaveLength(0);
  });
});
