import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../lib/db";
import { inviteUser } from "../../../lib/console/invite-user";
import { getAgentOrder, searchShipments } from "../../../lib/console/queries";
import { removeConsoleUser } from "../../../lib/console/remove-user";
import { revokeUserSessions } from "../../../lib/console/revoke-user-sessions";
import { sendTrackingLink } from "../../../lib/console/send-tracking-link";
import { createApiKey } from "../../../lib/merchants/create-api-key";
import { revokeApiKey } from "../../../lib/merchants/revoke-api-key";
import { setProviderConnection } from "../../../lib/merchants/set-provider-connection";
import { setShopConnection } from "../../../lib/shops/set-shop-connection";
import { updateBranding } from "../../../lib/merchants/update-branding";
import { createOrder } from "../../../lib/shipments/create-order";
import { merchantWithKey, orderBody } from "../support/api-fixtures";
import { resetDatabase } from "../support/reset-database";

/**
 * Console forms have no JSON floor under them (the API refuses control characters in any body): each lib
 * function a console action calls refuses them itself. Found by the abuse suite: a NUL in these fields was a
 * PostgreSQL error (22021) and a 500 page.
 */
describe("console form values with a NUL or other control characters", () => {
  const now = new Date();
  const NUL = "a\u0000b";
  let merchantId = "";
  let owner: { merchantId: string; userId: string; role: "owner" };

  beforeAll(async () => {
    await resetDatabase();
    merchantId = (await merchantWithKey("hostile-console")).merchant.id;
    await createOrder(merchantId, orderBody("HC-1", ["HCONE"]));
    const user = await db.consoleUser.create({ data: { merchantId, email: "owner@hostile.example", role: "owner" }, select: { id: true } });
    owner = { merchantId, userId: user.id, role: "owner" };
  });

  it("ids that cannot be ids name nothing (404), without asking the database", async () => {
    await expect(removeConsoleUser(owner, NUL, now)).rejects.toMatchObject({ code: "not_found" });
    await expect(revokeUserSessions(owner, NUL, now)).rejects.toMatchObject({ code: "not_found" });
    await expect(revokeApiKey(merchantId, NUL, now)).rejects.toMatchObject({ code: "not_found" });
    await expect(sendTrackingLink(merchantId, owner.userId, { orderId: NUL, shipmentId: NUL, channel: "email" })).rejects.toMatchObject({ code: "not_found" });
    expect(await getAgentOrder(merchantId, NUL)).toBeNull();
    // Found by the abuse suite: a 10 kB order id with an empty shipment id was "validation failed", and the
    // action's redirect back to /console/orders/{that id} had a Location header no client would read.
    await expect(sendTrackingLink(merchantId, owner.userId, { orderId: "é".repeat(5_000), shipmentId: "", channel: "email" })).rejects.toMatchObject({ code: "not_found" });
  });

  it("the search box turns control characters into spaces", async () => {
    expect(await searchShipments(merchantId, { q: "\u0000HC-1\u0007" }, now)).toHaveLength(1);
    expect(await searchShipments(merchantId, { q: NUL }, now)).toEqual([]);
  });

  it("names, secrets and the custom message refuse control characters (422), and nothing is stored", async () => {
    const before = JSON.stringify(await db.merchant.findUniqueOrThrow({ where: { id: merchantId }, include: { apiKeys: true, connections: true, users: true } }));
    await expect(createApiKey(merchantId, { name: NUL })).rejects.toMatchObject({ code: "validation_failed" });
    await expect(setProviderConnection(merchantId, "generic", `a-long-enough-secret${NUL}`)).rejects.toMatchObject({ code: "validation_failed" });
    await expect(setProviderConnection(merchantId, "generic", "a-long-enough-secret\u0007")).rejects.toMatchObject({ code: "validation_failed" });
    await expect(setShopConnection(merchantId, "shopify", { shopDomain: "hc.myshopify.com", secret: `a-long-enough-secret${NUL}` })).rejects.toMatchObject({ code: "validation_failed" });
    await expect(setShopConnection(merchantId, "shopify", { shopDomain: `hc.myshopify.com${NUL}`, secret: "a-long-enough-secret" })).rejects.toMatchObject({ code: "validation_failed" });
    await expect(setShopConnection(merchantId, "woocommerce", { shopDomain: "https://shop.example/a\u2028b", secret: "a-long-enough-secret" })).rejects.toMatchObject({ code: "validation_failed" });
    expect(await db.shopConnection.count({ where: { merchantId } })).toBe(0);
    await expect(updateBranding(merchantId, { customMessage: `Thanks${NUL}` })).rejects.toMatchObject({ code: "validation_failed" });
    await expect(inviteUser(merchantId, { email: "new@hostile.example", role: "agent", name: NUL }, now)).rejects.toMatchObject({ code: "validation_failed" });
    expect(JSON.stringify(await db.merchant.findUniqueOrThrow({ where: { id: merchantId }, include: { apiKeys: true, connections: true, users: true } }))).toBe(before);
    // Line breaks still belong in the custom message.
    await updateBranding(merchantId, { customMessage: "Thanks!\nSee you soon." });
  });
});
