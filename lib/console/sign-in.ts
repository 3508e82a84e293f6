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
  const { count } = await db.signInToken.updateMany({ where: { id: row.id, usedAt: null }, data: { usedAt: now } });
  if (count !== 1) return null;
  const { secret, secretHash } = newSecret();
  const expiresAt = new Date(now.getTime() + SESSION_DAYS * 86_400_000);
  const session = await db.consoleSession.create({
    data: { userId: row.userId, secretHash, expiresAt, lastSeenAt: now },
    select: { id: true },
  });
  await db.consoleUser.update({ where: { id: row.userId }, data: { lastSignInAt: now } });
  return { cookie: `${session.id}.${secret}`, expiresAt };
}

export async function signOutSession(cookie: string | undefined, now: Date): Promise<void> {
  const parsed = parseToken(cookie);
  if (!parsed) return;
  const row = await db.consoleSession.findUnique({ where: { id: parsed.id }, select: { secretHash: true } });
  if (secretMatches(row?.secretHash, parsed.secret)) await db.consoleSession.update({ where: { id: parsed.id }, data: { revokedAt: now } });
}
