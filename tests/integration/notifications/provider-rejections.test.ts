/**
 * What the worker does with the providers' permanent answers (a landline, a mailbox that does not exist)
 * and with a provider that keeps failing until the last try: the outbox row's and the subscription's state.
 * Real SMTP (smtp-server) and Twilio's REST shape (a local stand-in), real database.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "../../../lib/db";
import { createSmtpChannel } from "../../../lib/notifications/channels/email";
import { createTwilioChannel } from "../../../lib/notifications/channels/sms";
import type { Channels } from "../../../lib/notifications/channels/types";
import { MAX_ATTEMPTS } from "../../../lib/notifications/outbox/backoff";
import { OutboxWorker, type WorkerOptions } from "../../../lib/notifications/outbox/worker";
import { startSmtpStandIn, type SmtpStandIn } from "../../support/stand-ins/smtp";
import { startTwilioStandIn, type TwilioStandIn } from "../../support/stand-ins/twilio";
import { resetDatabase } from "../support/reset-database";
import { activeSubscription, ingest, minutesAgo, scan, shopWithOrder } from "./support";

let smtp: SmtpStandIn;
let twilio: TwilioStandIn;
let channels: Channels;

/** Noon in Los Angeles on an ordinary Wednesday: outside the texts' quiet hours, far from a clock change. */
const NOON = new Date("2026-11-18T20:00:00Z");
const at = (offsetMs: number) => () => new Date(NOON.getTime() + offsetMs);

function worker(options: Partial<WorkerOptions> = {}) {
  return new OutboxWorker({ channels, listen: "off", delaySweepMs: 0, backoff: { baseMs: 1_000, capMs: 4_000 }, now: at(0), ...options });
}

async function rowsOf(subscriptionId: string) {
  return db.outboxMessage.findMany({
    where: { subscriptionId, trigger: { not: "CONFIRMATION" } },
    orderBy: { createdAt: "asc" },
    select: { id: true, trigger: true, status: true, attempts: true, lastError: true, claimToken: true },
  });
}

const subscriptionOf = (id: string) =>
  db.alertSubscription.findUniqueOrThrow({ where: { id }, select: { status: true, endReason: true } });

