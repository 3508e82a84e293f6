import { db } from "../db";
import { parseToken, secretMatches } from "./session-token";

export const SESSION_COOKIE = "pp_console";

export interface ConsolePrincipal {
  sessionId: string;
  userId: string;
  merchantId: string;
  email: string;
  name: string | null;
  role: "owner" | "agent";
}

/** The signed-in console user for a cookie value, or null (unknown, wrong, expired or signed out). */
export async function resolveSession(cookie: string | undefined, now: Date): Promise<ConsolePrincipal | null> {
  const parsed = parseToken(cookie);
  if (!parsed) return null;
  const row = await db.consoleSession.findUnique({
    where: { id: parsed.id },
    select: {
      id: true, secretHash: true, expiresAt: true, revokedAt: true, lastSeenAt: true,
      user: { select: { id: true, merchantId: true, email: true, name: true, role: true } },
    },
  });
  if (!secretMatches(row?.secretHash, parsed.secret) || !row || row.revokedAt || row.expiresAt <= now) return null;
  // Written at most hourly, so reading pages does not turn into a write per request.
  if (now.getTime() - row.lastSeenAt.getTime() > 3_600_000) {
    await db.consoleSession.update({ where: { id: row.id }, data: { lastSeenAt: now } });
  }
  return { sessionId: row.id, userId: row.user.id, merchantId: row.user.merchantId, email: row.user.email, name: row.user.name, role: row.user.role };
}
