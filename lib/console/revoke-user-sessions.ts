import type { Tx } from "../db";
import { db } from "../db";
import { AppError } from "../errors";
import { isWellFormedId } from "../validation/ids";
import type { ConsolePrincipal } from "./session";

/** Ends every session and unused sign-in link of one user, at once (resolveSession reads revokedAt on every request). */
export async function revokeSessionsOf(tx: Tx, userId: string, now: Date): Promise<number> {
  const { count } = await tx.consoleSession.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now } });
  await tx.signInToken.updateMany({ where: { userId, usedAt: null }, data: { usedAt: now } });
  return count;
}

/**
 * An owner signs a user of their own merchant out everywhere (a lost laptop, a departing agent).
 * Owners only: checked here as well as in the action, so no caller can skip it.
 */
export async function revokeUserSessions(actor: Pick<ConsolePrincipal, "merchantId" | "userId" | "role">, userId: string, now: Date): Promise<number> {
  if (actor.role !== "owner") throw new AppError("forbidden", "Only owners can sign people out.");
  if (!isWellFormedId(userId)) throw new AppError("not_found", "No such user.");
  return db.$transaction(async (tx) => {
    const user = await tx.consoleUser.findFirst({ where: { id: userId, merchantId: actor.merchantId }, select: { id: true, email: true } });
    if (!user) throw new AppError("not_found", "No such user.");
    const count = await revokeSessionsOf(tx, user.id, now);
    await tx.auditEntry.create({ data: { merchantId: actor.merchantId, userId: actor.userId, action: "user_sessions_revoked", detail: { email: user.email, sessions: count } } });
    return count;
  });
}
