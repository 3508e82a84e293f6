import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../lib/db";
import { getAnalytics } from "../../../lib/analytics/queries";
import { recordPageView } from "../../../lib/analytics/record-page-view";
import { readDevOutbox } from "../../../lib/console/deliver-message";
import { getAgentOrder, searchShipments } from "../../../lib/console/queries";
import { sendQueuedConsoleMessages } from "../../../lib/console/send-queued-messages";
import { sendTrackingLink } from "../../../lib/console/send-tracking-link";
import { createApiKey } from "../../../lib/merchants/create-api-key";
import { listApiKeys, listConnections } from "../../../lib/merchants/queries";
import { revokeApiKey } from "../../../lib/merchants/revoke-api-key";
import { createOrder } from "../../../lib/shipments/create-order";
import { resetDatabase } from "../support/reset-database";
import { merchantWithKey, orderBody } from "../support/api-fixtures";

/** Every console action, tried by merchant B's user with merchant A's ids: nothing found, nothing sent, nothing changed. */
describe("console tenancy", () => {
  let a: Awaited<ReturnType<typeof merchantWithKey>>;
  let b: Awaited<ReturnType<typeof merchantWithKey>>;
  let orderA: Awaited<ReturnType<typeof createOrder>>;
  let userB: string;
  const now = new Date();

  beforeAll(async () => {
    await resetDatabase();
    a = await merchantWithKey("console-a");
    b = await merchantWithKey("console-b");
    orderA = await createOrder(a.merchant.id, orderBody("A-100", ["AONE"]));
    userB = (await db.consoleUser.create({ data: { merchantId: b.merchant.id, email: "agent@b.example", role: "agent" }, select: { id: true } })).id;
  });

  it("the agent view of A's order is not found for B", async () => {
    expect(await getAgentOrder(b.merchant.id, orderA.id)).toBeNull();
    expect(await getAgentOrder(a.merchant.id, orderA.id)).not.toBeNull();
  });

  it("search never returns A's shipments to B, by any field", async () => {
    for (const q of ["A-100", "AONE", "robin@example.com", "3125550199", "+1 312 555 0199", ""]) {
      expect(await searchShipments(b.merchant.id, { q }, now), q).toEqual([]);
    }
    expect(await searchShipments(a.merchant.id, { q: "(312) 555-0199" }, now)).toHaveLength(1);
  });

  it("B cannot send A's tracking link", async () => {
    await expect(
      sendTrackingLink(b.merchant.id, userB, { orderId: orderA.id, shipmentId: orderA.shipments[0]!.id, channel: "email" }),
    ).rejects.toMatchObject({ code: "not_found" });
    expect((await readDevOutbox()).filter((m) => m.text.includes(orderA.shipments[0]!.token))).toEqual([]);
    expect(await db.auditEntry.count()).toBe(0);
  });

  it("B cannot revoke A's key, and sees only its own keys and connections", async () => {
    await expect(revokeApiKey(b.merchant.id, a.apiKey.id, now)).rejects.toMatchObject({ code: "not_found" });
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: a.apiKey.id } })).revokedAt).toBeNull();
    await createApiKey(b.merchant.id, { name: "b second" });
    expect((await listApiKeys(b.merchant.id)).map((key) => key.id)).not.toContain(a.apiKey.id);
    expect((await listConnections(b.merchant.id)).every((c) => c.webhookUrl.endsWith("/console-b"))).toBe(true);
  });

  it("A's analytics are not B's", async () => {
    await recordPageView(orderA.shipments[0]!.token, now);
    const period = { from: new Date(now.getTime() - 86_400_000), to: new Date(now.getTime() + 86_400_000) };
    expect((await getAnalytics(b.merchant.id, period, "UTC")).views.uniqueShipments).toBe(0);
    expect((await getAnalytics(a.merchant.id, period, "UTC")).views.uniqueShipments).toBe(1);
  });

  it("A's agent sends the link to the shopper on file, and it is logged", async () => {
    const userA = (await db.consoleUser.create({ data: { merchantId: a.merchant.id, email: "agent@a.example" }, select: { id: true } })).id;
    const sent = await sendTrackingLink(a.merchant.id, userA, { orderId: orderA.id, shipmentId: orderA.shipments[0]!.id, channel: "sms" });
    expect(sent).toMatchObject({ channel: "sms", to: "+13125550199", transport: "queued" });
    await sendQueuedConsoleMessages(new Date(Date.now() + 86_400_000)); // the worker, after any quiet hours
    const [message] = (await readDevOutbox()).filter((m) => m.text.includes(orderA.shipments[0]!.token));
    expect(message).toMatchObject({ channel: "sms", to: "+13125550199", kind: "tracking-link" });
    expect(message!.text).toContain(orderA.shipments[0]!.trackingUrl);
    const view = await getAgentOrder(a.merchant.id, orderA.id);
    expect(view!.audit).toEqual([expect.objectContaining({ action: "tracking_link_sent", user: { email: "agent@a.example" } })]);
  });
});