describe("permanent rejections and the dead letter", () => {
  beforeAll(async () => {
    await resetDatabase();
    smtp = await startSmtpStandIn();
    twilio = await startTwilioStandIn();
    channels = {
      email: createSmtpChannel({ url: smtp.url, maxConnections: 2 }),
      sms: createTwilioChannel({ accountSid: twilio.accountSid, authToken: twilio.authToken, from: twilio.from, baseUrl: twilio.baseUrl }),
    };
  });
  afterAll(async () => {
    await channels.email.close();
    await smtp.close();
    await twilio.close();
  });
  // Each case counts what its own drains claim: nothing an earlier (failed) case left due may ride along.
  beforeEach(async () => {
    await db.outboxMessage.updateMany({ where: { status: { in: ["PENDING", "SENDING"] } }, data: { status: "CANCELLED" } });
  });

  it("Twilio 21614 (a landline): the row fails at once without a retry, the subscription ends, the number is not opted out", async () => {
    const phone = "+12065550614";
    const { merchant, order, shipments } = await shopWithOrder();
    const subscription = await activeSubscription(shipments[0]!.token, "SMS", phone, order.orderNumber);
    twilio.landlineNumbers.add(phone);
    await ingest(merchant.id, shipments[0]!.trackingNumber, [scan("OUT_FOR_DELIVERY", minutesAgo(5, NOON))], NOON);

    expect(await worker().drain()).toMatchObject({ claimed: 1, failed: 1, retry: 0, sent: 0 });
    const [row] = await rowsOf(subscription.id);
    expect(row).toMatchObject({ trigger: "OUT_FOR_DELIVERY", status: "FAILED", attempts: 1, claimToken: null });
    expect(row!.lastError).toMatch(/^twilio 400 21614: /);
    expect(await subscriptionOf(subscription.id)).toMatchObject({ status: "UNSUBSCRIBED", endReason: "twilio-21614" });
    // A landline did not say STOP: unlike 21610 it is not put on the opt-out list (another number may be typed later).
    expect(await db.smsOptOut.count({ where: { phone } })).toBe(0);

    // An hour later nothing is retried, and the next status change writes nothing for the ended subscription.
    expect((await worker({ now: at(3_600_000) }).drain()).claimed).toBe(0);
    await ingest(merchant.id, shipments[0]!.trackingNumber, [scan("DELIVERED", minutesAgo(1, new Date(NOON.getTime() + 7_200_000)))], new Date(NOON.getTime() + 7_200_000));
    await worker({ now: at(7_300_000) }).drain();
    expect((await rowsOf(subscription.id)).map((r) => [r.trigger, r.status])).toEqual([["OUT_FOR_DELIVERY", "FAILED"]]);
    expect(twilio.requests.filter((r) => r.method === "POST" && r.form.To === phone)).toHaveLength(1);
  });

  it.each([
    [551, "5.1.6 User not local; please try <forward@example.net>"],
    [553, "5.1.3 Mailbox name not allowed"],
  ])("SMTP %i at RCPT TO (the mailbox is dead): the row fails without a retry and the email subscription ends", async (code, text) => {
    const address = `dead-${code}@example.com`;
    const { merchant, order, shipments } = await shopWithOrder();
    const subscription = await activeSubscription(shipments[0]!.token, "EMAIL", address, order.orderNumber);
    smtp.recipientReplies.set(address, { code, message: text });
    await ingest(merchant.id, shipments[0]!.trackingNumber, [scan("OUT_FOR_DELIVERY", minutesAgo(5, NOON))], NOON);

    expect(await worker().drain()).toMatchObject({ claimed: 1, failed: 1, retry: 0, sent: 0 });
    const [row] = await rowsOf(subscription.id);
    expect(row).toMatchObject({ status: "FAILED", attempts: 1, claimToken: null });
    expect(row!.lastError).toContain(String(code));
    expect(row!.lastError).toContain(text.split(" ")[0]!);
    expect(await subscriptionOf(subscription.id)).toMatchObject({ status: "UNSUBSCRIBED", endReason: `smtp-${code}` });
    expect((await worker({ now: at(3_600_000) }).drain()).claimed).toBe(0);
    expect(smtp.messages.filter((m) => m.to.includes(address))).toHaveLength(0);
  });

  it("for contrast: a 552 at RCPT TO fails the row but keeps the subscription; a 450 is retried and then delivered", async () => {
    const { merchant, order, shipments } = await shopWithOrder();
    const full = await activeSubscription(shipments[0]!.token, "EMAIL", "full@example.com", order.orderNumber);
    const busy = await activeSubscription(shipments[0]!.token, "EMAIL", "busy@example.com", order.orderNumber);
    smtp.recipientReplies.set("full@example.com", { code: 552, message: "5.2.2 Mailbox full" });
    smtp.recipientReplies.set("busy@example.com", { code: 450, message: "4.2.1 Mailbox busy, try later" });
    await ingest(merchant.id, shipments[0]!.trackingNumber, [scan("OUT_FOR_DELIVERY", minutesAgo(5, NOON))], NOON);

    expect(await worker().drain()).toMatchObject({ claimed: 2, failed: 1, retry: 1 });
    expect((await rowsOf(full.id))[0]).toMatchObject({ status: "FAILED", attempts: 1 });
    expect(await subscriptionOf(full.id)).toMatchObject({ status: "ACTIVE", endReason: null });
    expect((await rowsOf(busy.id))[0]).toMatchObject({ status: "PENDING", attempts: 1 });
    expect(await subscriptionOf(busy.id)).toMatchObject({ status: "ACTIVE" });

    smtp.recipientReplies.delete("busy@example.com");
    expect(await worker({ now: at(60_000) }).drain()).toMatchObject({ claimed: 1, sent: 1 });
    expect((await rowsOf(busy.id))[0]).toMatchObject({ status: "SENT", attempts: 2 });
    expect(smtp.messages.filter((m) => m.to.includes("busy@example.com"))).toHaveLength(1);
  });

  it(`dead-letters a text after the last of the default ${MAX_ATTEMPTS} tries, not one sooner, and never claims it again`, async () => {
    const phone = "+12065550666";
    const { merchant, order, shipments } = await shopWithOrder();
    const subscription = await activeSubscription(shipments[0]!.token, "SMS", phone, order.orderNumber);
    await ingest(merchant.id, shipments[0]!.trackingNumber, [scan("DELIVERED", minutesAgo(5, NOON))], NOON);
    twilio.failNext = 1_000; // Twilio answers 500 to every try

    try {
      // One try a minute (the backoff is capped at 4 s here): each drain finds the row due exactly once.
      for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
        expect(await worker({ now: at(attempt * 60_000) }).drain(), `try ${attempt}`).toMatchObject({ claimed: 1, retry: 1, failed: 0 });
        expect((await rowsOf(subscription.id))[0], `after try ${attempt}`).toMatchObject({ status: "PENDING", attempts: attempt });
      }
      expect(await worker({ now: at(MAX_ATTEMPTS * 60_000) }).drain()).toMatchObject({ claimed: 1, retry: 0, failed: 1 });
      const [row] = await rowsOf(subscription.id);
      expect(row).toMatchObject({ status: "FAILED", attempts: MAX_ATTEMPTS, claimToken: null });
      expect(row!.lastError).toBe(`twilio 500 20500: Internal Server Error (after ${MAX_ATTEMPTS} tries)`);
      // A temporary failure never ends the subscription, and the dead letter stays put.
      expect(await subscriptionOf(subscription.id)).toMatchObject({ status: "ACTIVE" });
      expect((await worker({ now: at(86_400_000) }).drain()).claimed).toBe(0);
      expect(twilio.requests.filter((r) => r.method === "POST" && r.form.To === phone)).toHaveLength(MAX_ATTEMPTS);
    } finally {
      twilio.failNext = 0;
    }
  });
});
