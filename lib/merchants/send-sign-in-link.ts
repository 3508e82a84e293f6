import { db } from "../db";
import { appUrl } from "../env";
import { deliverMessage } from "../console/deliver-message";
import { newSecret } from "../console/session-token";
import { logger } from "../logger";

export const SIGN_IN_LINK_MINUTES = 15;
/** The sign-in form is public: at most this many links per user per link lifetime, so it cannot flood an inbox. */
export const MAX_LINKS_PER_WINDOW = 5;

/**
 * Emails a one-time console sign-in link to every console user with this address (one per merchant they
 * belong to). Says nothing about whether the address is known: the caller shows the same answer either way.
 */
export async function sendSignInLink(email: string, now: Date): Promise<number> {
  const address = email.trim().toLowerCase();
  const users = await db.consoleUser.findMany({
    where: { email: address },
    select: { id: true, email: true, merchant: { select: { name: true } } },
  });
  let sent = 0;
  for (const user of users) {
    const recent = await db.signInToken.count({
      where: { userId: user.id, createdAt: { gt: new Date(now.getTime() - SIGN_IN_LINK_MINUTES * 60_000) } },
    });
    if (recent >= MAX_LINKS_PER_WINDOW) {
      logger.warn({ userId: user.id }, "console sign-in link not sent: too many recent requests");
      continue;
    }
    const { secret, secretHash } = newSecret();
    const token = await db.signInToken.create({
      data: { userId: user.id, secretHash, createdAt: now, expiresAt: new Date(now.getTime() + SIGN_IN_LINK_MINUTES * 60_000) },
      select: { id: true },
    });
    const link = `${appUrl()}/console/sign-in/verify?token=${token.id}.${secret}`;
    await deliverMessage({
      channel: "email",
      kind: "sign-in-link",
      to: user.email,
      subject: `Sign in to ${user.merchant.name} on Parcelpage`,
      text: `Use this link to sign in to the ${user.merchant.name} console. It works once, for ${SIGN_IN_LINK_MINUTES} minutes:\n\n${link}\n\nIf you did not ask for it, ignore this email.`,
      html: `<p>Use this link to sign in to the <strong>${escapeHtml(user.merchant.name)}</strong> console. It works once, for ${SIGN_IN_LINK_MINUTES} minutes.</p><p><a href="${link}">Sign in to Parcelpage</a></p><p>If you did not ask for it, ignore this email.</p>`,
    });
    logger.info({ userId: user.id }, "console sign-in link sent");
    sent++;
  }
  return sent;
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
