import { createHmac } from "node:crypto";
import { appSecret } from "../crypto/app-secret";
import { db } from "../db";
import { asUtc } from "../shipments/insert-events";

export interface Limit {
  /** What is limited, e.g. "ip:203.0.113.9" — stored only as a keyed hash (no raw IPs at rest). */
  subject: string;
  max: number;
  windowMs: number;
}

/** The longest window any limit may use (a day); retention deletes buckets idle for longer. */
export const MAX_RATE_LIMIT_WINDOW_MS = 24 * 3_600_000;

/**
 * Counts one hit in a fixed window, atomically in the database (one upsert), so every app instance
 * shares the count. Returns whether this hit is still within the limit.
 */
export async function consume(limit: Limit, now: Date): Promise<boolean> {
  // Retention prunes buckets idle for longer than this: a longer window would be reset by it.
  if (limit.windowMs > MAX_RATE_LIMIT_WINDOW_MS) throw new Error(`rate-limit window ${limit.windowMs} ms exceeds MAX_RATE_LIMIT_WINDOW_MS`);
  const key = rateLimitKey(limit.subject);
  const windowOpened = new Date(now.getTime() - limit.windowMs);
  const rows = await db.$queryRaw<{ hits: number }[]>`
    INSERT INTO "RateLimitBucket" ("key", "hits", "windowStart", "updatedAt")
    VALUES (${key}, 1, ${now}, ${now})
    ON CONFLICT ("key") DO UPDATE SET
      "hits" = CASE WHEN "RateLimitBucket"."windowStart" <= ${windowOpened} THEN 1 ELSE "RateLimitBucket"."hits" + 1 END,
      "windowStart" = CASE WHEN "RateLimitBucket"."windowStart" <= ${windowOpened} THEN ${now} ELSE "RateLimitBucket"."windowStart" END,
      "updatedAt" = ${now}
    RETURNING "hits"`;
  return Number(rows[0]?.hits ?? Number.POSITIVE_INFINITY) <= limit.max;
}

/** The bucket's key: a keyed hash of the subject, so no raw address is stored. */
function rateLimitKey(subject: string): string {
  return createHmac("sha256", appSecret()).update(`rate-limit:${subject}`).digest("base64url");
}

/**
 * Looks without counting: seconds until the first of `limits` that is already over its max in its current
 * window opens again, or 0 when none is. For limits that count only some outcomes (consume is called
 * after the fact) and must refuse the next request before doing the work that is counted.
 */
export async function secondsBlocked(limits: Limit[], now: Date): Promise<number> {
  if (limits.length === 0) return 0;
  const keys = limits.map((limit) => rateLimitKey(limit.subject));
  const rows = await db.$queryRaw<{ key: string; hits: number; windowStart: Date | string }[]>`
    SELECT "key", "hits", "windowStart" FROM "RateLimitBucket" WHERE "key" = ANY(${keys}::text[])`;
  let wait = 0;
  for (const row of rows) {
    const limit = limits[keys.indexOf(row.key)]!;
    const reopensAt = asUtc(row.windowStart).getTime() + limit.windowMs;
    if (Number(row.hits) >= limit.max && reopensAt > now.getTime()) wait = Math.max(wait, Math.ceil((reopensAt - now.getTime()) / 1000));
  }
  return wait;
}

/**
 * Drops buckets idle since `olderThan` (housekeeping; safe to run from anywhere), at most `limit` rows per
 * statement so a flood of keys never becomes one long transaction. Returns how many went in this statement.
 */
export async function pruneRateLimits(olderThan: Date, limit = 500): Promise<number> {
  return db.$executeRaw`DELETE FROM "RateLimitBucket" WHERE "key" IN (
    SELECT "key" FROM "RateLimitBucket" WHERE "updatedAt" < ${olderThan} LIMIT ${limit})`;
}
