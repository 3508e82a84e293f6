import { db } from "../db";
import type { Prisma } from "../generated/prisma/client";

/**
 * Outcomes of a claimed console message. Each write holds only while the row is still SENDING under the
 * claim that sent it: a sender whose lease lapsed (another sender re-claimed the row, perhaps sent it)
 * changes nothing and gets false. A row that is finished keeps no text: sign-in links are secrets.
 */
export interface ConsoleClaimRef {
  id: string;
  claimToken: string;
}

const fence = (claim: ConsoleClaimRef) => ({ id: claim.id, claimToken: claim.claimToken, status: "SENDING" });

async function write(claim: ConsoleClaimRef, data: Prisma.ConsoleMessageUpdateManyMutationInput): Promise<boolean> {
  const { count } = await db.consoleMessage.updateMany({ where: fence(claim), data: { ...data, claimToken: null } });
  return count === 1;
}

export const recordConsoleSent = (claim: ConsoleClaimRef, providerMessageId: string, sentAt: Date) =>
  write(claim, { status: "SENT", sentAt, providerMessageId, text: "", html: null, lastError: null });

export const recordConsoleRetry = (claim: ConsoleClaimRef, error: string, dueAt: Date) =>
  write(claim, { status: "PENDING", lastError: error.slice(0, 1000), dueAt });

/** Tries exhausted: the last error stays on the row. */
export const recordConsoleFailed = (claim: ConsoleClaimRef, error: string) =>
  write(claim, { status: "FAILED", lastError: error.slice(0, 1000), text: "", html: null });

/** Not sent: the number texted STOP. */
export const recordConsoleCancelled = (claim: ConsoleClaimRef, reason: string) =>
  write(claim, { status: "CANCELLED", lastError: reason, text: "", html: null });
