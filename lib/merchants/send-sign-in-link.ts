import { db } from "../db";
import { appUrl } from "../env";
import { newSecret } from "../console/session-token";
import { queueConsoleMessage } from "../console/queue-message";
import { logger } from "../logger";
import { toOneLine } from "./display-name";

export const SIGN_IN_LINK_MINUTES = 15;
/** The sign-in form is public: at most this many links per user per link lifetime, so it cannot flood an inbox. */
export const MAX_LINKS_PER_WINDOW = 5;

/**
 * Queues a one-time console sign-in link for every console user with this address (one per merchant they
 * belong to). Says nothing about whether the address is known: the caller shows the same answer either
 * way, and nothing is sent inside the request (the console outbox sends it), so neither the answer's time
 * nor a mail server's error tells a known address from an unknown one.
 */
export async function sendSignInLink(email: string, now: Date): Promise<number> {
  const address = email.trim().toLowerCase();
  const users = await db.consoleUser.findMany({
    where: { email: address },
    select: { id: true, email: true, merchant: { select: { name: true } } },
  });
  let queued = 0;
  for (const user of users) {
    if (await queueLinkFor(user, now)) queued++;
    else logger.warn({ userId: user.id }, "console sign-in link not sent: too many recent requests");
  }
  return queued;
}

/**
 * Cap, token and message in one transaction. The user's row is locked first, so concurrent requests
 * count one after the other and the cap holds under a burst (count-then-insert alone would let a burst
 * through).
 */
async function queueLinkFor(user: { id: string; email: string; merchant: { name: string } }, now: Date): Promise<boolean> {
  const shop = toOneLine(user.merchant.name);
  return db.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "ConsoleUser" WHERE "id" = ${user.id} FOR UPDATE`;
    if (locked.length === 0) return false; // removed meanwhile
    const recent = await tx.signInToken.count({
      where: { userId: user.id, createdAt: { gt: new Date(now.getTime() - SIGN_IN_LINK_MINUTES * 60_000) } },
    });
    if (recent >= MAX_LINKS_PER_WINDOW) return false;
    const { secret, secretHash } = newSecret();
    const token = await tx.signInToken.create({
      data: { userId: user.id, secretHash, createdAt: now, expiresAt: new Date(now.getTime() + SIGN_IN_LINK_MINUTES * 60_000) },
      select: { id: true },
    });
    const link = `${appUrl()}/console/sign-in/verify?token=${token.id}.${secret}`;
    await queueConsoleMessage(
      tx,
      {
        channel: "email",
        kind: "sign-in-link",
        to: user.email,
        subject: `Sign in to ${shop} on Parcelpage`,
        text: `Use this link to sign in to the ${shop} console. It works once, for ${SIGN_IN_LINK_MINUTES} minutes:\n\n${link}\n\nIf you did not ask for it, ignore this email.`,
        html: `<p>Use this link to sign in to the <strong>${escapeHtml(user.merchant.name)}</strong> console. It works once, for ${SIGN_IN_LINK_MINUTES} minutes.</p><p><a href="${link}">Sign in to Parcelpage</a></p><p>If you did not ask for it, ignore this email.</p>`,
      },
      now,
    );
    return true;
  });
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
