import { db } from "../db";
import { env } from "../env";
import { IDEMPOTENCY_TTL_MS } from "../api/idempotency";
import { MAX_RATE_LIMIT_WINDOW_MS, pruneRateLimits } from "../lookup/rate-limit";
import { SIGN_IN_LINK_MINUTES } from "../merchants/send-sign-in-link";

/** Rows changed per statement: short transactions (PGlite shares one session among all connections). */
const BATCH = 500;
/** Expired sign-in links are kept an hour longer than their life, beyond any per-email cap window. */
const SIGN_IN_GRACE_MS = 3_600_000;
/**
 * Finished console messages (sent, failed, cancelled) are kept 48 hours: longer than the 24 h window in
 * which the console's per-number text cap counts them, and no longer.
 */
export const CONSOLE_MESSAGE_RETENTION_MS = 48 * 3_600_000;

export interface RetentionReport {
  signInTokens: number;
  sessions: number;
  idempotencyRecords: number;
  rateLimitBuckets: number;
  webhookBodiesDropped: number;
  consoleMessages: number;
}

/** Runs `statement` (which must change at most BATCH rows) until it changes fewer. */
async function inBatches(statement: () => Promise<number>): Promise<number> {
  let total = 0;
  for (;;) {
    const changed = await statement();
    total += changed;
    if (changed < BATCH) return total;
  }
}

/**
 * What Parcelpage keeps, and for how long (run by the alerts worker every RETENTION_SWEEP_MS):
 * - sign-in links: until an hour after they expire; console sessions: until they expire or are revoked;
 * - idempotency records: IDEMPOTENCY_TTL_MS (24 h); rate-limit buckets: idle for MAX_RATE_LIMIT_WINDOW_MS (24 h);
 * - console messages (queued sign-in and tracking links): a finished one keeps no text and goes after
 *   CONSOLE_MESSAGE_RETENTION_MS (48 h); a sign-in link still unsent when its link has expired goes at once
 *   (it can sign nobody in, and a sign-in link is never kept);
 * - webhook deliveries: the row and its outcome forever, the raw body and headers WEBHOOK_RETENTION_DAYS
 *   (default 30), and never while the delivery still waits to be processed.
 */
export async function runRetention(now: Date, webhookRetentionDays = env().WEBHOOK_RETENTION_DAYS): Promise<RetentionReport> {
  const ago = (ms: number) => new Date(now.getTime() - ms);
  const signInTokens = await inBatches(
    () => db.$executeRaw`DELETE FROM "SignInToken" WHERE "id" IN (
      SELECT "id" FROM "SignInToken" WHERE "expiresAt" < ${ago(SIGN_IN_GRACE_MS)} LIMIT ${BATCH})`,
  );
  const sessions = await inBatches(
    () => db.$executeRaw`DELETE FROM "ConsoleSession" WHERE "id" IN (
      SELECT "id" FROM "ConsoleSession" WHERE "expiresAt" < ${now} OR "revokedAt" IS NOT NULL LIMIT ${BATCH})`,
  );
  const idempotencyRecords = await inBatches(
    () => db.$executeRaw`DELETE FROM "IdempotencyRecord" WHERE "id" IN (
      SELECT "id" FROM "IdempotencyRecord" WHERE "createdAt" < ${ago(IDEMPOTENCY_TTL_MS)} LIMIT ${BATCH})`,
  );
  const rateLimitBuckets = await inBatches(() => pruneRateLimits(ago(MAX_RATE_LIMIT_WINDOW_MS), BATCH));
  const webhookBodiesDropped = await inBatches(
    () => db.$executeRaw`UPDATE "WebhookDelivery" SET "body" = '', "headers" = '{}'::jsonb, "bodyDroppedAt" = ${now}
      WHERE "id" IN (
        SELECT "id" FROM "WebhookDelivery"
        WHERE "receivedAt" < ${ago(webhookRetentionDays * 86_400_000)} AND "bodyDroppedAt" IS NULL AND "outcome" <> 'RECEIVED'
        LIMIT ${BATCH})`,
  );
  const consoleMessages = await inBatches(
    () => db.$executeRaw`DELETE FROM "ConsoleMessage" WHERE "id" IN (
      SELECT "id" FROM "ConsoleMessage"
      WHERE ("status" IN ('SENT', 'FAILED', 'CANCELLED') AND "createdAt" < ${ago(CONSOLE_MESSAGE_RETENTION_MS)})
         OR ("kind" = 'sign-in-link' AND "status" = 'PENDING' AND "createdAt" < ${ago(SIGN_IN_LINK_MINUTES * 60_000)})
      LIMIT ${BATCH})`,
  );
  // The sender empties a row's text when it finishes; this catches any that did not (rows from older code).
  await db.$executeRaw`UPDATE "ConsoleMessage" SET "text" = '', "html" = NULL
    WHERE "status" IN ('SENT', 'FAILED', 'CANCELLED') AND ("text" <> '' OR "html" IS NOT NULL)`;
  return { signInTokens, sessions, idempotencyRecords, rateLimitBuckets, webhookBodiesDropped, consoleMessages };
}
