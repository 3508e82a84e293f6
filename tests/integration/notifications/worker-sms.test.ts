import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from "vitest";
import { db } from "../../../lib/db";
import { reloadEnv } from "../../../lib/env";
import { createFileEmailChannel } from "../../../lib/notifications/channels/file";
import { createTwilioChannel } from "../../../lib/notifications/channels/sms";
import type { Channels } from "../../../lib/notifications/channels/types";
import { claimDue } from "../../../lib/notifications/outbox/claim";
import { recordContent } from "../../../lib/notifications/outbox/record";
import { OutboxWorker, type WorkerOptions } from "../../../lib/notifications/outbox/worker";
import { subscribeToAlerts } from "../../../lib/notifications/subscribe";
import { twilioSignature } from "../../../lib/notifications/twilio/signature";
import { POST as twilioWebhook } from "../../../app/api/alerts/twilio/route";
import { startTwilioStandIn, type TwilioStandIn } from "../../support/stand-ins/twilio";
import { resetDatabase } from "../support/reset-database";
import { activeSubscription, form, ingest, minutesAgo, scan, shopWithOrder } from "./support";

let twilio: TwilioStandIn;
let channels: Channels;

function worker(options: Partial<WorkerOptions> = {}) {
  return new OutboxWorker({ channels, listen: "off", delaySweepMs: 0, backoff: { baseMs: 1_000, capMs: 4_000 }, ...options });
}

/** A fixed clock: 12:00 in Los Angeles (PST, UTC-8) on an ordinary Wednesday, outside quiet hours and far from a clock change. */
const NOON = new Date("2026-11-18T20:00:00Z");
const laNoon = () => NOON;
const at = (instant: Date) => () => instant;

const WEBHOOK_URL = "http://parcelpage.test/api/alerts/twilio";

/** A request as Twilio would send it: form body, signed with the auth token over the public URL. */
function inbound(params: Record<string, string>, signature?: string) {
  const body = new URLSearchParams(params);
  return new Request("http://127.0.0.1:3000/api/alerts/twilio", {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "x-twilio-signature": signature ?? twilioSignature(twilio.authToken, WEBHOOK_URL, body.entries()),
    },
    body: body.toString(),
  });
}

