import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "../../../lib/db";
import { createMerchant } from "../../../lib/merchants/create-merchant";
import { createFileEmailChannel, createFileSmsChannel } from "../../../lib/notifications/channels/file";
import { OutboxWorker } from "../../../lib/notifications/outbox/worker";
import { keptHeaders, PLATFORM_RULES } from "../../../lib/shops/platform-rules";
import type { ShopPlatform } from "../../../lib/shops/platforms";
import { setShopConnection } from "../../../lib/shops/set-shop-connection";
import { MAX_SHOP_DELIVERY_CLAIMS, openShopDelivery, SHOP_CLAIM_LEASE_MS } from "../../../lib/shops/store-shop-delivery";
import { claimStuckShopDeliveries, NEVER_FINISHED, sweepStuckShopDeliveries, type ShopSweepStats } from "../../../lib/shops/sweep-stuck-shop-deliveries";
import { resetDatabase } from "../support/reset-database";
import { SHOPIFY_SECRET, shopifyHeaders, WOO_SECRET, wooHeaders, wpJsonEncode } from "../support/serve-shops";

const SHOPIFY_ORDER = readFileSync("tests/fixtures/shops/shopify-orders-create.json", "utf8");
const WOO_ORDER = JSON.parse(readFileSync("tests/fixtures/shops/woocommerce-order-created.json", "utf8")) as Record<string, unknown>;
const minutesAgo = (minutes: number, from = new Date()) => new Date(from.getTime() - minutes * 60_000);

/**
 * A shop delivery exactly as the request stored it (openShopDelivery, verified headers kept) before the
 * process died: RECEIVED, never processed.
 */
async function stuck(merchantId: string, platform: ShopPlatform, body: string, topic: string, receivedAt: Date, webhookId?: string) {
  const headers = new Headers(platform === "shopify" ? shopifyHeaders(body, topic, { webhookId }) : wooHeaders(body, topic));
  const id = await openShopDelivery({
    merchantId, platform, externalId: PLATFORM_RULES[platform].deliveryKey(headers, topic, body),
    headers: keptHeaders(PLATFORM_RULES[platform], headers), body, signature: "hmac-sha256-base64", receivedAt,
  });
  return id!;
}

const wooOrder = (id: number) => wpJsonEncode({ ...WOO_ORDER, id, number: String(id) });
const deliveryOf = (id: string) => db.webhookDelivery.findUniqueOrThrow({ where: { id }, select: { outcome: true, attempts: true, error: true } });

