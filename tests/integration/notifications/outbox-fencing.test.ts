/**
 * Claim fencing: a worker whose lease ran out (it hung, or its clock fell behind) while its send was still
 * in flight must not overwrite the row once another worker has claimed it. Every write after a claim is
 * checked against the claim token; these tests hold a real send open at a real SMTP server and let the
 * lease pass to a second worker.
 */
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { queuedMessageId } from "../../../lib/notifications/message-id";
import { db } from "../../../lib/db";
import { createSmtpChannel } from "../../../lib/notifications/channels/email";
import { createFileSmsChannel } from "../../../lib/notifications/channels/file";
import type { Channels } from "../../../lib/notifications/channels/types";
import { claimDue, extendLeases } from "../../../lib/notifications/outbox/claim";
import {
  recordAddressDead, recordCancelled, recordContent, recordFailed, recordRescheduled, recordRetry, recordSent,
} from "../../../lib/notifications/outbox/record";
import { OutboxWorker, type WorkerOptions } from "../../../lib/notifications/outbox/worker";
import { startSmtpStandIn, type SmtpStandIn } from "../../support/stand-ins/smtp";
import { resetDatabase } from "../support/reset-database";
import { activeSubscription, ingest, minutesAgo, scan, shopWithOrder } from "./support";

let smtp: SmtpStandIn;
let channels: Channels;
let down: Channels;
const until = { timeout: 20_000, interval: 50 };

async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

function worker(using: Channels, options: Partial<WorkerOptions> = {}) {
  return new OutboxWorker({ channels: using, listen: "off", delaySweepMs: 0, consoleMessagesMs: 0, backoff: { baseMs: 1_000, capMs: 4_000 }, ...options });
}

const rowState = (id: string) =>
  db.outboxMessage.findUniqueOrThrow({
    where: { id },
    select: { status: true, claimToken: true, attempts: true, dueAt: true, lastError: true, providerMessageId: true, content: true, sentAt: true },
  });

