import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../lib/db";
import { createFileEmailChannel, createFileSmsChannel, listStoredMessages } from "../../../lib/notifications/channels/file";
import { OutboxWorker } from "../../../lib/notifications/outbox/worker";
import { requeueFailed } from "../../../lib/notifications/outbox/requeue-failed";
import { inspectUnsubscribeLink, unsubscribeLinkToken } from "../../../lib/notifications/unsubscribe";
import { GET as unsubscribeGet, POST as unsubscribePost } from "../../../app/alerts/unsubscribe/route";
import { resetDatabase } from "../support/reset-database";
import { activeSubscription, ingest, minutesAgo, scan, shopWithOrder } from "./support";

describe("unsubscribe endpoints and the file transports", () => {
  beforeAll(resetDatabase);

  it("accepts RFC 8058 one-click POSTs (no cookie, no page) and 404s unknown tokens", async () => {
    const { order, shipments } = await shopWithOrder();
    const subscription = await activeSubscription(shipments[0]!.token, "EMAIL", "oneclick@example.com", order.orderNumber);
    const token = unsubscribeLinkToken(subscription.id);
    const request = (value: string) =>
      new Request(`http://parcelpage.test/alerts/unsubscribe?token=${encodeURIComponent(value)}`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "List-Unsubscribe=One-Click",
      });
    expect((await unsubscribePost(request(token))).status).toBe(200);
    expect(await db.alertSubscription.findUniqueOrThrow({ where: { id: subscription.id } })).toMatchObject({ status: "UNSUBSCRIBED", endReason: "one-click" });
    expect((await unsubscribePost(request(token))).status).toBe(200); // idempotent
    expect((await unsubscribePost(request(`${token.slice(0, -3)}abc`))).status).toBe(404);
  });

  it("GET on the email's unsubscribe link changes nothing (mail scanners fetch links): it leads to the page whose button unsubscribes", async () => {
    const { order, shipments } = await shopWithOrder();
    const subscription = await activeSubscription(shipments[0]!.token, "EMAIL", "link@example.com", order.orderNumber);
    const token = unsubscribeLinkToken(subscription.id);
    for (let i = 0; i < 3; i += 1) {
      const response = await unsubscribeGet(new Request(`http://parcelpage.test/alerts/unsubscribe?token=${token}`));
      expect(response.status).toBe(303);
      expect(response.headers.get("location")).toBe(`http://parcelpage.test/alerts/unsubscribed?token=${encodeURIComponent(token)}`);
    }
    expect(await db.alertSubscription.findUniqueOrThrow({ where: { id: subscription.id } })).toMatchObject({ status: "ACTIVE", endReason: null });
    // What that page shows is read-only too: a button, because the subscription is still live.
    expect(await inspectUnsubscribeLink(token, new Date())).toMatchObject({ state: "resubscribed", subscribed: true });
    expect(await db.alertSubscription.findUniqueOrThrow({ where: { id: subscription.id } })).toMatchObject({ status: "ACTIVE" });
  });

  it("with nothing configured, writes each message once to the outbox folder, as the shopper would see it", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "parcelpage-outbox-"));
    const { merchant, order, shipments } = await shopWithOrder();
    await activeSubscription(shipments[0]!.token, "EMAIL", "file@example.com", order.orderNumber);
    await activeSubscription(shipments[0]!.token, "SMS", "+12065550160", order.orderNumber);
    await ingest(merchant.id, shipments[0]!.trackingNumber, [scan("DELIVERED", minutesAgo(5))]);
    const worker = new OutboxWorker({ channels: { email: createFileEmailChannel(dir), sms: createFileSmsChannel(dir) }, listen: "off", delaySweepMs: 0 });
    expect((await worker.drain()).sent).toBe(2);
    const stored = await listStoredMessages(dir);
    expect(stored.map((message) => message.channel).sort()).toEqual(["email", "sms"]);
    const email = stored.find((message) => message.channel === "email");
    expect(email).toMatchObject({ to: "file@example.com", subject: `Delivered: order ${order.orderNumber}` });
    expect(email?.channel === "email" && email.html).toContain("Track package");
    expect(readdirSync(dir)).toHaveLength(2);
    // The folder is shared (the console writes its one-off messages there): other shapes are skipped, not fatal.
    writeFileSync(path.join(dir, "old-format.json"), JSON.stringify({ id: "x", createdAt: "2026-01-01T00:00:00Z", channel: "email", kind: "sign-in-link", to: "a@b.c", subject: "Sign in", text: "link" }));
    writeFileSync(path.join(dir, "broken.json"), "{not json");
    writeFileSync(path.join(dir, "other.json"), JSON.stringify({ hello: "world" }));
    const listed = await listStoredMessages(dir);
    expect(listed.map((message) => message.channel)).toHaveLength(3);
    expect(listed.at(-1)).toMatchObject({ channel: "email", to: "a@b.c", subject: "Sign in", writtenAt: "2026-01-01T00:00:00Z" });
    const rows = await db.outboxMessage.findMany({ where: { shipmentId: shipments[0]!.id } });
    expect(rows.every((row) => row.status === "SENT" && row.providerMessageId?.startsWith("file:"))).toBe(true);
  });

  it("puts dead letters back in the queue for an active subscription only (alerts:requeue)", async () => {
    const { merchant, order, shipments } = await shopWithOrder();
    const live = await activeSubscription(shipments[0]!.token, "EMAIL", "requeue@example.com", order.orderNumber);
    const ended = await activeSubscription(shipments[0]!.token, "SMS", "+12065550170", order.orderNumber);
    await ingest(merchant.id, shipments[0]!.trackingNumber, [scan("DELIVERED", minutesAgo(5))]);
    await db.outboxMessage.updateMany({ where: { shipmentId: shipments[0]!.id }, data: { status: "FAILED", attempts: 10, lastError: "smtp down" } });
    await db.alertSubscription.update({ where: { id: ended.id }, data: { status: "UNSUBSCRIBED" } });
    expect(await requeueFailed({ merchantSlug: "no-such-shop" }, new Date())).toBe(0);
    expect(await requeueFailed({}, new Date())).toBe(1);
    expect(await db.outboxMessage.findFirstOrThrow({ where: { subscriptionId: live.id, trigger: "DELIVERED" } })).toMatchObject({ status: "PENDING", attempts: 0 });
    expect(await db.outboxMessage.findFirstOrThrow({ where: { subscriptionId: ended.id, trigger: "DELIVERED" } })).toMatchObject({ status: "FAILED" });
  });
});
