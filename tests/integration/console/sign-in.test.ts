import { randomBytes } from "node:crypto";
import net from "node:net";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../lib/db";
import { readDevOutbox } from "../../../lib/console/deliver-message";
import { inviteUser } from "../../../lib/console/invite-user";
import { resolveSession } from "../../../lib/console/session";
import { consumeSignInLink, signOutSession } from "../../../lib/console/sign-in";
import { createMerchant } from "../../../lib/merchants/create-merchant";
import { sendSignInLink } from "../../../lib/merchants/send-sign-in-link";
import { sendQueuedConsoleMessages } from "../../../lib/console/send-queued-messages";
import { reloadEnv } from "../../../lib/env";
import { resetDatabase } from "../support/reset-database";

async function latestLinkTo(email: string): Promise<string> {
  await sendQueuedConsoleMessages(new Date(Date.now() + 2 * 86_400_000)); // what the worker does
  const message = (await readDevOutbox()).find((m) => m.to === email && m.kind === "sign-in-link");
  if (!message) throw new Error(`no sign-in link for ${email}`);
  return /token=([^\s"&]+)/.exec(message.text)![1]!;
}

// Unique addresses: the file outbox is shared with anything else running in this folder.
const run = randomBytes(4).toString("hex");
const OWNER = `owner-${run}@shop.example`;
const NOBODY = `nobody-${run}@else.example`;

describe("console sign-in by one-time email link", () => {
  let merchantId: string;
  const now = new Date();

  beforeAll(async () => {
    await resetDatabase();
    merchantId = (await createMerchant({ slug: "signin-shop", name: "Sign-in Shop", timeZone: undefined, defaultLocale: undefined })).id;
    await inviteUser(merchantId, { email: OWNER.toUpperCase(), role: "owner" }, now);
  });

  it("invites a user and writes a sign-in link to the dev outbox", async () => {
    const token = await latestLinkTo(OWNER);
    expect(token).toMatch(/^[a-z0-9]+\.[A-Za-z0-9_-]{43}$/);
    const stored = await db.signInToken.findMany({ select: { secretHash: true } });
    expect(stored.every((row) => !token.includes(row.secretHash))).toBe(true);
  });

  it("trades a link for a session once, and never twice", async () => {
    await sendSignInLink(OWNER, now);
    const token = await latestLinkTo(OWNER);
    const session = await consumeSignInLink(token, now);
    expect(session).not.toBeNull();
    expect(await consumeSignInLink(token, now)).toBeNull();
    const user = await resolveSession(session!.cookie, now);
    expect(user).toMatchObject({ merchantId, email: OWNER, role: "owner" });
    const row = await db.consoleSession.findUniqueOrThrow({ where: { id: user!.sessionId }, select: { secretHash: true } });
    expect(session!.cookie).not.toContain(row.secretHash);
  });

  it("refuses expired links, wrong secrets and malformed tokens", async () => {
    await sendSignInLink(OWNER, now);
    const token = await latestLinkTo(OWNER);
    const later = new Date(now.getTime() + 16 * 60_000);
    expect(await consumeSignInLink(token, later)).toBeNull();
    const [id] = token.split(".");
    expect(await consumeSignInLink(`${id}.${"A".repeat(43)}`, now)).toBeNull();
    expect(await consumeSignInLink("garbage", now)).toBeNull();
  });

  it("queues the link instead of sending it in the request: a dead mail server neither slows nor fails sign-in", async () => {
    const dead = await new Promise<number>((resolve) => {
      const server = net.createServer().listen(0, "127.0.0.1", () => {
        const { port } = server.address() as net.AddressInfo;
        server.close(() => resolve(port));
      });
    });
    process.env.SMTP_URL = `smtp://127.0.0.1:${dead}`;
    reloadEnv();
    const QUEUED = `queued-${run}@shop.example`;
    await db.consoleUser.create({ data: { merchantId, email: QUEUED, role: "agent" }, select: { id: true } });
    try {
      const at = new Date(now.getTime() + 3 * 3_600_000);
      const started = performance.now();
      expect(await sendSignInLink(QUEUED, at)).toBe(1);
      expect(await sendSignInLink(NOBODY, at)).toBe(0);
      expect(performance.now() - started).toBeLessThan(1_000);
      const queued = await db.consoleMessage.findFirstOrThrow({ where: { to: QUEUED }, orderBy: { createdAt: "desc" } });
      expect(queued).toMatchObject({ status: "PENDING", kind: "sign-in-link", attempts: 0 });
      // The sender meets the dead server later, outside any request, and keeps the row for a retry.
      expect(await sendQueuedConsoleMessages(at)).toBe(0);
      expect(await db.consoleMessage.findUniqueOrThrow({ where: { id: queued.id } })).toMatchObject({ status: "PENDING", attempts: 1 });
    } finally {
      delete process.env.SMTP_URL;
      reloadEnv();
    }
    // Sent, the row keeps no text: the link inside is a secret.
    await sendQueuedConsoleMessages(new Date(now.getTime() + 4 * 3_600_000));
    const sent = await db.consoleMessage.findFirstOrThrow({ where: { to: QUEUED }, orderBy: { createdAt: "desc" } });
    expect(sent).toMatchObject({ status: "SENT", text: "", html: null });
  });

  it("holds the five-links cap under a burst (the user's row is locked: not count-then-insert)", async () => {
    const BURST = `burst-${run}@shop.example`;
    const user = await db.consoleUser.create({ data: { merchantId, email: BURST, role: "agent" }, select: { id: true } });
    const at = new Date(now.getTime() + 6 * 3_600_000);
    const counts = await Promise.all(Array.from({ length: 12 }, () => sendSignInLink(BURST, at)));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(5);
    expect(await db.signInToken.count({ where: { userId: user.id, createdAt: at } })).toBe(5);
  });

  it("sends nothing for an unknown address, and answers the same", async () => {
    expect(await sendSignInLink(NOBODY, now)).toBe(0);
    expect((await readDevOutbox()).filter((m) => m.to === NOBODY)).toEqual([]);
  });

  it("sends at most five links per user in fifteen minutes", async () => {
    const later = new Date(now.getTime() + 60 * 60_000);
    const counts = [];
    for (let i = 0; i < 7; i++) counts.push(await sendSignInLink(OWNER, later));
    expect(counts).toEqual([1, 1, 1, 1, 1, 0, 0]);
    expect(await sendSignInLink(OWNER, new Date(later.getTime() + 16 * 60_000))).toBe(1);
  });

  it("ends a session on sign-out and after it expires; a forged cookie is nobody", async () => {
    await sendSignInLink(OWNER, now);
    const session = (await consumeSignInLink(await latestLinkTo(OWNER), now))!;
    expect(await resolveSession(session.cookie, new Date(now.getTime() + 15 * 86_400_000))).toBeNull();
    const [id] = session.cookie.split(".");
    expect(await resolveSession(`${id}.${"B".repeat(43)}`, now)).toBeNull();
    expect(await resolveSession(undefined, now)).toBeNull();
    await signOutSession(session.cookie, now);
    expect(await resolveSession(session.cookie, now)).toBeNull();
  });
});