describe("outbox claim fencing", () => {
  beforeAll(async () => {
    await resetDatabase();
    smtp = await startSmtpStandIn();
    const sms = createFileSmsChannel("/tmp/parcelpage-test-outbox");
    channels = { email: createSmtpChannel({ url: smtp.url, maxConnections: 2 }), sms };
    down = { email: createSmtpChannel({ url: `smtp://127.0.0.1:${await closedPort()}` }), sms };
  });
  afterAll(async () => {
    await channels.email.close();
    await down.email.close();
    await smtp.close();
  });

  it("a live worker that lost its lease mid-send cannot overwrite the new claim's outcome when its send finally returns", async () => {
    const { merchant, order, shipments } = await shopWithOrder();
    const subscription = await activeSubscription(shipments[0]!.token, "EMAIL", "fenced@example.com", order.orderNumber);
    const start = new Date();
    await ingest(merchant.id, shipments[0]!.trackingNumber, [scan("OUT_FOR_DELIVERY", minutesAgo(5, start))], start);
    const { id } = await db.outboxMessage.findFirstOrThrow({ where: { subscriptionId: subscription.id, trigger: "OUT_FOR_DELIVERY" }, select: { id: true } });

    // Worker A: its clock stands still (a hung process, a clock behind), so its renewals never move the lease past
    // what another worker's clock sees. The SMTP server holds A's message until the test lets it answer.
    let answer = () => {};
    smtp.answerGate = new Promise<void>((resolve) => (answer = resolve));
    const a = worker(channels, { leaseMs: 2_000, pollMs: 100, now: () => start });
    try {
      await a.start();
      const claimedByA = await vi.waitFor(async () => {
        const row = await rowState(id);
        expect(row.status).toBe("SENDING");
        return row;
      }, until);

      // Worker B, a minute later by its clock: the lease has run out, it takes the row over under a new token, and its
      // own try fails (the provider is unreachable from B): the row goes back to PENDING with B's error.
      const b = worker(down, { now: () => new Date(start.getTime() + 60_000) });
      expect(await b.drain()).toMatchObject({ claimed: 1, reclaimed: 1, retry: 1 });
      const afterB = await rowState(id);
      expect(afterB).toMatchObject({ status: "PENDING", claimToken: null, attempts: 2, providerMessageId: null, sentAt: null });
      expect(afterB.claimToken).not.toBe(claimedByA.claimToken);
      expect(afterB.lastError).toMatch(/ECONNREFUSED|ECONNECTION|ESOCKET/);

      // Now A's provider answers "250 queued": A's write is fenced off and B's outcome stays exactly as it was.
      answer();
      await vi.waitFor(() => expect(a.stats.sent + a.stats["lost-lease"]).toBe(1), until);
      expect(await rowState(id)).toEqual(afterB);
      expect(a.stats).toMatchObject({ sent: 0, "lost-lease": 1 });
    } finally {
      answer();
      smtp.answerGate = null;
      await a.stop();
    }
    // A's lease renewals, running until it stopped, did not touch the row either; the provider did get A's message
    // (the one unavoidable duplicate of an unknown outcome, carrying the row's Message-ID for de-duplication).
    expect(await rowState(id)).toMatchObject({ status: "PENDING", attempts: 2, claimToken: null });
    expect(smtp.messages.filter((m) => m.to.includes("fenced@example.com")).map((m) => m.messageId)).toEqual([queuedMessageId("alert", id)]);
  });

  it("every write of a claim whose lease passed to another worker changes nothing; the new claim's writes land", async () => {
    const { merchant, order, shipments } = await shopWithOrder();
    const subscription = await activeSubscription(shipments[0]!.token, "EMAIL", "fence-each@example.com", order.orderNumber);
    const t0 = new Date();
    await ingest(merchant.id, shipments[0]!.trackingNumber, [scan("DELIVERED", minutesAgo(5, t0))], t0);

    const [old] = await claimDue({ limit: 1, leaseMs: 30_000, now: t0 });
    expect(old).toBeDefined();
    // Within the lease nobody else may claim it.
    expect(await claimDue({ limit: 1, leaseMs: 30_000, now: new Date(t0.getTime() + 29_000) })).toEqual([]);
    const [current] = await claimDue({ limit: 1, leaseMs: 30_000, now: new Date(t0.getTime() + 31_000) });
    expect(current).toMatchObject({ id: old!.id, previousStatus: "SENDING", attempts: 2 });
    expect(current!.claimToken).not.toBe(old!.claimToken);
    const snapshot = await rowState(old!.id);

    const later = new Date(t0.getTime() + 40_000);
    expect(await recordSent(old!, { providerMessageId: "smtp:LATE", content: "late" }, later)).toBe(false);
    expect(await recordRetry(old!, "late retry", later)).toBe(false);
    expect(await recordFailed(old!, "late failure")).toBe(false);
    expect(await recordCancelled(old!, "late cancel")).toBe(false);
    expect(await recordRescheduled(old!, later)).toBe(false);
    expect(await recordContent(old!, "late content")).toBe(false);
    expect(await extendLeases([old!.claimToken], 600_000, later)).toBe(0);
    // A late "dead address" answer neither touches the row nor ends the subscription (the current claim will hear for itself).
    expect(await recordAddressDead(old!, subscription.id, "smtp-550", "late 550", later)).toBe(false);
    expect(await rowState(old!.id)).toEqual(snapshot);
    expect(await db.alertSubscription.findUniqueOrThrow({ where: { id: subscription.id }, select: { status: true, endReason: true } })).toEqual({
      status: "ACTIVE",
      endReason: null,
    });

    // The claim that holds the row writes as usual, and after it the old claim still cannot.
    expect(await extendLeases([current!.claimToken], 30_000, later)).toBe(1);
    expect(await recordSent(current!, { providerMessageId: "smtp:CURRENT", content: "subject" }, later)).toBe(true);
    expect(await recordRetry(old!, "after the fact", later)).toBe(false);
    expect(await rowState(old!.id)).toMatchObject({ status: "SENT", providerMessageId: "smtp:CURRENT", attempts: 2, lastError: null });
  });
});
