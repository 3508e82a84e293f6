import { db } from "../db";
import { logger } from "../logger";
import { isDatabaseUnavailable } from "../webhooks/database-unavailable";
import { PLATFORM_RULES } from "./platform-rules";
import type { ShopPlatform } from "./platforms";
import { processShopDelivery } from "./process-shop-delivery";
import { normalizeShopDomain } from "./shop-domain";
import { MAX_SHOP_DELIVERY_CLAIMS, settleShopDelivery, SHOP_CLAIM_LEASE_MS } from "./store-shop-delivery";

export interface ShopSweepStats {
  claimed: number;
  /** Settled by processing: applied, ignored, unmatched or a privacy request honoured. */
  settled: number;
  /**
   * Settled FAILED: the body is not the topic's shape, processing began MAX_SHOP_DELIVERY_CLAIMS times and
   * never finished (the process died each time), or it ended in an unexpected error on the last claim.
   */
  failed: number;
  /** Left RECEIVED after an unexpected error, for the next sweep. */
  retried: number;
}

export interface ClaimedShopDelivery {
  id: string;
  merchantId: string;
  provider: ShopPlatform;
  headers: Record<string, string>;
  body: string;
  /** Claims so far, this one included. */
  attempts: number;
  originCountry: string;
}

/** Why a delivery claimed too often is given up: said plainly, for whoever reads the FAILED row. */
export const NEVER_FINISHED =
  `processing began ${MAX_SHOP_DELIVERY_CLAIMS} times and never finished (the process died or hung each time, e.g. out of memory); not tried again`;

/**
 * Shop deliveries are processed in their request (process-shop-delivery.ts says why). One can still be
 * left RECEIVED: the process died between storing and processing it, or processing hit a transient error.
 * Shopify's retry heals that, but WooCommerce never retries: this sweep, run by the worker, takes every
 * shop delivery still RECEIVED whose claim is older than the lease (SHOP_CLAIM_LEASE_MS, two minutes) and
 * processes it as the request would have. The claim is one UPDATE over a FOR UPDATE SKIP LOCKED subquery
 * that moves `claimedAt` to now and counts the claim in `attempts`, so concurrent sweeps (and a shop's
 * retry, which claims the same way in openShopDelivery) take disjoint rows and each delivery is processed
 * once. A delivery claimed more than MAX_SHOP_DELIVERY_CLAIMS times has had that many tries that never
 * finished (a crash is never recorded by the process it kills: only the count of claims tells), so it is
 * settled FAILED with NEVER_FINISHED, unprocessed, and logged. A body that is not the topic's shape is
 * settled FAILED with its reason, as in the request; an unexpected error leaves it RECEIVED for the next
 * sweep, and FAILED with that error on its last claim. An unreachable database stops the sweep (thrown):
 * the rows claimed stay RECEIVED and are taken again once their lease is over.
 */
export async function sweepStuckShopDeliveries(now: Date, options: { limit?: number } = {}): Promise<ShopSweepStats> {
  const stats: ShopSweepStats = { claimed: 0, settled: 0, failed: 0, retried: 0 };
  const claimed = await claimStuckShopDeliveries(now, options.limit ?? 50);
  stats.claimed = claimed.length;
  for (const delivery of claimed) {
    if (delivery.attempts > MAX_SHOP_DELIVERY_CLAIMS) {
      logger.error({ deliveryId: delivery.id, provider: delivery.provider, claims: delivery.attempts - 1 }, "shop delivery given up: its processing never finished");
      await settleShopDelivery(db, delivery.id, "FAILED", NEVER_FINISHED, now);
      stats.failed++;
      continue;
    }
    const rules = PLATFORM_RULES[delivery.provider];
    const headers = new Headers(delivery.headers);
    const topic = rules.topic(headers)?.trim().toLowerCase();
    // The store, from the header the request verified against the connection (kept with the delivery).
    const shopDomain = normalizeShopDomain(rules.source(headers));
    if (!topic || !shopDomain) {
      await settleShopDelivery(db, delivery.id, "FAILED", `no ${topic ? rules.sourceHeader : "topic"} header stored with the delivery`, now);
      stats.failed++;
      continue;
    }
    try {
      const result = await processShopDelivery(
        { id: delivery.id, merchantId: delivery.merchantId, platform: delivery.provider, shopDomain, topic, body: delivery.body, fallbackCountry: delivery.originCountry },
        now,
      );
      if (result.kind === "invalid") stats.failed++;
      else stats.settled++;
    } catch (error) {
      if (isDatabaseUnavailable(error)) throw error;
      const message = error instanceof Error ? error.message : String(error);
      const final = delivery.attempts >= MAX_SHOP_DELIVERY_CLAIMS;
      logger.error({ deliveryId: delivery.id, attempts: delivery.attempts, final, err: message }, "stuck shop delivery failed again");
      await db.webhookDelivery.update({
        where: { id: delivery.id },
        data: { error: message.slice(0, 1000), ...(final ? { outcome: "FAILED", processedAt: now } : {}) },
        select: { id: true },
      });
      if (final) stats.failed++;
      else stats.retried++;
    }
  }
  if (stats.claimed > 0) logger.info({ ...stats }, "stuck shop deliveries swept");
  return stats;
}

/**
 * Claims up to `limit` shop deliveries RECEIVED and unclaimed for longer than the lease (each claim counted
 * in `attempts`). Exported for the test that plays a sweep dying mid-processing: it claims and goes no further.
 */
export async function claimStuckShopDeliveries(now: Date, limit: number): Promise<ClaimedShopDelivery[]> {
  const leaseOpened = new Date(now.getTime() - SHOP_CLAIM_LEASE_MS).toISOString();
  const rows = await db.$queryRaw<ClaimedShopDelivery[]>`
    UPDATE "WebhookDelivery" d SET "claimedAt" = ${now.toISOString()}::timestamp(3), "attempts" = d."attempts" + 1
    FROM (
      SELECT "id" FROM "WebhookDelivery"
      WHERE "outcome" = 'RECEIVED' AND "provider" IN ('shopify', 'woocommerce')
        AND COALESCE("claimedAt", "receivedAt") <= ${leaseOpened}::timestamp(3)
      ORDER BY "receivedAt", "id" LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    ) c, "Merchant" m
    WHERE d."id" = c."id" AND m."id" = d."merchantId"
    RETURNING d."id", d."merchantId", d."provider"::text AS "provider", d."headers", d."body", d."attempts", m."originCountry"`;
  return rows.map((row) => ({ ...row, attempts: Number(row.attempts) }));
}
