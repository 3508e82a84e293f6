import { db } from "../db";
import { logger } from "../logger";
import { queuedMessageId } from "../notifications/message-id";
import { isSmsOptedOut } from "../notifications/sms-opt-out";
import { claimConsoleMessages, extendConsoleLease, type ConsoleClaim } from "./claim-console-messages";
import { deliverMessage } from "./deliver-message";
import { recordConsoleCancelled, recordConsoleFailed, recordConsoleRetry, recordConsoleSent } from "./record-console-outcome";

/** Tries per message; sign-in links expire after 15 minutes, so a few quick tries are all that matter. */
export const CONSOLE_MESSAGE_MAX_ATTEMPTS = 5;
/** How long a claim holds its rows unrenewed: a sender that died or hung hands them on after this. */
const LEASE_MS = 60_000;

export interface SendQueuedOptions {
  /** Rows claimed at once (sent one after another). */
  limit?: number;
  /** How long a claim holds its rows before another sender may take them (renewed while this sender works). */
  leaseMs?: number;
  /** This sender's clock while it works (lease renewals, retry times); by default `now` moved on by the time elapsed. */
  clock?: () => Date;
}

export type ConsoleSendOutcome = "sent" | "retry" | "failed" | "cancelled" | "lost-lease";
export type ConsoleSendStats = Record<ConsoleSendOutcome, number> & { claimed: number };

/** Sends what is due; the number sent. Never throws. */
export async function sendQueuedConsoleMessages(now: Date, options: SendQueuedOptions = {}): Promise<number> {
  return (await sendConsoleMessageBatch(now, options)).sent;
}

/**
 * Sends what the console queued and is due: one autocommitted claim under a lease (claim-console-messages.ts),
 * then each send outside any transaction, each outcome written only under that claim. Up to `limit` sends
 * one after another can outlast a lease (a provider taking its full timeout on each), so the lease is
 * renewed while the batch runs, and renewed for each row just before it is sent: a row the lease was lost
 * for is skipped, never sent a second time. Texts re-check STOP at send time. Never throws.
 */
export async function sendConsoleMessageBatch(now: Date, options: SendQueuedOptions = {}): Promise<ConsoleSendStats> {
  const { limit = 20, leaseMs = LEASE_MS } = options;
  const started = performance.now();
  const clock = options.clock ?? (() => new Date(now.getTime() + (performance.now() - started)));
  const stats: ConsoleSendStats = { claimed: 0, sent: 0, retry: 0, failed: 0, cancelled: 0, "lost-lease": 0 };
  let claims: ConsoleClaim[];
  try {
    claims = await claimConsoleMessages({ limit, leaseMs, now });
  } catch (error) {
    logger.error({ err: errorText(error) }, "console messages: claim failed");
    return stats;
  }
  if (claims.length === 0) return stats;
  stats.claimed = claims.length;
  const { claimToken } = claims[0]!;
  const renewal = setInterval(() => {
    extendConsoleLease({ claimToken }, leaseMs, clock()).catch((error: unknown) => logger.warn({ err: errorText(error) }, "console messages: lease renewal failed"));
  }, Math.max(100, Math.floor(leaseMs / 3)));
  renewal.unref();
  try {
    for (const claim of claims) {
      try {
        const outcome = await sendOne(claim, leaseMs, clock);
        stats[outcome] += 1;
        if (outcome === "lost-lease") logger.warn({ id: claim.id, kind: claim.kind }, "console message: the lease passed to another sender; this outcome changes nothing");
      } catch (error) {
        // A database hiccup while recording: the lease runs out and the row is claimed again.
        logger.error({ id: claim.id, err: errorText(error) }, "console message: outcome not recorded");
      }
    }
  } finally {
    clearInterval(renewal);
  }
  return stats;
}

async function sendOne(claim: ConsoleClaim, leaseMs: number, clock: () => Date): Promise<ConsoleSendOutcome> {
  // Still ours? A row that waited its turn behind slow sends may have been taken over: never send it twice.
  if ((await extendConsoleLease(claim, leaseMs, clock())) !== 1) return "lost-lease";
  if (claim.channel === "sms" && (await isSmsOptedOut(db, claim.to))) {
    return (await recordConsoleCancelled(claim, "the number texted STOP")) ? "cancelled" : "lost-lease";
  }
  let delivered;
  try {
    delivered = await deliverMessage({
      channel: claim.channel, kind: claim.kind, to: claim.to, subject: claim.subject ?? undefined, text: claim.text, html: claim.html ?? undefined,
      // The same on every try of this row: a late "accepted" from a sender whose lease lapsed is fenced off
      // here, but its email may still arrive beside the new sender's; receivers de-duplicate on this id.
      messageId: claim.channel === "email" ? queuedMessageId("console", claim.id) : undefined,
    });
  } catch (error) {
    const message = errorText(error);
    logger.warn({ id: claim.id, kind: claim.kind, attempts: claim.attempts, err: message }, "console message not sent");
    if (claim.attempts >= CONSOLE_MESSAGE_MAX_ATTEMPTS) return (await recordConsoleFailed(claim, message)) ? "failed" : "lost-lease";
    const dueAt = new Date(clock().getTime() + 5_000 * 2 ** (claim.attempts - 1));
    return (await recordConsoleRetry(claim, message, dueAt)) ? "retry" : "lost-lease";
  }
  if (!(await recordConsoleSent(claim, `${delivered.transport}:${delivered.id}`, new Date()))) return "lost-lease";
  logger.info({ id: claim.id, kind: claim.kind }, "console message sent");
  return "sent";
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));
