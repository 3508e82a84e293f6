import { db } from "../db";
import { newSecret, parseToken, secretMatches } from "./session-token";

export const SESSION_DAYS = 14;

/**
 * Trades a one-time sign-in link for a new session. The link is marked used in the same statement that
 * checks it is unused, so two clicks never make two sessions. Returns the cookie value, or null.
 */
export async function consumeSignInLink(token: string, now: Date): Promise<{ cookie: string; expiresAt: Date } | null> {
  const parsed = parseToken(token);
  if (!parsed) return null;
  const row = await db.signInToken.findUnique({ where: { id: parsed.id }, select: { id: true, userId: true, secretHash: true, expiresAt: true, usedAt: true } });
  if (!secretMatches(row?.secretHash, parsed.secret) || !row || row.usedAt || row.expiresAt <= now) return null;
  const { secret, secretHash } = newSecret();
  const expiresAt = new Date(now.getTime() + SESSION_DAYS * 86_400_000);
  // One transaction: the link is used up, the session exists and the user's last sign-in is recorded, or
  // none of it (a failure half-way must not burn the link without a session, or leave a session behind).
  const sessionId = await db.$transaction(async (tx) => {
    const { count } = await tx.signInToken.updateMany({ where: { id: row.id, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
    if (count !== 1) return null;
    const session = await tx.consoleSession.create({ data: { userId: row.userId, secretHash, expiresAt, lastSeenAt: now }, select: { id: true } });
    await tx.consoleUser.update({ where: { id: row.userId }, data: { lastSignInAt: now } });
    return session.id;
  });
  return sessionId ? { cookie: `${sessionId}.${secret}`, expiresAt } : null;
}

export async function signOutSession(cookie: string | undefined, now: Date): Promise<void> {
  const parsed = parseToken(cookie);
  if (!parsed) return;
  const row = await db.consoleSession.findUnique({ where: { id: parsed.id }, select: { secretHash: true } });
  if (secretMatches(row?.secretHash, parsed.secret)) await db.consoleSession.update({ where: { id: parsed.id }, data: { revokedAt: now } });
}
