import net from "node:net";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { queuedMessageId } from "../../../lib/notifications/message-id";
import { db } from "../../../lib/db";
import { createSmtpChannel } from "../../../lib/notifications/channels/email";
import { createFileSmsChannel } from "../../../lib/notifications/channels/file";
import type { Channels } from "../../../lib/notifications/channels/types";
import { confirmSubscription } from "../../../lib/notifications/confirm";
import { claimDue } from "../../../lib/notifications/outbox/claim";
import { OutboxWorker, type WorkerOptions } from "../../../lib/notifications/outbox/worker";
import { subscribeToAlerts } from "../../../lib/notifications/subscribe";
import { startSmtpStandIn, type SmtpStandIn } from "../../support/stand-ins/smtp";
import { GET as unsubscribeGet, POST as unsubscribePost } from "../../../app/alerts/unsubscribe/route";
import { resetDatabase } from "../support/reset-database";
import { activeSubscription, form, ingest, minutesAgo, parseMail, scan, shopWithOrder } from "./support";

let smtp: SmtpStandIn;
let channels: Channels;
const workers: OutboxWorker[] = [];

function worker(options: Partial<WorkerOptions> = {}, using: Channels = channels) {
  const created = new OutboxWorker({ channels: using, listen: "off", delaySweepMs: 0, backoff: { baseMs: 1_000, capMs: 4_000 }, ...options });
  workers.push(created);
  return created;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

const later = (ms: number) => () => new Date(Date.now() + ms);

describe("the outbox worker, sending email through a real SMTP server", () => {
  beforeAll(async () => {
    await resetDatabase();
    smtp = await startSmtpStandIn();
    channels = { email: createSmtpChannel({ url: smtp.url, maxConnections: 4 }), sms: createFileSmsChannel("/tmp/parcelpage-test-outbox") };
  });
  afterAll(async () => {
    for (const w of workers) await w.stop();
    await channels.email.close();
    await smtp.close();
  });

  it("sends the double opt-in link; following it confirms the subscription", async () => {
    const { order, shipments } = await shopWithOrder();
    await subscribeToAlerts(form(shipments[0]!.token, "EMAIL", "optin@example.com", { orderNumber: order.orderNumber, locale: "es" }), { ip: null, now: new Date() });
    await worker().drain();
    const mail = await parseMail((await smtp.waitFor((m) => m.to.includes("optin@example.com"))).raw);
    expect(mail.subject).toBe(`Confirma los avisos de entrega del pedido ${order.orderNumber}`);
    const link = /http:\/\/parcelpage\.test\/alerts\/confirm\?token=([\w.-]+)/.exec(mail.text ?? "");
    expect(link).not.toBeNull();
    expect(mail.html).toContain(`href="http://parcelpage.test/alerts/confirm?token=${link![1]}"`);
    expect((await confirmSubscription(link![1]!, new Date())).state).toBe("confirmed");
    expect(await db.alertSubscription.findFirstOrThrow({ where: { address: "optin@example.com" } })).toMatchObject({ status: "ACTIVE" });
  });

  it("a merchant name stored with CR/LF (before names were refused) cannot add a header through From or Subject", async () => {
    const { merchant, order, shipments } = await shopWithOrder();
    await activeSubscription(shipments[0]!.token, "EMAIL", "headers@example.com", order.orderNumber);
    await db.merchant.update({ where: { id: merchant.id }, data: { name: "Evil\r\nBcc: victim@example.com\r\nX-Injected: 1" } });
    await ingest(merchant.id, shipments[0]!.trackingNumber, [scan("OUT_FOR_DELIVERY", minutesAgo(5))]);
    await worker().drain();
    const received = await smtp.waitFor((m) => m.to.includes("headers@example.com"));
    const headerBlock = received.raw.split(/\r?\n\r?\n/)[0]!;
    expect(headerBlock).not.toMatch(/^(Bcc|X-Injected):/im);
    expect(received.to).toEqual(["headers@example.com"]);
    const mail = await parseMail(received.raw);
    expect(mail.from?.value[0]?.name).toBe("Evil Bcc: victim@example.com X-Injected: 1");
  });

  it("sends a branded alert with HTML and text parts in the shopper's language, one-click unsubscribe headers, and records the provider id", async () => {
    const { merchant, order, shipments } = await shopWithOrder();
    const subscription = await activeSubscription(shipments[0]!.token, "EMAIL", "branded@example.com", order.orderNumber);
    await db.alertSubscription.update({ where: { id: subscription.id }, data: { locale: "de" } });
    await ingest(merchant.id, shipments[0]!.trackingNumber, [scan("OUT_FOR_DELIVERY", minutesAgo(5), "Out for delivery")]);
    const stats = await worker().drain();
    expect(stats.sent).toBe(1);

    const received = await smtp.waitFor((m) => m.to.includes("branded@example.com"));
    const mail = await parseMail(received.raw);
    const row = await db.outboxMessage.findFirstOrThrow({ where: { subscriptionId: subscription.id, trigger: "OUT_FOR_DELIVERY" } });
    expect(row).toMatchObject({ status: "SENT", providerMessageId: `smtp:${received.queueId}`, content: `Heute in Zustellung: Bestellung ${order.orderNumber}`, attempts: 1 });
    expect(mail.messageId).toBe(queuedMessageId("alert", row.id));
    expect(mail.messageId).not.toContain(row.id);
    expect(mail.subject).toBe(`Heute in Zustellung: Bestellung ${order.orderNumber}`);
    expect(mail.from?.value[0]).toMatchObject({ name: "Northwind Outfitters" });
    expect(mail.replyTo?.value[0]?.address).toBe("help@northwind.example");
    expect(mail.headers.get("content-language")).toBe("de");
    expect(mail.html).toContain("#0f766e"); // the merchant's colour
    expect(mail.html).toContain("Paket verfolgen");
    expect(mail.html).toContain(`http://parcelpage.test/t/${shipments[0]!.token}`);
    expect(mail.text).toContain(`Paket verfolgen: http://parcelpage.test/t/${shipments[0]!.token}`);

    const listUnsubscribe = String(mail.headers.get("list-unsubscribe") ?? JSON.stringify(mail.headers.get("list")));
    const unsubscribeUrl = /<(http:\/\/parcelpage\.test\/alerts\/unsubscribe\?token=[^>]+)>/.exec(received.raw)?.[1];
    expect(unsubscribeUrl, listUnsubscribe).toBeDefined();
    expect(received.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m);
    expect(mail.html).toContain(unsubscribeUrl!.replaceAll("&", "&amp;"));
    // RFC 8058 on the URL the header carries: a GET (a scanner, a preview) changes nothing; the one-click POST unsubscribes.
    const viaGet = await unsubscribeGet(new Request(unsubscribeUrl!));
    expect(viaGet.status).toBe(303);
    expect(await db.alertSubscription.findUniqueOrThrow({ where: { id: subscription.id } })).toMatchObject({ status: "ACTIVE" });
    const oneClick = await unsubscribePost(
      new Request(unsubscribeUrl!, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "List-Unsubscribe=One-Click" }),
    );
    expect(oneClick.status).toBe(200);
    expect(await db.alertSubscription.findUniqueOrThrow({ where: { id: subscription.id } })).toMatchObject({ status: "UNSUBSCRIBED", endReason: "one-click" });
  });

  it("retries while the SMTP server is down, then delivers exactly once when it is back: nothing is lost", async () => {
    const { merchant, order, shipments } = await shopWithOrder();
    const subscription = await activeSubscription(shipments[0]!.token, "EMAIL", "outage@example.com", order.orderNumber);
    await ingest(merchant.id, shipments[0]!.trackingNumber, [scan("DELIVERED", minutesAgo(5))]);
    const port = await freePort();
    const down = { email: createSmtpChannel({ url: `smtp://127.0.0.1:${port}` }), sms: channels.sms };

    // One instant for the first try and the check after it: "not due yet" must not depend on how fast the machine is.
    const firstTry = new Date();
    expect((await worker({ now: () => firstTry }, down).drain()).retry).toBe(1);
    let row = await db.outboxMessage.findFirstOrThrow({ where: { subscriptionId: subscription.id, trigger: "DELIVERED" } });
    expect(row).toMatchObject({ status: "PENDING", attempts: 1 });
    expect(row.lastError).toMatch(/ECONNREFUSED|ECONNECTION|ESOCKET/);
    expect(row.dueAt.getTime()).toBeGreaterThan(firstTry.getTime());
    expect((await worker({ now: () => firstTry }, down).drain()).claimed).toBe(0); // not due yet: backoff

    expect((await worker({ now: later(10_000) }, down).drain()).retry).toBe(1);
    row = await db.outboxMessage.findUniqueOrThrow({ where: { id: row.id } });
    expect(row.attempts).toBe(2);

    const revived = await startSmtpStandIn({ port });
    try {
      const up = { email: createSmtpChannel({ url: revived.url }), sms: channels.sms };
      expect((await worker({ now: later(20_000) }, up).drain()).sent).toBe(1);
      await worker({ now: later(60_000) }, up).drain();
      expect(revived.messages.filter((m) => m.to.includes("outage@example.com"))).toHaveLength(1);
      expect(await db.outboxMessage.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ status: "SENT", attempts: 3 });
      await up.email.close();
    } finally {
      await revived.close();
      await down.email.close();
    }
  });

  it("dead-letters after the last try, keeping the last error", async () => {
    const { merchant, order, shipments } = await shopWithOrder();
    const subscription = await activeSubscription(shipments[0]!.token, "EMAIL", "dead@example.com", order.orderNumber);
    await ingest(merchant.id, shipments[0]!.trackingNumber, [scan("DELIVERED", minutesAgo(5))]);
    const down = { email: createSmtpChannel({ url: `smtp://127.0.0.1:${await freePort()}` }), sms: channels.sms };
    for (let minute = 0; minute < 4; minute++) await worker({ maxAttempts: 3, now: later(minute * 60_000) }, down).drain();
    const row = await db.outboxMessage.findFirstOrThrow({ where: { subscriptionId: subscription.id, trigger: "DELIVERED" } });
    expect(row).toMatchObject({ status: "FAILED", attempts: 3 });
    expect(row.lastError).toMatch(/after 3 tries/);
    await down.email.close();
  });

  it("ends the subscription when the mailbox does not exist (550 at RCPT), without retrying", async () => {
    const { merchant, order, shipments } = await shopWithOrder();
    const subscription = await activeSubscription(shipments[0]!.token, "EMAIL", "nobody@example.com", order.orderNumber);
    smtp.rejectRecipients.add("nobody@example.com");
    await ingest(merchant.id, shipments[0]!.trackingNumber, [scan("OUT_FOR_DELIVERY", minutesAgo(5))]);
    await worker().drain();
    const row = await db.outboxMessage.findFirstOrThrow({ where: { subscriptionId: subscription.id, trigger: "OUT_FOR_DELIVERY" } });
    expect(row).toMatchObject({ status: "FAILED", attempts: 1 });
    expect(row.lastError).toMatch(/550/);
    expect(await db.alertSubscription.findUniqueOrThrow({ where: { id: subscription.id } })).toMatchObject({ status: "UNSUBSCRIBED", endReason: "smtp-550" });
  });

  it("sends nothing for a subscription that ended after the row was written", async () => {
    const { merchant, order, shipments } = await shopWithOrder();
    const subscription = await activeSubscription(shipments[0]!.token, "EMAIL", "gone@example.com", order.orderNumber);
    await ingest(merchant.id, shipments[0]!.trackingNumber, [scan("OUT_FOR_DELIVERY", minutesAgo(5))]);
    await db.alertSubscription.update({ where: { id: subscription.id }, data: { status: "UNSUBSCRIBED" } });
    const before = smtp.messages.length;
    expect((await worker().drain()).cancelled).toBe(1);
    expect(smtp.messages.length).toBe(before);
  });

  it("takes over the rows of a worker that died mid-send once its lease runs out, and the message keeps its Message-ID", async () => {
    const { merchant, order, shipments } = await shopWithOrder();
    const subscription = await activeSubscription(shipments[0]!.token, "EMAIL", "lease@example.com", order.orderNumber);
    await ingest(merchant.id, shipments[0]!.trackingNumber, [scan("OUT_FOR_DELIVERY", minutesAgo(5))]);
    // A worker claims and dies: nothing is recorded.
    const [dead] = await claimDue({ limit: 10, leaseMs: 30_000, now: new Date() });
    expect(dead).toBeDefined();
    expect((await worker().drain()).claimed).toBe(0); // leased
    const stats = await worker({ now: later(31_000) }).drain();
    expect(stats).toMatchObject({ reclaimed: 1, sent: 1 });
    const row = await db.outboxMessage.findFirstOrThrow({ where: { subscriptionId: subscription.id, trigger: "OUT_FOR_DELIVERY" } });
    expect(row).toMatchObject({ status: "SENT", attempts: 2 });
    const received = smtp.messages.filter((m) => m.to.includes("lease@example.com"));
    expect(received.map((m) => m.messageId)).toEqual([queuedMessageId("alert", row.id)]);
  });

  it("keeps its lease alive while a slow SMTP server holds the message past the lease: the lease moves on and no second worker takes the row", async () => {
    const { merchant, order, shipments } = await shopWithOrder();
    const subscription = await activeSubscription(shipments[0]!.token, "EMAIL", "slow@example.com", order.orderNumber);
    const row = () => db.outboxMessage.findFirstOrThrow({ where: { subscriptionId: subscription.id, trigger: "OUT_FOR_DELIVERY" } });
    // The worker's clock is the test's: time passes when the test says, not while the machine is busy.
    let clock = new Date();
    const now = () => clock;
    let answer = () => {};
    smtp.answerGate = new Promise<void>((resolve) => (answer = resolve)); // the provider answers when the test lets it
    const slow = worker({ leaseMs: 2_000, pollMs: 100, now }); // renews its leases every second
    // Waits below are for a state, with a generous bound only as a safety net.
    const until = { timeout: 20_000, interval: 50 };
    try {
      await ingest(merchant.id, shipments[0]!.trackingNumber, [scan("OUT_FOR_DELIVERY", minutesAgo(5, clock))], clock);
      await slow.start();
      const claimed = await vi.waitFor(async () => {
        const current = await row();
        expect(current.status).toBe("SENDING");
        return current;
      }, until);
      expect(claimed.dueAt.getTime()).toBe(clock.getTime() + 2_000);

      // Five seconds pass on the worker's clock, half a lease at a time, while the provider still has not answered:
      // each time the lease must move forward from the new instant, under the same claim.
      for (let step = 0; step < 5; step += 1) {
        clock = new Date(clock.getTime() + 1_000);
        await vi.waitFor(async () => expect((await row()).dueAt.getTime()).toBe(clock.getTime() + 2_000), until);
      }
      expect(await row()).toMatchObject({ status: "SENDING", claimToken: claimed.claimToken, attempts: 1 });

      // Another worker at the same instant finds the row leased: it neither claims it nor counts a try.
      await worker({ leaseMs: 2_000, now }).drain();
      expect(await row()).toMatchObject({ status: "SENDING", claimToken: claimed.claimToken, attempts: 1 });
    } finally {
      answer();
      smtp.answerGate = null;
    }
    await vi.waitFor(async () => expect((await row()).status).toBe("SENT"), until);
    await slow.stop();
    expect(smtp.messages.filter((m) => m.to.includes("slow@example.com"))).toHaveLength(1);
    expect(await row()).toMatchObject({ status: "SENT", attempts: 1 });
  });

  it("lets several workers drain side by side: every row is sent exactly once", async () => {
    const { merchant, order, shipments } = await shopWithOrder({ parcels: 20 });
    await activeSubscription(shipments[0]!.token, "EMAIL", "many@example.com", order.orderNumber);
    for (const shipment of shipments) await ingest(merchant.id, shipment.trackingNumber, [scan("OUT_FOR_DELIVERY", minutesAgo(5))]);
    const rows = await db.outboxMessage.findMany({ where: { shipmentId: { in: shipments.map((s) => s.id) } }, select: { id: true } });
    expect(rows).toHaveLength(20);
    await Promise.all([worker({ concurrency: 3 }).drain(), worker({ concurrency: 3 }).drain(), worker({ concurrency: 3 }).drain()]);
    const ids = smtp.messages.filter((m) => m.to.includes("many@example.com")).map((m) => m.messageId);
    expect(ids.sort()).toEqual(rows.map((row) => queuedMessageId("alert", row.id)).sort());
  });

  it("a running worker is woken by a new row: LISTEN/NOTIFY on PostgreSQL, its poll on PGlite", async () => {
    const { merchant, order, shipments } = await shopWithOrder();
    await activeSubscription(shipments[0]!.token, "EMAIL", "wake@example.com", order.orderNumber);
    const postgres = inject("databaseKind") === "postgres";
    // On PostgreSQL the poll is an hour: within the safety net below, only the notification can bring the row in.
    const running = worker({ listen: "auto", pollMs: postgres ? 3_600_000 : 250 });
    await running.start();
    try {
      expect(running.listening).toBe(postgres);
      await ingest(merchant.id, shipments[0]!.trackingNumber, [scan("OUT_FOR_DELIVERY", minutesAgo(1))]);
      const mail = await smtp.waitFor((m) => m.to.includes("wake@example.com"), 20_000);
      const row = () => db.outboxMessage.findFirstOrThrow({ where: { subscription: { address: "wake@example.com" }, trigger: "OUT_FOR_DELIVERY" } });
      await vi.waitFor(async () => expect(await row()).toMatchObject({ status: "SENT", attempts: 1 }), { timeout: 20_000, interval: 50 });
      expect(mail.messageId).toBe(queuedMessageId("alert", (await row()).id));
      expect(running.stats).toMatchObject({ claimed: 1, sent: 1 });
    } finally {
      await running.stop();
    }
  });
});
