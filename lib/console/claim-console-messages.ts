import { randomUUID } from "node:crypto";
import { db } from "../db";

export interface ConsoleClaim {
  id: string;
  claimToken: string;
  channel: "email" | "sms";
  kind: string;
  to: string;
  subject: string | null;
  text: string;
  html: string | null;
  attempts: number;
}

/** Instants as UTC wall-clock for TIMESTAMP(3) columns, whatever the session's TimeZone (never rely on SET). */
const utc = (date: Date) => date.toISOString();

/**
 * Claims up to `limit` due rows in one autocommitted statement (SKIP LOCKED, so the app and every worker
 * may call it side by side), as the alert outbox does: the claim is a lease (dueAt = now + lease) under a
 * fresh token. A row whose lease ran out (its sender died or hung) is due again for the next claimer, and
 * the late sender's writes, all conditional on its token, change nothing.
 */
export async function claimConsoleMessages(options: { limit: number; leaseMs: number; now: Date }): Promise<ConsoleClaim[]> {
  const claimToken = randomUUID();
  const leaseUntil = new Date(options.now.getTime() + options.leaseMs);
  const rows = await db.$queryRaw<Omit<ConsoleClaim, "claimToken">[]>`
    WITH due AS (
      SELECT "id" FROM "ConsoleMessage"
      WHERE "status" IN ('PENDING', 'SENDING') AND "dueAt" <= (${utc(options.now)}::timestamptz AT TIME ZONE 'UTC')
      ORDER BY "dueAt"
      LIMIT ${options.limit}
      FOR UPDATE SKIP LOCKED
    )
    UPDATE "ConsoleMessage" AS m
    SET "status" = 'SENDING', "claimToken" = ${claimToken}, "claimedAt" = (${utc(options.now)}::timestamptz AT TIME ZONE 'UTC'),
        "dueAt" = (${utc(leaseUntil)}::timestamptz AT TIME ZONE 'UTC'), "attempts" = m."attempts" + 1
    FROM due WHERE m."id" = due."id"
    RETURNING m."id", m."channel", m."kind", m."to", m."subject", m."text", m."html", m."attempts"`;
  return rows.map((row) => ({ ...row, attempts: Number(row.attempts), claimToken }));
}

/**
 * Keeps a busy sender's lease alive: every row of the claim still SENDING (those waiting their turn in its
 * batch too), or the one row `id` just before it is sent. 0 when the lease was lost to another claimer.
 */
export async function extendConsoleLease(claim: { claimToken: string; id?: string }, leaseMs: number, now: Date): Promise<number> {
  const leaseUntil = new Date(now.getTime() + leaseMs);
  return db.$executeRaw`
    UPDATE "ConsoleMessage" SET "dueAt" = (${utc(leaseUntil)}::timestamptz AT TIME ZONE 'UTC')
    WHERE "claimToken" = ${claim.claimToken} AND "status" = 'SENDING' AND (${claim.id ?? null}::text IS NULL OR "id" = ${claim.id ?? null})`;
}
