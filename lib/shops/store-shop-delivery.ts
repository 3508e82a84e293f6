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
 * Stores a verified shop delivery as RECEIVED and commits it before anything else happens, so it is
 * durable whatever processing does. The same delivery again (its externalId) is not stored twice: if the
 * first one was settled this returns null (a replay, nothing to do); if it is still RECEIVED or FAILED
 * (a crash, a bug, the database gone mid-way) its id comes back and it is processed again: the retry the
 * shop sends is how it heals.
 */
export async function openShopDelivery(row: ShopDeliveryRow): Promise<string | null> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    INSERT INTO "WebhookDelivery" ("id", "merchantId", "provider", "headers", "body", "signature", "receivedAt", "outcome", "attempts", "externalId")
    VALUES (${randomUUID()}, ${row.merchantId}, ${row.platform}::"Provider", ${JSON.stringify(row.headers)}::jsonb, ${row.body}, ${row.signature},
      ${row.receivedAt.toISOString()}::timestamp(3), 'RECEIVED', 0, ${row.externalId})
    ON CONFLICT ("merchantId", "provider", "externalId") DO UPDATE SET "attempts" = "WebhookDelivery"."attempts"
      WHERE "WebhookDelivery"."outcome" IN ('RECEIVED', 'FAILED')
    RETURNING "id"`;
  return rows[0]?.id ?? null;
}

export type ShopOutcome = "PROCESSED" | "IGNORED" | "UNMATCHED" | "FAILED";

/** Records how a shop delivery ended (in the caller's transaction when it commits with the changes). */
export async function settleShopDelivery(client: Tx, id: string, outcome: ShopOutcome, error: string | null, now: Date): Promise<void> {
  await client.webhookDelivery.update({
    where: { id },
    data: { outcome, error: error?.slice(0, 1000) ?? null, attempts: { increment: 1 }, processedAt: now },
    select: { id: true },
  });
}