describe("the worker's sweep for shop deliveries stuck RECEIVED", () => {
  let merchantId: string;

  beforeEach(async () => {
    await resetDatabase();
    merchantId = (await createMerchant({ slug: "northwind", name: "Northwind", timeZone: undefined, defaultLocale: undefined })).id;
    await setShopConnection(merchantId, "shopify", { shopDomain: "northwind.myshopify.com", secret: SHOPIFY_SECRET });
    await setShopConnection(merchantId, "woocommerce", { shopDomain: "https://shop.example.com", secret: WOO_SECRET });
  });

  it("processes a Shopify and a WooCommerce delivery stuck past the lease, each once; a second sweep changes nothing", async () => {
    const now = new Date();
    const shopify = await stuck(merchantId, "shopify", SHOPIFY_ORDER, "orders/create", minutesAgo(5, now));
    const woo = await stuck(merchantId, "woocommerce", wooOrder(727), "order.created", minutesAgo(3, now));
    expect(await sweepStuckShopDeliveries(now)).toEqual({ claimed: 2, settled: 2, failed: 0, retried: 0 });
    expect(await deliveryOf(shopify)).toEqual({ outcome: "PROCESSED", attempts: 2, error: null });
    expect(await deliveryOf(woo)).toEqual({ outcome: "PROCESSED", attempts: 2, error: null });
    const orders = await db.order.findMany({ where: { merchantId }, select: { orderNumber: true, shopperEmail: true }, orderBy: { orderNumber: "asc" } });
    expect(orders).toEqual([{ orderNumber: "#9999", shopperEmail: "jon@example.com" }, { orderNumber: "727", shopperEmail: expect.any(String) }]);
    expect(await sweepStuckShopDeliveries(new Date(now.getTime() + 10 * 60_000))).toEqual({ claimed: 0, settled: 0, failed: 0, retried: 0 });
    expect(await db.order.count({ where: { merchantId } })).toBe(2);
  });

  it("leaves a delivery claimed less than the lease ago alone: its request may still be processing it", async () => {
    const now = new Date();
    const recent = await stuck(merchantId, "woocommerce", wooOrder(728), "order.created", new Date(now.getTime() - SHOP_CLAIM_LEASE_MS + 5_000));
    expect((await sweepStuckShopDeliveries(now)).claimed).toBe(0);
    expect((await deliveryOf(recent)).outcome).toBe("RECEIVED");
    expect((await sweepStuckShopDeliveries(new Date(now.getTime() + 10_000))).settled).toBe(1);
  });

  it("marks a body that is not the topic's shape FAILED with its reason", async () => {
    const broken = await stuck(merchantId, "shopify", JSON.stringify({ name: "#1", email: "x@example.com" }), "orders/create", minutesAgo(5));
    expect(await sweepStuckShopDeliveries(new Date())).toMatchObject({ claimed: 1, failed: 1 });
    const delivery = await deliveryOf(broken);
    expect(delivery.outcome).toBe("FAILED");
    expect(delivery.error).toMatch(/id/);
    expect(await db.order.count({ where: { merchantId } })).toBe(0);
  });

  it("a shop's retry and a sweep never both take one delivery: the retry claims it, the sweep then finds nothing", async () => {
    const now = new Date();
    const first = await stuck(merchantId, "shopify", SHOPIFY_ORDER, "orders/create", minutesAgo(5, now), "retry-me");
    // Shopify's retry of the same webhook id, now: the stuck row is claimed for that request.
    expect(await stuck(merchantId, "shopify", SHOPIFY_ORDER, "orders/create", now, "retry-me")).toBe(first);
    expect((await sweepStuckShopDeliveries(now)).claimed).toBe(0);
    // And while that claim holds, a further retry is not processed twice either.
    await expect(openShopDelivery({ merchantId, platform: "shopify", externalId: "id:retry-me", headers: {}, body: SHOPIFY_ORDER, signature: "x", receivedAt: now })).resolves.toBeNull();
  });

  it("two sweeps running at once process every delivery exactly once", async () => {
    const now = new Date();
    const ids: string[] = [];
    for (let order = 1; order <= 12; order++) ids.push(await stuck(merchantId, "woocommerce", wooOrder(1000 + order), "order.created", minutesAgo(5 + order, now)));
    const drain = async () => {
      const total: ShopSweepStats = { claimed: 0, settled: 0, failed: 0, retried: 0 };
      for (;;) {
        const done = await sweepStuckShopDeliveries(now, { limit: 2 });
        for (const key of Object.keys(total) as (keyof ShopSweepStats)[]) total[key] += done[key];
        if (done.claimed === 0) return total;
      }
    };
    const [a, b] = await Promise.all([drain(), drain()]);
    expect(a.claimed + b.claimed).toBe(12);
    expect(a.settled + b.settled).toBe(12);
    for (const id of ids) expect(await deliveryOf(id)).toEqual({ outcome: "PROCESSED", attempts: 2, error: null });
    expect(await db.order.count({ where: { merchantId } })).toBe(12);
  });

  it("counts claims, not finished tries: a delivery whose processing kills the process every time is given up FAILED, unprocessed, and no retry takes it again", async () => {
    const t0 = minutesAgo(60);
    const afterLease = (claims: number) => new Date(t0.getTime() + claims * (SHOP_CLAIM_LEASE_MS + 1_000));
    // Claim 1: the request stored it and died processing it (nothing recorded: the process was gone).
    const id = await stuck(merchantId, "shopify", SHOPIFY_ORDER, "orders/create", t0, "kills-the-process");
    expect(await deliveryOf(id)).toMatchObject({ outcome: "RECEIVED", attempts: 1 });
    // Claims 2..MAX: sweeps (and a shop's retry) take it after each lease and die the same way, recording nothing either.
    for (let claim = 2; claim <= MAX_SHOP_DELIVERY_CLAIMS; claim++) {
      if (claim === 3) {
        expect(await openShopDelivery({ merchantId, platform: "shopify", externalId: "id:kills-the-process", headers: {}, body: SHOPIFY_ORDER, signature: "x", receivedAt: afterLease(claim - 1) })).toBe(id);
      } else {
        expect((await claimStuckShopDeliveries(afterLease(claim - 1), 10)).map((row) => row.id)).toEqual([id]);
      }
      expect(await deliveryOf(id)).toMatchObject({ outcome: "RECEIVED", attempts: claim });
    }
    // A shop's retry past the last lease is answered as a replay: it does not begin a try that would die again.
    await expect(openShopDelivery({ merchantId, platform: "shopify", externalId: "id:kills-the-process", headers: {}, body: SHOPIFY_ORDER, signature: "x", receivedAt: afterLease(MAX_SHOP_DELIVERY_CLAIMS) })).resolves.toBeNull();
    // The next sweep gives it up with a clear reason, without processing it (the order it carries is not created).
    expect(await sweepStuckShopDeliveries(afterLease(MAX_SHOP_DELIVERY_CLAIMS))).toEqual({ claimed: 1, settled: 0, failed: 1, retried: 0 });
    expect(await deliveryOf(id)).toEqual({ outcome: "FAILED", attempts: MAX_SHOP_DELIVERY_CLAIMS + 1, error: NEVER_FINISHED });
    expect(await db.order.count({ where: { merchantId } })).toBe(0);
    // Settled: no sweep and no retry takes it again.
    expect((await sweepStuckShopDeliveries(afterLease(MAX_SHOP_DELIVERY_CLAIMS + 5))).claimed).toBe(0);
    await expect(openShopDelivery({ merchantId, platform: "shopify", externalId: "id:kills-the-process", headers: {}, body: SHOPIFY_ORDER, signature: "x", receivedAt: afterLease(MAX_SHOP_DELIVERY_CLAIMS + 5) })).resolves.toBeNull();
  });

  it("a delivery that finishes on a later claim is processed normally: claims below the limit are just tries", async () => {
    const t0 = minutesAgo(30);
    const id = await stuck(merchantId, "woocommerce", wooOrder(730), "order.created", t0);
    expect(await claimStuckShopDeliveries(new Date(t0.getTime() + SHOP_CLAIM_LEASE_MS + 1_000), 10)).toHaveLength(1);
    expect(await sweepStuckShopDeliveries(new Date(t0.getTime() + 2 * (SHOP_CLAIM_LEASE_MS + 1_000)))).toMatchObject({ claimed: 1, settled: 1 });
    expect(await deliveryOf(id)).toEqual({ outcome: "PROCESSED", attempts: 3, error: null });
  });

  it("runs in the outbox worker: a started worker heals a stuck delivery by itself", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "shop-sweep-"));
    const id = await stuck(merchantId, "woocommerce", wooOrder(729), "order.created", minutesAgo(5));
    const worker = new OutboxWorker({
      channels: { email: createFileEmailChannel(dir), sms: createFileSmsChannel(dir) },
      listen: "off", delaySweepMs: 0, consoleMessagesMs: 0, overdueSweepMs: 0, domainRecheckMs: 0, retentionSweepMs: 0, shopSweepMs: 100,
    });
    await worker.start();
    try {
      const deadline = Date.now() + 20_000;
      while ((await deliveryOf(id)).outcome === "RECEIVED" && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      await worker.stop();
    }
    expect(await deliveryOf(id)).toEqual({ outcome: "PROCESSED", attempts: 2, error: null });
    expect(await db.order.count({ where: { merchantId, orderNumber: "729" } })).toBe(1);
  });
});
