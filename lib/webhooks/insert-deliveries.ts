import { randomUUID } from "node:crypto";
import type pg from "pg";
import type { Provider } from "../carriers/types";
import { dedicatedPool } from "../dedicated-pool";
import { TOUCH_DEADLINE_MS } from "./accept-breaker";

/** Workers LISTEN here (PostgreSQL): a batch of pending deliveries was stored. */
export const INGEST_NOTIFY_CHANNEL = "parcelpage_ingest";

export interface DeliveryRow {
  merchantId: string;
  provider: Provider;
  headers: Record<string, string>;
  body: string;
  signature: string;
  receivedAt: Date;
  /** RECEIVED: pending, for the workers. FAILED / IGNORED: settled on accept (a 400, or nothing to do). */
  outcome: "RECEIVED" | "FAILED" | "IGNORED";
  error: string | null;
}

/**
 * One INSERT … SELECT FROM unnest(…) for the whole batch (ten arrays, whatever the number of rows), and
 * in the same statement a NOTIFY that wakes the workers when it commits, if anything is pending.
 *
 * Plain `pg` on a pool of its own, not Prisma: a loaded server rarely groups requests (most batches held
 * one row in bench:ingest, 2.3–3.1 on average), so the per-statement cost is paid about once per request,
 * on the thread that serves every request, and through Prisma's query interpreter it was 2.4 ms CPU
 * against 1.0 ms for plain pg (`npm run bench:accept-insert`, one row). Its own pool also keeps the INSERT
 * from queueing behind the app's other queries for a connection.
 */
export async function insertDeliveries(rows: DeliveryRow[]): Promise<string[]> {
  const ids = rows.map(() => randomUUID());
  const column = <K extends keyof DeliveryRow>(key: K) => rows.map((row) => row[key]);
  const pending = rows.some((row) => row.outcome === "RECEIVED");
  await acceptPool().query(pending ? INSERT_AND_NOTIFY : INSERT, [
    ids,
    column("merchantId"),
    column("provider"),
    rows.map((row) => JSON.stringify(row.headers)),
    column("body"),
    column("signature"),
    rows.map((row) => row.receivedAt.toISOString()),
    column("outcome"),
    column("error"),
    rows.map((row) => (row.outcome === "RECEIVED" ? null : row.receivedAt.toISOString())),
  ]);
  return ids;
}

const STORED = `
  WITH stored AS (
    INSERT INTO "WebhookDelivery" ("id", "merchantId", "provider", "headers", "body", "signature", "receivedAt", "outcome", "error", "attempts", "processedAt")
    SELECT u."id", u."merchantId", u."provider"::"Provider", u."headers"::jsonb, u."body", u."signature", u."receivedAt"::timestamp(3),
      u."outcome"::"DeliveryOutcome", u."error", CASE WHEN u."settledAt" IS NULL THEN 0 ELSE 1 END, u."settledAt"::timestamp(3)
    FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[])
      AS u("id", "merchantId", "provider", "headers", "body", "signature", "receivedAt", "outcome", "error", "settledAt")
    RETURNING 1
  )`;
const INSERT = `${STORED} SELECT count(*)::int AS "stored" FROM stored`;
const INSERT_AND_NOTIFY = `${STORED} SELECT count(*)::int AS "stored", pg_notify('${INGEST_NOTIFY_CHANNEL}', '') AS "notified" FROM stored`;

/**
 * Two connections at most (the accept queue keeps one INSERT in flight, and one abandoned at the deadline
 * may still hold the other; bench:accept-in-flight tries two).
 */
function acceptPool(): pg.Pool {
  return dedicatedPool("accept", {
    // The request stops waiting at the accept deadline (accept-breaker.ts); this then drops the connection
    // of an INSERT that still has no answer (the pool removes a client whose query failed), so a host that
    // stopped answering does not keep both connections for the ~15 minutes TCP takes to give up.
    query_timeout: 2 * TOUCH_DEADLINE_MS,
  });
}
