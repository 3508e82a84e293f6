import { db } from "../db";
import { env } from "../env";
import { IDEMPOTENCY_TTL_MS } from "../api/idempotency";
import { MAX_RATE_LIMIT_WINDOW_MS, pruneRateLimits } from "../lookup/rate-limit";

/** Rows changed per statement: short transactions (PGlite shares one session among all connections). */
const BATCH = 500;
/** Expired sign-in links are kept an hour longer than their life, beyond any per-email cap window. */
const SIGN_IN_GRACE_MS = 3_600_000;

export interface RetentionReport {
  signInTokens: number;
  sessions: number;
  idempotencyRecords: number;
  rateLimitBuckets: number;
  webhookBodiesDropped: number;
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
  return { signInTokens, sessions, idempotencyRecords, rateLimitBuckets, webhookBodiesDropped };
}
