import { db } from "../db";
import { logger } from "../logger";
import { isSmsOptedOut } from "../notifications/sms-opt-out";
import { deliverMessage } from "./deliver-message";

/** Tries per message; sign-in links expire after 15 minutes, so a few quick tries are all that matter. */
export const CONSOLE_MESSAGE_MAX_ATTEMPTS = 5;
/** A row claimed longer ago than this (its sender died) may be claimed again. */
const STALE_CLAIM_MS = 120_000;

export interface SendQueuedOptions {
  /** Rows claimed at once. */
  limit?: number;
  /** How long a claim holds its rows before another sender may take them (tests shorten it). */
  leaseMs?: number;
}

interface Claimed {
  id: string;
  channel: "email" | "sms";
  kind: string;
  to: string;
  subject: string | null;
  text: string;
  html: string | null;
  attempts: number;
}

/**
 * Sends what the console queued and is due: one autocommitted claim (SKIP LOCKED, so the app and workers
 * may all call this), then each send outside any transaction. A sent row keeps no text: sign-in links
 * are secrets. Texts re-check STOP at send time. Never throws.
 */
export async function sendQueuedConsoleMessages(now: Date, options: SendQueuedOptions = {}): Promise<number> {
  const { limit = 20, leaseMs = STALE_CLAIM_MS } = options;
  let sent = 0;
  try {
    const rows = await db.$queryRaw<Claimed[]>`
      UPDATE "ConsoleMessage" SET "status" = 'SENDING', "claimedAt" = ${now}, "attempts" = "attempts" + 1
      WHERE "id" IN (
        SELECT "id" FROM "ConsoleMessage"
        WHERE ("status" = 'PENDING' AND "dueAt" <= ${now}) OR ("status" = 'SENDING' AND "claimedAt" < ${new Date(now.getTime() - leaseMs)})
        ORDER BY "dueAt" LIMIT ${limit} FOR UPDATE SKIP LOCKED)
      RETURNING "id", "channel", "kind", "to", "subject", "text", "html", "attempts"`;
    for (const row of rows) if (await sendOne(row, now)) sent++;
  } catch (error) {
    logger.error({ err: error instanceof Error ? error.message : String(error) }, "console messages: claim failed");
  }
  return sent;
}

async function sendOne(row: Claimed, now: Date): Promise<boolean> {
  if (row.channel === "sms" && (await isSmsOptedOut(db, row.to))) {
    await db.consoleMessage.update({ where: { id: row.id }, data: { status: "CANCELLED", lastError: "the number texted STOP", text: "", html: null } });
    return false;
  }
  try {
    const delivered = await deliverMessage({ channel: row.channel, kind: row.kind, to: row.to, subject: row.subject ?? undefined, text: row.text, html: row.html ?? undefined });
    await db.consoleMessage.update({
      where: { id: row.id },
      data: { status: "SENT", sentAt: new Date(), providerMessageId: `${delivered.transport}:${delivered.id}`, text: "", html: null, lastError: null },
    });
    logger.info({ id: row.id, kind: row.kind }, "console message sent");
    return true;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const last = row.attempts >= CONSOLE_MESSAGE_MAX_ATTEMPTS;
    await db.consoleMessage.update({
      where: { id: row.id },
      data: last
        ? { status: "FAILED", lastError: message.slice(0, 1000), text: "", html: null }
        : { status: "PENDING", lastError: message.slice(0, 1000), dueAt: new Date(now.getTime() + 5_000 * 2 ** (row.attempts - 1)) },
    });
    logger.warn({ id: row.id, kind: row.kind, attempts: row.attempts, err: message }, "console message not sent");
    return false;
  }
}
