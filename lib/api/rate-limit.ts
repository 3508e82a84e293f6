import { db } from "../db";

export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until a request would be allowed again (only when refused). */
  retryAfter: number;
}

const WINDOW_MS = 60_000;

/**
 * Per-key limiter, GCRA (a token bucket of `limitPerMinute` tokens refilled continuously over a minute)
 * kept in the ApiKey row and advanced by ONE conditional UPDATE: atomic under the row lock, so it holds
 * across any number of app processes on PostgreSQL, and needs no extra service. A refused request does
 * not move the state. Times are sent as ISO strings and cast in SQL, so no session time zone matters.
 */
export async function consumeRateLimit(apiKeyId: string, limitPerMinute: number, now: Date): Promise<RateDecision> {
  const intervalMs = WINDOW_MS / limitPerMinute;
  const nowIso = now.toISOString();
  const rows = await db.$queryRaw<{ tat_ms: number }[]>`
    UPDATE "ApiKey"
    SET "rateTat" = GREATEST(COALESCE("rateTat", CAST(${nowIso} AS timestamptz) AT TIME ZONE 'UTC'), CAST(${nowIso} AS timestamptz) AT TIME ZONE 'UTC')
                    + make_interval(secs => ${intervalMs / 1000}::double precision),
        "lastUsedAt" = CAST(${nowIso} AS timestamptz) AT TIME ZONE 'UTC'
    WHERE "id" = ${apiKeyId}
      AND GREATEST(COALESCE("rateTat", CAST(${nowIso} AS timestamptz) AT TIME ZONE 'UTC'), CAST(${nowIso} AS timestamptz) AT TIME ZONE 'UTC')
          + make_interval(secs => ${intervalMs / 1000}::double precision)
          - CAST(${nowIso} AS timestamptz) AT TIME ZONE 'UTC' <= make_interval(secs => ${WINDOW_MS / 1000}::double precision)
    RETURNING (EXTRACT(EPOCH FROM "rateTat") * 1000)::double precision AS tat_ms`;
  const nowMs = now.getTime();
  if (rows.length > 0) {
    const ahead = Number(rows[0]!.tat_ms) - nowMs;
    return { allowed: true, limit: limitPerMinute, remaining: Math.max(0, Math.floor((WINDOW_MS - ahead) / intervalMs)), retryAfter: 0 };
  }
  const state = await db.apiKey.findUnique({ where: { id: apiKeyId }, select: { rateTat: true } });
  const tat = state?.rateTat?.getTime() ?? nowMs;
  const waitMs = tat + intervalMs - WINDOW_MS - nowMs;
  return { allowed: false, limit: limitPerMinute, remaining: 0, retryAfter: Math.max(1, Math.ceil(waitMs / 1000)) };
}
