/**
 * The console's queue (sign-in links, tracking links) is claimed under a lease like the alert outbox: a
 * sender whose lease lapsed while its send was in flight (a hung process, a clock behind) must not write
 * its late outcome over the claim that took the row after it. The mail provider is a real SMTP server on
 * loopback holding sender A's RCPT TO until the test answers it, after sender B re-claimed the row.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "../../../lib/db";
import { reloadEnv } from "../../../lib/env";
import { queueConsoleMessage } from "../../../lib/console/queue-message";
import { claimConsoleMessages, extendConsoleLease } from "../../../lib/console/claim-console-messages";
import {
  recordConsoleCancelled, recordConsoleFailed, recordConsoleRetry, recordConsoleSent,
} from "../../../lib/console/record-console-outcome";
import { sendConsoleMessageBatch, sendQueuedConsoleMessages } from "../../../lib/console/send-queued-messages";
import { queuedMessageId } from "../../../lib/notifications/message-id";
import { holdRecipients, startSmtpStandIn, type SmtpStandIn } from "../../support/stand-ins/smtp";
import { resetDatabase } from "../support/reset-database";

let smtp: SmtpStandIn;
const until = { timeout: 20_000, interval: 50 };
const T0 = new Date("2026-11-18T20:00:00Z");
const at = (offsetMs: number) => new Date(T0.getTime() + offsetMs);
const BUSY = { code: 450, message: "4.2.1 Mailbox busy, try later" };

const queue = (to: string, dueAt = T0) =>
  queueConsoleMessage(db, { channel: "email", kind: "tracking-link", to, subject: "Your parcel", text: `Track it: https://t.example/${to}` }, dueAt);
const rowState = (id: string) =>
  db.consoleMessage.findUniqueOrThrow({
    where: { id },
    select: { status: true, attempts: true, lastError: true, providerMessageId: true, sentAt: true, text: true, claimToken: true, dueAt: true },
  });
const received = (to: string) => smtp.messages.filter((m) => m.to.includes(to));

describe("console message queue: claim fencing", () => {
  beforeAll(async () => {
    await resetDatabase();
    smtp = await startSmtpStandIn();
    process.env.SMTP_URL = smtp.url;
    reloadEnv();
  });
  afterAll(async () => {
    delete process.env.SMTP_URL;
    reloadEnv();
    await smtp?.close();
  });
  // Each case counts what its own senders claim: nothing an earlier case left due may ride along.
  beforeEach(async () => {
    await db.consoleMessage.updateMany({ where: { status: { in: ["PENDING", "SENDING"] } }, data: { status: "CANCELLED" } });
    smtp.recipientReplies.clear();
  });

  it("a late failure of a lapsed claim does not put a re-sent row back to PENDING: the provider gets it once", async () => {
    const address = "late-failure@example.com";
    const id = await queue(address);
    const gate = holdRecipients(smtp, address);
    try {
      const a = sendConsoleMessageBatch(T0, { leaseMs: 2_000 });
      await vi.waitFor(() => expect(gate.held()).toBe(true), until);
      const claimedByA = await rowState(id);
      expect(claimedByA).toMatchObject({ status: "SENDING", attempts: 1 });
      gate.holdNoMore(); // A's RCPT TO stays held; B's goes through

      // B, 121 s later by its clock: A's claim has lapsed; B takes the row and sends it.
      expect(await sendQueuedConsoleMessages(at(121_000))).toBe(1);
      const afterB = await rowState(id);
      expect(afterB).toMatchObject({ status: "SENT", attempts: 2, lastError: null, text: "", claimToken: null });

      // Only now does A hear back, a temporary refusal: its retry must change nothing.
      smtp.recipientReplies.set(address, BUSY);
      gate.release();
      expect(await a).toMatchObject({ claimed: 1, sent: 0, retry: 0, "lost-lease": 1 });
      smtp.recipientReplies.delete(address);
      expect(await rowState(id)).toEqual(afterB);

      // No sender, however much later, finds it due again.
      expect(await sendQueuedConsoleMessages(at(3_600_000))).toBe(0);
      expect(received(address)).toHaveLength(1);
      expect(await rowState(id)).toEqual(afterB);
    } finally {
      gate.release();
    }
  });

  it("a late success of a lapsed claim does not overwrite the newer claim's outcome", async () => {
    const address = "late-success@example.com";
    const id = await queue(address);
    const gate = holdRecipients(smtp, address);
    try {
      const a = sendConsoleMessageBatch(T0, { leaseMs: 2_000 });
      await vi.waitFor(() => expect(gate.held()).toBe(true), until);
      gate.holdNoMore();

      // B re-claims and is refused for now: the row waits for B's retry, with B's error.
      smtp.recipientReplies.set(address, BUSY);
      expect(await sendQueuedConsoleMessages(at(121_000))).toBe(0);
      const afterB = await rowState(id);
      expect(afterB).toMatchObject({ status: "PENDING", attempts: 2, providerMessageId: null, sentAt: null });
      expect(afterB.lastError).toMatch(/450|busy/i);
      expect(afterB.dueAt.getTime()).toBeGreaterThan(at(121_000).getTime());

      // A's held send is accepted after all: that answer belongs to a claim that no longer holds the row.
      smtp.recipientReplies.delete(address);
      gate.release();
      expect(await a).toMatchObject({ claimed: 1, sent: 0, retry: 0, "lost-lease": 1 });
      expect(await rowState(id)).toEqual(afterB);
      // The provider did take A's message: the one duplicate an answer heard too late cannot prevent (B's retry
      // sends it again), as in the alert outbox. What the fence prevents is a row marked from a stale claim.
      expect(received(address)).toHaveLength(1);
    } finally {
      gate.release();
    }
  });

  it("both emails of a row sent twice (a lapsed sender's late acceptance) carry the row's one Message-ID, which does not reveal the row id", async () => {
    const address = "same-message-id@example.com";
    const id = await queue(address);
    const gate = holdRecipients(smtp, address);
    try {
      const a = sendConsoleMessageBatch(T0, { leaseMs: 2_000 });
      await vi.waitFor(() => expect(gate.held()).toBe(true), until);
      gate.holdNoMore();
      // B takes the lapsed row and sends it; then A's held send is accepted too: the shopper's server gets two.
      expect(await sendQueuedConsoleMessages(at(121_000))).toBe(1);
      gate.release();
      expect(await a).toMatchObject({ claimed: 1, sent: 0, "lost-lease": 1 });
      const ids = received(address).map((m) => m.messageId);
      expect(ids).toHaveLength(2);
      expect(ids[1]).toBe(ids[0]);
      expect(ids[0]).toBe(queuedMessageId("console", id));
      expect(ids[0]).toMatch(/^<[A-Za-z0-9_-]{32}@[a-z0-9.-]+>$/);
      expect(ids[0]).not.toContain(id);
      // Another row gets another id.
      const other = await queue("other-message-id@example.com", at(121_000));
      expect(await sendQueuedConsoleMessages(at(122_000))).toBe(1);
      expect(received("other-message-id@example.com").map((m) => m.messageId)).toEqual([queuedMessageId("console", other)]);
      expect(queuedMessageId("console", other)).not.toBe(ids[0]);
    } finally {
      gate.release();
    }
  });

  it("a sender that lost its lease skips the rows of its batch it has not sent yet: each goes out once", async () => {
    const [first, second] = ["batch-first@example.com", "batch-second@example.com"];
    const firstId = await queue(first, at(-1_000));
    const secondId = await queue(second);
    const gate = holdRecipients(smtp, first);
    try {
      // A's clock stands still (a hung process, a clock behind): its renewals never move the lease past B's view.
      const a = sendConsoleMessageBatch(T0, { leaseMs: 2_000, clock: () => T0 });
      await vi.waitFor(() => expect(gate.held()).toBe(true), until);
      gate.holdNoMore();
      expect(await sendConsoleMessageBatch(at(121_000))).toMatchObject({ claimed: 2, sent: 2 });

      smtp.recipientReplies.set(first, BUSY);
      gate.release();
      expect(await a).toMatchObject({ claimed: 2, sent: 0, retry: 0, "lost-lease": 2 });
    } finally {
      gate.release();
    }
    expect(received(first)).toHaveLength(1);
    expect(received(second)).toHaveLength(1);
    for (const id of [firstId, secondId]) expect(await rowState(id)).toMatchObject({ status: "SENT", attempts: 2, claimToken: null });
  });

  it("a healthy sender keeps its lease while its sends take longer than the lease: nobody else takes its rows", async () => {
    const [first, second] = ["slow-first@example.com", "slow-second@example.com"];
    const firstId = await queue(first, at(-1_000));
    const secondId = await queue(second);
    let clock = T0;
    const gate = holdRecipients(smtp, first);
    try {
      const a = sendConsoleMessageBatch(T0, { leaseMs: 2_000, clock: () => clock });
      await vi.waitFor(() => expect(gate.held()).toBe(true), until);
      // A minute passes on A's clock with its first send still in flight: 30 leases' worth.
      clock = at(60_000);
      await vi.waitFor(async () => {
        for (const id of [firstId, secondId]) expect((await rowState(id)).dueAt.getTime()).toBe(at(62_000).getTime());
      }, until);
      // The renewals carried both rows along, the one waiting its turn too: another sender finds nothing due.
      expect(await sendConsoleMessageBatch(at(61_000))).toMatchObject({ claimed: 0 });

      gate.release();
      expect(await a).toMatchObject({ claimed: 2, sent: 2, "lost-lease": 0 });
    } finally {
      gate.release();
    }
    expect(received(first)).toHaveLength(1);
    expect(received(second)).toHaveLength(1);
  });

  it("every write of a claim whose lease passed to another sender changes nothing; the new claim's writes land", async () => {
    const id = await queue("fence-each@example.com");
    const [old] = await claimConsoleMessages({ limit: 1, leaseMs: 30_000, now: T0 });
    expect(old).toMatchObject({ id, attempts: 1 });
    // Within the lease nobody else may claim it.
    expect(await claimConsoleMessages({ limit: 1, leaseMs: 30_000, now: at(29_000) })).toEqual([]);
    const [current] = await claimConsoleMessages({ limit: 1, leaseMs: 30_000, now: at(31_000) });
    expect(current).toMatchObject({ id, attempts: 2 });
    expect(current!.claimToken).not.toBe(old!.claimToken);
    const snapshot = await rowState(id);
    expect(snapshot).toMatchObject({ status: "SENDING", claimToken: current!.claimToken });

    const later = at(40_000);
    expect(await recordConsoleSent(old!, "smtp:LATE", later)).toBe(false);
    expect(await recordConsoleRetry(old!, "late retry", later)).toBe(false);
    expect(await recordConsoleFailed(old!, "late failure")).toBe(false);
    expect(await recordConsoleCancelled(old!, "late cancel")).toBe(false);
    expect(await extendConsoleLease(old!, 600_000, later)).toBe(0);
    expect(await extendConsoleLease({ claimToken: old!.claimToken }, 600_000, later)).toBe(0);
    expect(await rowState(id)).toEqual(snapshot);

    // The claim that holds the row writes as usual, and after it the old claim still cannot.
    expect(await extendConsoleLease(current!, 30_000, later)).toBe(1);
    expect(await recordConsoleSent(current!, "smtp:CURRENT", later)).toBe(true);
    expect(await recordConsoleRetry(old!, "after the fact", later)).toBe(false);
    expect(await rowState(id)).toMatchObject({ status: "SENT", providerMessageId: "smtp:CURRENT", attempts: 2, claimToken: null, text: "" });
  });
});