describe("texts through Twilio's REST API (a local stand-in), and replies to them", () => {
  beforeAll(async () => {
    await resetDatabase();
    twilio = await startTwilioStandIn();
    process.env.TWILIO_AUTH_TOKEN = twilio.authToken;
    reloadEnv();
    channels = {
      email: createFileEmailChannel("/tmp/parcelpage-test-outbox"),
      sms: createTwilioChannel({ accountSid: twilio.accountSid, authToken: twilio.authToken, from: twilio.from, baseUrl: twilio.baseUrl }),
    };
  });
  afterAll(async () => {
    delete process.env.TWILIO_AUTH_TOKEN;
    reloadEnv();
    await twilio.close();
  });

  it("double opt-in: one confirmation text asking for YES; nothing else until YES arrives on the signed webhook, then alerts", async () => {
    // The webhook reads the wall clock: it reads the test's fixed one here (only Date is faked; timers run).
    vi.useFakeTimers({ toFake: ["Date"], now: NOON });
    onTestFinished(() => void vi.useRealTimers());
    const { merchant, order, shipments } = await shopWithOrder();
    const now = laNoon();
    const result = await subscribeToAlerts(form(shipments[0]!.token, "SMS", "+1 206 555 0150", { orderNumber: order.orderNumber }), { ip: null, now });
    expect(result).toEqual({ ok: true, outcome: "sms_confirm_sent", address: "+12065550150" });
    expect(await db.alertSubscription.findFirstOrThrow({ where: { orderId: order.id } })).toMatchObject({ status: "PENDING", confirmedAt: null });
    await worker({ now: at(now) }).drain();
    const confirmation = await twilio.waitFor((m) => m.to === "+12065550150");
    expect(confirmation.body).toMatch(/^Northwind Outfitters: reply YES to get delivery texts for order /);
    expect(confirmation.body).toContain(order.orderNumber);
    expect(confirmation.body).toMatch(/3 msgs\/day/);
    expect(confirmation.body).toMatch(/Msg & data rates may apply/);
    expect(confirmation.body).toMatch(/HELP/);
    expect(confirmation.body).toMatch(/STOP/);

    // Still pending: a status change sends nothing.
    await ingest(merchant.id, shipments[0]!.trackingNumber, [scan("IN_TRANSIT", minutesAgo(30, now))], now);
    await worker({ now: at(now) }).drain();
    expect(twilio.messages.filter((m) => m.to === "+12065550150")).toHaveLength(1);

    const reply = await twilioWebhook(inbound({ From: "+12065550150", To: twilio.from, Body: "Yes", MessageSid: "SMyes1", AccountSid: twilio.accountSid }));
    expect(reply.status).toBe(200);
    expect(await reply.text()).toMatch(/<Message>Northwind Outfitters: you&apos;re signed up for delivery texts for order .*STOP to cancel\.<\/Message>/);
    expect(await db.alertSubscription.findFirstOrThrow({ where: { orderId: order.id } })).toMatchObject({ status: "ACTIVE" });

    await ingest(merchant.id, shipments[0]!.trackingNumber, [scan("OUT_FOR_DELIVERY", minutesAgo(5, now))], now);
    await worker({ now: at(now) }).drain();
    const alert = await twilio.waitFor((m) => m.to === "+12065550150" && m.body.includes("out for delivery"));
    expect(alert.body.length).toBeLessThanOrEqual(160);
    expect(alert.body).toContain(`/t/${shipments[0]!.token}`);
    const row = await db.outboxMessage.findFirstOrThrow({ where: { trigger: "OUT_FOR_DELIVERY", subscription: { address: "+12065550150" } } });
    expect(row).toMatchObject({ status: "SENT", providerMessageId: alert.sid, content: alert.body, attempts: 1 });
    expect(twilio.requests.filter((r) => r.method === "POST").at(-1)?.form).toMatchObject({ To: "+12065550150", From: twilio.from });
  });

  it("a number that texted STOP is never re-activated by the web form (no text either); START or YES from the number brings it back", async () => {
    // The webhook reads the wall clock: it reads the test's fixed one here (only Date is faked; timers run).
    vi.useFakeTimers({ toFake: ["Date"], now: NOON });
    onTestFinished(() => void vi.useRealTimers());
    const now = laNoon();
    const phone = "+12065550159";
    const first = await shopWithOrder();
    const stopped = await activeSubscription(first.shipments[0]!.token, "SMS", phone, first.order.orderNumber);
    expect((await twilioWebhook(inbound({ From: phone, To: twilio.from, Body: "STOP" }))).status).toBe(200);
    const textsBefore = await db.outboxMessage.count({ where: { trigger: "CONFIRMATION", subscription: { address: phone } } });

    // The same order and another merchant's order: the form answers as usual, but nothing is sent or activated.
    const second = await shopWithOrder();
    for (const { order, shipments } of [first, second]) {
      const again = await subscribeToAlerts(form(shipments[0]!.token, "SMS", phone, { orderNumber: order.orderNumber }), { ip: "198.51.100.1", now });
      expect(again).toEqual({ ok: true, outcome: "sms_confirm_sent", address: phone });
    }
    expect(await db.outboxMessage.count({ where: { trigger: "CONFIRMATION", subscription: { address: phone } } })).toBe(textsBefore);
    expect(await db.alertSubscription.findUniqueOrThrow({ where: { id: stopped.id } })).toMatchObject({ status: "UNSUBSCRIBED", endReason: "sms-stop" });
    expect(await db.alertSubscription.findFirstOrThrow({ where: { orderId: second.order.id } })).toMatchObject({ status: "PENDING", confirmSentAt: null });
    await worker({ now: at(now) }).drain();
    expect(twilio.messages.filter((m) => m.to === phone)).toHaveLength(0);

    // START from the number: it may be texted again, and what STOP ended (confirmed before) comes back.
    expect((await twilioWebhook(inbound({ From: phone, To: twilio.from, Body: "START" }))).status).toBe(200);
    expect(await db.smsOptOut.count({ where: { phone } })).toBe(0);
    expect(await db.alertSubscription.findUniqueOrThrow({ where: { id: stopped.id } })).toMatchObject({ status: "ACTIVE" });
    // Then the form sends its confirmation again, and YES activates the other merchant's sign-up.
    await subscribeToAlerts(form(second.shipments[0]!.token, "SMS", phone, { orderNumber: second.order.orderNumber }), { ip: "198.51.100.1", now: new Date(now.getTime() + 120_000) });
    await worker({ now: at(new Date(now.getTime() + 120_000)) }).drain();
    await twilio.waitFor((m) => m.to === phone && m.body.includes("reply YES"));
    await twilioWebhook(inbound({ From: phone, To: twilio.from, Body: "YES" }));
    expect(await db.alertSubscription.findFirstOrThrow({ where: { orderId: second.order.id } })).toMatchObject({ status: "ACTIVE" });
  });

  it("ends the subscription instead of retrying on Twilio's 21211 (invalid number) and 21610 (replied STOP)", async () => {
    const now = laNoon();
    for (const [phone, code] of [["+12065550151", 21211], ["+12065550152", 21610]] as const) {
      const { merchant, order, shipments } = await shopWithOrder();
      const subscription = await activeSubscription(shipments[0]!.token, "SMS", phone, order.orderNumber);
      (code === 21211 ? twilio.invalidNumbers : twilio.unsubscribedNumbers).add(phone);
      await ingest(merchant.id, shipments[0]!.trackingNumber, [scan("OUT_FOR_DELIVERY", minutesAgo(5, now))], now);
      await worker({ now: at(now) }).drain();
      await worker({ now: at(new Date(now.getTime() + 3_600_000)) }).drain(); // nothing to retry
      await ingest(merchant.id, shipments[0]!.trackingNumber, [scan("DELIVERED", minutesAgo(1, now))], new Date(now.getTime() + 120_000));
      await worker({ now: at(new Date(now.getTime() + 200_000)) }).drain();
      const posts = twilio.requests.filter((r) => r.method === "POST" && r.form.To === phone).length;
      expect(posts).toBe(1);
      const rows = await db.outboxMessage.findMany({ where: { subscriptionId: subscription.id, trigger: { not: "CONFIRMATION" } }, orderBy: { createdAt: "asc" } });
      expect(rows.map((row) => [row.trigger, row.status])).toEqual([["OUT_FOR_DELIVERY", "FAILED"]]); // nothing more is written for an ended subscription
      expect(rows[0]!.lastError).toContain(String(code));
      expect(await db.alertSubscription.findUniqueOrThrow({ where: { id: subscription.id } })).toMatchObject({ status: "UNSUBSCRIBED", endReason: `twilio-${code}` });
      // 21610 is STOP sent to our number: the web form must not text it again either.
      expect(await db.smsOptOut.count({ where: { phone } })).toBe(code === 21610 ? 1 : 0);
    }
  });

  it("retries a 500 with backoff and then sends once", async () => {
    const now = laNoon();
    const { merchant, order, shipments } = await shopWithOrder();
    await activeSubscription(shipments[0]!.token, "SMS", "+12065550153", order.orderNumber);
    await ingest(merchant.id, shipments[0]!.trackingNumber, [scan("DELIVERED", minutesAgo(5, now))], now);
    twilio.failNext = 1;
    expect((await worker({ now: at(now) }).drain()).retry).toBe(1);
    expect((await worker({ now: at(new Date(now.getTime() + 10_000)) }).drain()).sent).toBe(1);
    expect(twilio.messages.filter((m) => m.to === "+12065550153")).toHaveLength(1);
  });

  it("after a send with an unknown outcome (the worker died after Twilio took it), finds the message at Twilio instead of sending it twice", async () => {
    const now = laNoon();
    const { merchant, order, shipments } = await shopWithOrder();
    const subscription = await activeSubscription(shipments[0]!.token, "SMS", "+12065550154", order.orderNumber);
    await ingest(merchant.id, shipments[0]!.trackingNumber, [scan("DELIVERED", minutesAgo(5, now))], now);
    // The dying worker: claims, records the text, Twilio accepts it, and the process is gone before it records the sid.
    const [claim] = await claimDue({ limit: 1, leaseMs: 30_000, now });
    const text = "Northwind Outfitters: order was delivered. Details: http://parcelpage.test/t/x Reply STOP to end";
    await recordContent(claim!, text);
    const accepted = await channels.sms.send({ to: "+12065550154", body: text, key: claim!.id });
    expect(accepted.ok).toBe(true);

    const stats = await worker({ now: at(new Date(now.getTime() + 31_000)) }).drain();
    expect(stats).toMatchObject({ reclaimed: 1, sent: 1 });
    expect(twilio.messages.filter((m) => m.to === "+12065550154")).toHaveLength(1);
    const row = await db.outboxMessage.findFirstOrThrow({ where: { subscriptionId: subscription.id, trigger: "DELIVERED" } });
    expect(row).toMatchObject({ status: "SENT", providerMessageId: accepted.ok ? accepted.providerMessageId : "", content: text });
  });

  // Expected instants are written out in UTC (PST = UTC-8, PDT = UTC-7; the 2026 changes are Sun 8 March and
  // Sun 1 November at 02:00), so the release is checked against the wall clock, not against "+20 h".
  it.each([
    // label, 12:00 Saturday, 22:00 Saturday, 08:00 Sunday
    ["an ordinary day", "2026-11-18T20:00:00Z", "2026-11-19T06:00:00Z", "2026-11-19T16:00:00Z"],
    ["the Saturday before the clocks go forward (19 h later)", "2026-03-07T20:00:00Z", "2026-03-08T06:00:00Z", "2026-03-08T15:00:00Z"],
    ["the Saturday before the clocks go back (21 h later)", "2026-10-31T19:00:00Z", "2026-11-01T05:00:00Z", "2026-11-01T16:00:00Z"],
  ])("holds a text that comes due during quiet hours until 08:00, without counting a try: %s", async (_label, noonIso, nightIso, releaseIso) => {
    const now = new Date(noonIso);
    const { merchant, order, shipments } = await shopWithOrder();
    const subscription = await activeSubscription(shipments[0]!.token, "SMS", "+12065550155", order.orderNumber);
    await ingest(merchant.id, shipments[0]!.trackingNumber, [scan("OUT_FOR_DELIVERY", minutesAgo(5, now))], now);
    expect((await worker({ now: at(new Date(nightIso)) }).drain()).rescheduled).toBe(1);
    const row = await db.outboxMessage.findFirstOrThrow({ where: { subscriptionId: subscription.id, trigger: "OUT_FOR_DELIVERY" } });
    expect(row).toMatchObject({ status: "PENDING", attempts: 0 });
    expect(row.dueAt.toISOString()).toBe(new Date(releaseIso).toISOString());
    expect(twilio.messages.filter((m) => m.to === "+12065550155")).toHaveLength(0);
    // The next case's clock may lie after this release: leave nothing due behind.
    await db.outboxMessage.update({ where: { id: row.id }, data: { status: "CANCELLED" } });
  });

  it("STOP from the phone ends every text subscription of that number and cancels what was waiting", async () => {
    const now = laNoon();
    const first = await shopWithOrder();
    const second = await shopWithOrder();
    const a = await activeSubscription(first.shipments[0]!.token, "SMS", "+12065550156", first.order.orderNumber);
    const b = await activeSubscription(second.shipments[0]!.token, "SMS", "+12065550156", second.order.orderNumber);
    await ingest(first.merchant.id, first.shipments[0]!.trackingNumber, [scan("OUT_FOR_DELIVERY", minutesAgo(5, now))], now);

    const response = await twilioWebhook(inbound({ From: "+12065550156", To: twilio.from, Body: " stop ", MessageSid: "SMinbound1", AccountSid: twilio.accountSid }));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/text\/xml/);
    expect(await response.text()).toBe('<?xml version="1.0" encoding="UTF-8"?><Response></Response>');
    for (const id of [a.id, b.id]) {
      expect(await db.alertSubscription.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "UNSUBSCRIBED", endReason: "sms-stop" });
    }
    expect(await db.outboxMessage.findFirstOrThrow({ where: { subscriptionId: a.id, trigger: "OUT_FOR_DELIVERY" } })).toMatchObject({ status: "CANCELLED" });
  });

  it("answers HELP with the brand, where to get help, frequency and rates", async () => {
    const { order, shipments } = await shopWithOrder();
    await activeSubscription(shipments[0]!.token, "SMS", "+12065550157", order.orderNumber);
    const response = await twilioWebhook(inbound({ From: "+12065550157", To: twilio.from, Body: "HELP" }));
    const twiml = await response.text();
    expect(twiml).toMatch(/<Response><Message>Northwind Outfitters delivery alerts\. Help: help@northwind\.example\. .*Msg &amp; data rates may apply\. Reply STOP to cancel\.<\/Message><\/Response>/);
  });

  it("refuses a forged or missing X-Twilio-Signature and changes nothing", async () => {
    const { order, shipments } = await shopWithOrder();
    const subscription = await activeSubscription(shipments[0]!.token, "SMS", "+12065550158", order.orderNumber);
    const params = { From: "+12065550158", To: twilio.from, Body: "STOP" };
    const forged = twilioSignature("not-the-auth-token", WEBHOOK_URL, Object.entries(params));
    const otherUrl = twilioSignature(twilio.authToken, "http://evil.test/api/alerts/twilio", Object.entries(params));
    const tampered = twilioSignature(twilio.authToken, WEBHOOK_URL, Object.entries({ ...params, From: "+12065550199" }));
    for (const signature of [forged, otherUrl, tampered, "", "x".repeat(500)]) {
      expect((await twilioWebhook(inbound(params, signature))).status).toBe(403);
    }
    const unsigned = new Request("http://127.0.0.1:3000/api/alerts/twilio", { method: "POST", body: new URLSearchParams(params).toString() });
    expect((await twilioWebhook(unsigned)).status).toBe(403);
    expect(await db.alertSubscription.findUniqueOrThrow({ where: { id: subscription.id } })).toMatchObject({ status: "ACTIVE" });
  });
});
