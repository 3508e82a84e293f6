import { db } from "../../db";
import { recordSmsOptOut } from "../sms-opt-out";
import { endSubscription } from "../unsubscribe";
import { sentPool } from "./sent-pool";

/**
 * Outcomes of a claimed row. Each write is fenced by the claim token: if this worker's lease was lost
 * (another worker reclaimed the row), the write changes nothing and returns false.
 */
export interface Claim {
  id: string;
  claimToken: string;
}

const fence = (claim: Claim) => ({ id: claim.id, claimToken: claim.claimToken, status: "SENDING" as const });

/**
 * The provider accepted it. Written on a connection kept for this alone (sent-pool.ts): the time between
 * the provider's "accepted" and this commit is the only moment a crash can make a message go out twice.
 */
export async function recordSent(claim: Claim, result: { providerMessageId: string; content: string }, now: Date): Promise<boolean> {
  const at = now.toISOString();
  const { rowCount } = await sentPool().query(
    `UPDATE "OutboxMessage" SET "status" = 'SENT', "providerMessageId" = $1, "content" = $2,
       "sentAt" = ($3::timestamptz AT TIME ZONE 'UTC'), "lastError" = NULL, "updatedAt" = ($3::timestamptz AT TIME ZONE 'UTC')
     WHERE "id" = $4 AND "claimToken" = $5 AND "status" = 'SENDING'`,
    [result.providerMessageId, result.content, at, claim.id, claim.claimToken],
  );
  return rowCount === 1;
}

/** Before a text goes out: what it says, so an attempt with an unknown outcome can be found at Twilio later. */
export async function recordContent(claim: Claim, content: string): Promise<boolean> {
  const { count } = await db.outboxMessage.updateMany({ where: fence(claim), data: { content } });
  return count === 1;
}

export async function recordRetry(claim: Claim, error: string, dueAt: Date): Promise<boolean> {
  const { count } = await db.outboxMessage.updateMany({
    where: fence(claim),
    data: { status: "PENDING", dueAt, lastError: error.slice(0, 1000), claimToken: null },
  });
  return count === 1;
}

/** Dead letter: tries exhausted or a permanent rejection. The last error stays on the row. */
export async function recordFailed(claim: Claim, error: string): Promise<boolean> {
  const { count } = await db.outboxMessage.updateMany({
    where: fence(claim),
    data: { status: "FAILED", lastError: error.slice(0, 1000), claimToken: null },
  });
  return count === 1;
}

/** Not sent: the subscription ended first. */
export async function recordCancelled(claim: Claim, reason: string): Promise<boolean> {
  const { count } = await db.outboxMessage.updateMany({
    where: fence(claim),
    data: { status: "CANCELLED", lastError: reason, claimToken: null },
  });
  return count === 1;
}

/** Put back without counting a try (quiet hours began while it waited). */
export async function recordRescheduled(claim: Claim, dueAt: Date): Promise<boolean> {
  const { count } = await db.outboxMessage.updateMany({
    where: fence(claim),
    data: { status: "PENDING", dueAt, claimToken: null, attempts: { decrement: 1 } },
  });
  return count === 1;
}

/**
 * The provider says the address is dead or opted out (21211, 21610, a 550 mailbox): the row fails and the
 * subscription ends. Only under the claim that holds the row: a worker whose lease lapsed hears its answer
 * after another worker re-claimed the row (and perhaps sent it), so its answer changes nothing at all, not
 * the row, the subscription, its queue or the STOP list. If the address really is dead, the current
 * claim's own send gets the same answer and ends it. False when the claim was lost.
 */
export async function recordAddressDead(claim: Claim, subscriptionId: string, reason: string, error: string, now: Date): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.outboxMessage.updateMany({ where: fence(claim), data: { status: "FAILED", lastError: error.slice(0, 1000), claimToken: null } });
    if (count !== 1) return false;
    const ended = await tx.alertSubscription.findUnique({ where: { id: subscriptionId }, select: { channel: true, address: true } });
    await endSubscription(tx, subscriptionId, reason, now);
    // Twilio 21610: the number texted STOP to our sender; honour it for every merchant, as STOP itself does.
    if (reason === "twilio-21610" && ended?.channel === "SMS") await recordSmsOptOut(tx, ended.address, now);
    return true;
  });
}
