/**
 * A "dead address" answer (SMTP 550 at RCPT TO, Twilio 21610 STOP) that reaches a worker after its claim
 * lapsed changes nothing: the row now belongs to the worker that re-claimed it, so the late answer must not
 * end the shopper's subscription, cancel what else it has queued, add the number to the STOP list, or be
 * counted as a failure. The providers are real servers on loopback (smtp-server, the Twilio stand-in),
 * each holding worker A's send until the test lets it answer, after worker B re-claimed and sent the row.
 * (Were the address really dead, B's own send gets the same answer and ends the subscription under B's claim.)
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { queuedMessageId } from "../../../lib/notifications/message-id";
import { db } from "../../../lib/db";
import { createSmtpChannel } from "../../../lib/notifications/channels/email";
import { createTwilioChannel } from "../../../lib/notifications/channels/sms";
import type { Channels } from "../../../lib/notifications/channels/types";
import { OutboxWorker, type WorkerOptions } from "../../../lib/notifications/outbox/worker";
import { holdRecipients, startSmtpStandIn, type HeldSends, type SmtpStandIn } from "../../support/stand-ins/smtp";
import { startTwilioStandIn, type TwilioStandIn } from "../../support/stand-ins/twilio";
import { resetDatabase } from "../support/reset-database";
import { activeSubscription, ingest, minutesAgo, scan, shopWithOrder } from "./support";

let smtp: SmtpStandIn;
let twilio: TwilioStandIn;
/** Each worker has its own SMTP pool: A's connection stays busy while its RCPT TO is held. */
let channelsA: Channels;
let channelsB: Channels;
const until = { timeout: 20_000, interval: 50 };

/** Noon in Los Angeles on an ordinary Wednesday: outside the texts' quiet hours. */
const NOON = new Date("2026-11-18T20:00:00Z");
const at = (offsetMs: number) => new Date(NOON.getTime() + offsetMs);

function worker(channels: Channels, options: Partial<WorkerOptions>) {
  return new OutboxWorker({
    channels, listen: "off", delaySweepMs: 0, consoleMessagesMs: 0, overdueSweepMs: 0, retentionSweepMs: 0, domainRecheckMs: 0,
    backoff: { baseMs: 1_000, capMs: 4_000 }, ...options,
  });
}

const rowState = (id: string) =>
  db.outboxMessage.findUniqueOrThrow({
    where: { id },
    select: { status: true, claimToken: true, attempts: true, lastError: true, providerMessageId: true, sentAt: true },
  });
const subscriptionState = (id: string) =>
  db.alertSubscription.findUniqueOrThrow({ where: { id }, select: { status: true, endReason: true, unsubscribedAt: true } });

function holdTwilio(phone: string): HeldSends {
  const posts = () => twilio.requests.filter((r) => r.method === "POST" && r.form.To === phone).length;
  const before = posts();
  let release = () => {};
  twilio.answerGate = new Promise<void>((resolve) => (release = resolve));
  return {
    held: () => posts() > before,
    holdNoMore: () => (twilio.answerGate = null),
    release: () => {
      twilio.answerGate = null;
      release();
    },
  };
}

/**
 * Worker A (its clock stands still at noon, so its renewals never outlast B's view of the lease) claims the
 * row and its send is held at the provider; B, a minute later, re-claims and sends it. Then `turnDead`
 * makes the address dead at the provider and A's held send is answered. Returns A for its counts.
 */
async function lapseWhileHeld(options: {
  rowId: string;
  hold: () => HeldSends;
  turnDead: () => void;
}) {
  const gate = options.hold();
  const a = worker(channelsA, { leaseMs: 2_000, pollMs: 100, now: () => NOON });
  try {
    await a.start();
    await vi.waitFor(() => expect(gate.held()).toBe(true), until);
    const claimedByA = await rowState(options.rowId);
    expect(claimedByA.status).toBe("SENDING");
    gate.holdNoMore(); // A's send stays held; B's goes through

    const b = worker(channelsB, { now: () => at(60_000) });
    expect(await b.drain()).toMatchObject({ claimed: 1, reclaimed: 1, sent: 1 });
    const afterB = await rowState(options.rowId);
    expect(afterB).toMatchObject({ status: "SENT", attempts: 2, lastError: null });
    expect(afterB.claimToken).not.toBe(claimedByA.claimToken);

    options.turnDead();
    gate.release();
    await vi.waitFor(() => expect(a.stats.sent + a.stats.failed + a.stats["lost-lease"]).toBe(1), until);
    return { stats: { ...a.stats }, afterB };
  } finally {
    gate.release();
    await a.stop();
  }
}

