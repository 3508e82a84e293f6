import { randomUUID } from "node:crypto";
import { db, type Tx } from "../db";
import type { ShopPlatform } from "./platforms";

export interface ShopDeliveryRow {
  merchantId: string;
  platform: ShopPlatform;
  /** The sender's id for this delivery (or a body hash): the same one again is a replay. */
  externalId: string;
  headers: Record<string, string>;
  body: string;
  signature: string;
  receivedAt: Date;
}

/**
 * How long a claim on a RECEIVED shop delivery holds: whoever began processing it (the request, a shop's
 * retry, a sweep) is taken to be still at it for this long, and nobody else starts. Longer than processing
 * can take (its transactions give up after 10 s waiting plus 30 s running); after it, a delivery still
 * RECEIVED is stuck and the worker's sweep (sweep-stuck-shop-deliveries.ts) takes it.
 */
export const SHOP_CLAIM_LEASE_MS = 120_000;

/**
 * Times processing of one shop delivery may begin (claims, counted in "attempts" as each is taken: by its
 * request, a shop's retry, a sweep). Counted at claim time, not when processing ends, because the failure
 * that matters here never ends: a delivery whose processing kills the process (out of memory, say) would
 * otherwise be claimed again after every lease, forever, taking the process down each time. Past this,
 * the next sweep settles it FAILED unprocessed (sweep-stuck-shop-deliveries.ts), and a shop's retry is
 * answered as a replay.
 */
export const MAX_SHOP_DELIVERY_CLAIMS = 5;

/**
 * Stores a verified shop delivery as RECEIVED, claimed by this request (attempts 1), and commits it before
 * anything else happens, so it is durable whatever processing does. The same delivery again (its
 * externalId) is not stored twice: if the first one was settled this returns null (a replay, nothing to
 * do); if it FAILED, or is still RECEIVED and nobody claimed it within the lease (a crash, the database
 * gone mid-way), it is claimed again (attempts + 1) and its id comes back to be processed: the shop's retry
 * heals it at once. A RECEIVED one claimed within the lease is being processed right now (the request the
 * shop timed out on, or a sweep): null, and that one finishes it. So is one claimed MAX_SHOP_DELIVERY_CLAIMS
 * times already: null, and the sweep settles it FAILED.
 */
export async function openShopDelivery(row: ShopDeliveryRow): Promise<string | null> {
  const claimedAt = row.receivedAt.toISOString();
  const leaseOpened = new Date(row.receivedAt.getTime() - SHOP_CLAIM_LEASE_MS).toISOString();
  const rows = await db.$queryRaw<{ id: string }[]>`
    INSERT INTO "WebhookDelivery" ("id", "merchantId", "provider", "headers", "body", "signature", "receivedAt", "outcome", "attempts", "externalId", "claimedAt")
    VALUES (${randomUUID()}, ${row.merchantId}, ${row.platform}::"Provider", ${JSON.stringify(row.headers)}::jsonb, ${row.body}, ${row.signature},
      ${row.receivedAt.toISOString()}::timestamp(3), 'RECEIVED', 1, ${row.externalId}, ${claimedAt}::timestamp(3))
    ON CONFLICT ("merchantId", "provider", "externalId") DO UPDATE
      SET "claimedAt" = ${claimedAt}::timestamp(3), "attempts" = "WebhookDelivery"."attempts" + 1
      WHERE "WebhookDelivery"."attempts" < ${MAX_SHOP_DELIVERY_CLAIMS}
        AND ("WebhookDelivery"."outcome" = 'FAILED'
          OR ("WebhookDelivery"."outcome" = 'RECEIVED'
            AND COALESCE("WebhookDelivery"."claimedAt", "WebhookDelivery"."receivedAt") <= ${leaseOpened}::timestamp(3)))
    RETURNING "id"`;
  return rows[0]?.id ?? null;
}

export type ShopOutcome = "PROCESSED" | "IGNORED" | "UNMATCHED" | "FAILED";

/**
 * Records how a shop delivery ended (in the caller's transaction when it commits with the changes). Not
 * counted in "attempts": the claim that began this processing already was.
 */
export async function settleShopDelivery(client: Tx, id: string, outcome: ShopOutcome, error: string | null, now: Date): Promise<void> {
  await client.webhookDelivery.update({
    where: { id },
    data: { outcome, error: error?.slice(0, 1000) ?? null, processedAt: now },
    select: { id: true },
  });
}
