import { randomUUID } from "node:crypto";
import { db } from "../../db";

export interface ClaimedRow {
  id: string;
  /** SENDING means an earlier claim's lease ran out: that worker died or hung mid-send (outcome unknown). */
  previousStatus: "PENDING" | "SENDING";
  attempts: number;
  claimToken: string;
}

/** Instants as UTC wall-clock for TIMESTAMP(3) columns, whatever the session's TimeZone (never rely on SET). */
const utc = (date: Date) => date.toISOString();

/**
 * Claims up to `limit` due rows in one statement: FOR UPDATE SKIP LOCKED lets any number of workers claim
 * side by side without taking the same row; the claim is a lease (dueAt = now + lease) under a fresh
 * token, so a worker that dies mid-send loses its rows to the next claimer once the lease runs out, and a
 * late write from it cannot overwrite a newer claim (every later update checks the token).
 * Autocommitted on its own: no transaction stays open while messages are sent.
 */
export async function claimDue(options: { limit: number; leaseMs: number; now: Date }): Promise<ClaimedRow[]> {
  const claimToken = randomUUID();
  const leaseUntil = new Date(options.now.getTime() + options.leaseMs);
  const rows = await db.$queryRaw<{ id: string; previousStatus: string; attempts: number }[]>`
    WITH due AS (
      SELECT "id", "status" AS "previousStatus" FROM "OutboxMessage"
      WHERE "status" IN ('PENDING', 'SENDING') AND "dueAt" <= (${utc(options.now)}::timestamptz AT TIME ZONE 'UTC')
      ORDER BY "dueAt"
      LIMIT ${options.limit}
      FOR UPDATE SKIP LOCKED
    )
    UPDATE "OutboxMessage" AS m
    SET "status" = 'SENDING', "claimToken" = ${claimToken}, "claimedAt" = (${utc(options.now)}::timestamptz AT TIME ZONE 'UTC'),
        "dueAt" = (${utc(leaseUntil)}::timestamptz AT TIME ZONE 'UTC'), "attempts" = m."attempts" + 1,
        "updatedAt" = (${utc(options.now)}::timestamptz AT TIME ZONE 'UTC')
    FROM due WHERE m."id" = due."id"
    RETURNING m."id", due."previousStatus"::text AS "previousStatus", m."attempts"`;
  return rows.map((row) => ({ id: row.id, previousStatus: row.previousStatus as ClaimedRow["previousStatus"], attempts: Number(row.attempts), claimToken }));
}

/** Keeps leases alive while sends are in flight (a slow SMTP server must not hand rows to a second worker). */
export async function extendLeases(claimTokens: string[], leaseMs: number, now: Date): Promise<number> {
  if (claimTokens.length === 0) return 0;
  const leaseUntil = new Date(now.getTime() + leaseMs);
  return db.$executeRaw`
    UPDATE "OutboxMessage" SET "dueAt" = (${utc(leaseUntil)}::timestamptz AT TIME ZONE 'UTC')
    WHERE "claimToken" = ANY(${claimTokens}::text[]) AND "status" = 'SENDING'`;
}