describe("a dead-address answer to a lapsed claim", () => {
  beforeAll(async () => {
    await resetDatabase();
    smtp = await startSmtpStandIn();
    twilio = await startTwilioStandIn();
    const sms = createTwilioChannel({ accountSid: twilio.accountSid, authToken: twilio.authToken, from: twilio.from, baseUrl: twilio.baseUrl });
    channelsA = { email: createSmtpChannel({ url: smtp.url, maxConnections: 1 }), sms };
    channelsB = { email: createSmtpChannel({ url: smtp.url, maxConnections: 1 }), sms };
  });
  afterAll(async () => {
    await channelsA.email.close();
    await channelsB.email.close();
    await smtp.close();
    await twilio.close();
  });
  // Each case counts what its own workers claim: nothing an earlier case left due may ride along.
  beforeEach(async () => {
    await db.outboxMessage.updateMany({ where: { status: { in: ["PENDING", "SENDING"] } }, data: { status: "CANCELLED" } });
  });

  it("SMTP 550 at RCPT TO, answered after the row was re-claimed and sent: the subscription and its queue stay as they are", async () => {
    const address = "late-550@example.com";
    const { merchant, order, shipments } = await shopWithOrder();
    const subscription = await activeSubscription(shipments[0]!.token, "EMAIL", address, order.orderNumber);
    await ingest(merchant.id, shipments[0]!.trackingNumber, [scan("OUT_FOR_DELIVERY", minutesAgo(5, NOON))], NOON);
    const { id } = await db.outboxMessage.findFirstOrThrow({ where: { subscriptionId: subscription.id, trigger: "OUT_FOR_DELIVERY" }, select: { id: true } });

    const { stats, afterB } = await lapseWhileHeld({
      rowId: id,
      hold: () => holdRecipients(smtp, address),
      turnDead: () => {
        // B's message is in; only now does the provider call the mailbox dead. Something else is queued by then.
        smtp.recipientReplies.set(address, { code: 550, message: "5.1.1 No such user" });
      },
    });

    expect(await subscriptionState(subscription.id)).toEqual({ status: "ACTIVE", endReason: null, unsubscribedAt: null });
    expect(await rowState(id)).toEqual(afterB);
    expect(stats).toMatchObject({ sent: 0, failed: 0, "lost-lease": 1 });
    expect(smtp.messages.filter((m) => m.to.includes(address)).map((m) => m.messageId)).toEqual([queuedMessageId("alert", id)]);
  });

  it("the late answer does not cancel the subscription's other queued messages", async () => {
    const address = "late-550-queue@example.com";
    const { merchant, order, shipments } = await shopWithOrder({ parcels: 2 });
    const subscription = await activeSubscription(shipments[0]!.token, "EMAIL", address, order.orderNumber);
    await ingest(merchant.id, shipments[0]!.trackingNumber, [scan("OUT_FOR_DELIVERY", minutesAgo(5, NOON))], NOON);
    const { id } = await db.outboxMessage.findFirstOrThrow({ where: { subscriptionId: subscription.id, trigger: "OUT_FOR_DELIVERY" }, select: { id: true } });
    // The second parcel's news, due an hour later (no worker clock here reaches it): PENDING while A's answer is late.
    await ingest(merchant.id, shipments[1]!.trackingNumber, [scan("OUT_FOR_DELIVERY", minutesAgo(1, at(3_600_000)))], at(3_600_000));
    const queued = await db.outboxMessage.findFirstOrThrow({
      where: { subscriptionId: subscription.id, shipmentId: shipments[1]!.id },
      select: { id: true, status: true, dueAt: true },
    });
    expect(queued.status).toBe("PENDING");
    expect(queued.dueAt.getTime()).toBeGreaterThan(at(60_000).getTime());

    const { stats } = await lapseWhileHeld({
      rowId: id,
      hold: () => holdRecipients(smtp, address),
      turnDead: () => smtp.recipientReplies.set(address, { code: 550, message: "5.1.1 No such user" }),
    });

    expect(await db.outboxMessage.findUniqueOrThrow({ where: { id: queued.id }, select: { status: true, lastError: true } })).toEqual({
      status: "PENDING",
      lastError: null,
    });
    expect(await subscriptionState(subscription.id)).toMatchObject({ status: "ACTIVE" });
    expect(stats).toMatchObject({ failed: 0, "lost-lease": 1 });
  });

  it("Twilio 21610 (replied STOP), answered after the row was re-claimed and sent: no unsubscribe, no STOP-list entry", async () => {
    const phone = "+12065550610";
    const { merchant, order, shipments } = await shopWithOrder();
    const subscription = await activeSubscription(shipments[0]!.token, "SMS", phone, order.orderNumber);
    await ingest(merchant.id, shipments[0]!.trackingNumber, [scan("OUT_FOR_DELIVERY", minutesAgo(5, NOON))], NOON);
    const { id } = await db.outboxMessage.findFirstOrThrow({ where: { subscriptionId: subscription.id, trigger: "OUT_FOR_DELIVERY" }, select: { id: true } });

    const { stats, afterB } = await lapseWhileHeld({
      rowId: id,
      hold: () => holdTwilio(phone),
      turnDead: () => twilio.unsubscribedNumbers.add(phone),
    });

    expect(await db.smsOptOut.count({ where: { phone } })).toBe(0);
    expect(await subscriptionState(subscription.id)).toEqual({ status: "ACTIVE", endReason: null, unsubscribedAt: null });
    expect(await rowState(id)).toEqual(afterB);
    expect(afterB.providerMessageId).toMatch(/^SM/);
    expect(stats).toMatchObject({ sent: 0, failed: 0, "lost-lease": 1 });
    // B's text went out once (B looked for A's try at Twilio first and found none); A's was refused.
    expect(twilio.messages.filter((m) => m.to === phone)).toHaveLength(1);
  });

  it("for contrast: the same answer to the claim that holds the row still ends the subscription (and STOP is recorded)", async () => {
    const phone = "+12065550611";
    const { merchant, order, shipments } = await shopWithOrder();
    const subscription = await activeSubscription(shipments[0]!.token, "SMS", phone, order.orderNumber);
    await ingest(merchant.id, shipments[0]!.trackingNumber, [scan("OUT_FOR_DELIVERY", minutesAgo(5, NOON))], NOON);
    twilio.unsubscribedNumbers.add(phone);

    expect(await worker(channelsB, { now: () => NOON }).drain()).toMatchObject({ claimed: 1, failed: 1, "lost-lease": 0 });
    expect(await subscriptionState(subscription.id)).toMatchObject({ status: "UNSUBSCRIBED", endReason: "twilio-21610" });
    expect(await db.smsOptOut.count({ where: { phone } })).toBe(1);
  });
});
