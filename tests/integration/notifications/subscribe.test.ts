import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../lib/db";
import { confirmLinkToken, confirmSubscription, inspectConfirmLink } from "../../../lib/notifications/confirm";
import { SMS_CONFIRMATIONS_PER_NUMBER_PER_DAY, SMS_NUMBERS_PER_ORDER, SMS_OPT_INS_PER_IP_PER_HOUR } from "../../../lib/notifications/opt-in-limits";
import { subscribeToAlerts } from "../../../lib/notifications/subscribe";
import { consentText } from "../../../lib/notifications/templates/consent";
import { resubscribeByToken, unsubscribeByToken, unsubscribeLinkToken } from "../../../lib/notifications/unsubscribe";
import { resetDatabase } from "../support/reset-database";
import { form, shopWithOrder } from "./support";

const ctx = () => ({ ip: "203.0.113.7", now: new Date() });

describe("opting in on the tracking page", () => {
  beforeAll(resetDatabase);

  it("stores an email opt-in as pending, with the exact consent text, time, IP and language, and queues the confirmation link", async () => {
    const { order, shipments } = await shopWithOrder();
    const result = await subscribeToAlerts(form(shipments[0]!.token, "EMAIL", "  Avery@Example.COM ", { orderNumber: order.orderNumber, locale: "fr" }), ctx());
    expect(result).toEqual({ ok: true, outcome: "confirm_email_sent", address: "avery@example.com" });
    const subscription = await db.alertSubscription.findFirstOrThrow({ where: { orderId: order.id }, include: { messages: true } });
    expect(subscription).toMatchObject({
      channel: "EMAIL", status: "PENDING", address: "avery@example.com", locale: "fr", consentIp: "203.0.113.7", scope: "ALL",
      consentText: consentText("EMAIL", "fr", "Northwind Outfitters", order.orderNumber),
    });
    expect(subscription.consentText).toContain("Northwind Outfitters");
    expect(subscription.messages.map((m) => [m.trigger, m.status, m.channel])).toEqual([["CONFIRMATION", "PENDING", "EMAIL"]]);
  });

  it("stores a phone number as E.164, reading a national number in the destination's country, pending with one confirmation text queued", async () => {
    const { order, shipments } = await shopWithOrder();
    const result = await subscribeToAlerts(form(shipments[0]!.token, "SMS", "(206) 555-0142", { orderNumber: order.orderNumber, scope: "KEY" }), ctx());
    expect(result).toEqual({ ok: true, outcome: "sms_confirm_sent", address: "+12065550142" });
    const subscription = await db.alertSubscription.findFirstOrThrow({ where: { orderId: order.id }, include: { messages: true } });
    expect(subscription).toMatchObject({ channel: "SMS", status: "PENDING", scope: "KEY", confirmedAt: null });
    expect(subscription.consentText).toMatch(/Msg & data rates may apply/);
    expect(subscription.consentText).toMatch(/STOP/);
    expect(subscription.consentText).toMatch(/HELP/);
    expect(subscription.messages.map((m) => m.trigger)).toEqual(["CONFIRMATION"]);
  });

  it("reads national numbers of other destinations in their own country (Germany)", async () => {
    const { order, shipments } = await shopWithOrder({ country: "DE" });
    const result = await subscribeToAlerts(form(shipments[0]!.token, "SMS", "01512 3456789", { orderNumber: order.orderNumber }), ctx());
    expect(result).toMatchObject({ ok: true, address: "+4915123456789" });
  });

  it("refuses an invalid email", async () => {
    const { order, shipments } = await shopWithOrder();
    for (const address of ["not-an-email", "a@b", "avery@@example.com", "<script>@x.com", "x".repeat(250) + "@example.com"]) {
      const result = await subscribeToAlerts(form(shipments[0]!.token, "EMAIL", address, { orderNumber: order.orderNumber }), ctx());
      expect(result.ok ? "accepted" : result.error, address).toMatch(/email|invalid/);
    }
    expect(await db.alertSubscription.count({ where: { orderId: order.id } })).toBe(0);
  });

  it("refuses invalid phone numbers, landlines, and a number in another country", async () => {
    const { order, shipments } = await shopWithOrder();
    const token = shipments[0]!.token;
    const attempt = (address: string, shopCountry = order.orderNumber) => subscribeToAlerts(form(token, "SMS", address, { orderNumber: shopCountry }), ctx());
    expect(await attempt("12")).toEqual({ ok: false, error: "phone", country: "US" });
    expect(await attempt("call me maybe")).toEqual({ ok: false, error: "phone", country: "US" });
    expect(await attempt("+1 206 555 01")).toEqual({ ok: false, error: "phone", country: "US" });
    expect(await attempt("+44 7400 123456")).toEqual({ ok: false, error: "phone_other_country", country: "US" });
    expect(await attempt("+1 416 555 0123")).toEqual({ ok: false, error: "phone_other_country", country: "US" }); // Canada shares +1

    const german = await shopWithOrder({ country: "DE" });
    const landline = await subscribeToAlerts(form(german.shipments[0]!.token, "SMS", "030 123456", { orderNumber: german.order.orderNumber }), ctx());
    expect(landline).toEqual({ ok: false, error: "phone_not_mobile", country: "DE" });
    // Every attempt above was refused: neither order has a subscription, nor a confirmation text waiting.
    const orderIds = [order.id, german.order.id];
    expect(await db.alertSubscription.count({ where: { orderId: { in: orderIds } } })).toBe(0);
    expect(await db.outboxMessage.count({ where: { subscription: { orderId: { in: orderIds } } } })).toBe(0);
    expect(await db.alertSubscription.count({ where: { orderId: { in: [order.id, german.order.id] } } })).toBe(0);
  });

  it("refuses an unknown or malformed tracking token without saying more", async () => {
    const base = { channel: "EMAIL", address: "a@example.com", scope: "ALL", locale: "en", consentVersion: "x" };
    expect(await subscribeToAlerts({ ...base, token: "AAAAAAAAAAAAAAAAAAAAAAAA" }, ctx())).toEqual({ ok: false, error: "unknown_shipment" });
    expect(await subscribeToAlerts({ ...base, token: "../../etc/passwd" }, ctx())).toEqual({ ok: false, error: "unknown_shipment" });
    expect(await subscribeToAlerts({ ...base, token: 42 }, ctx())).toEqual({ ok: false, error: "invalid" });
    expect(await subscribeToAlerts({ ...base, token: "AAAAAAAAAAAAAAAAAAAAAAAA", channel: "PIGEON" }, ctx())).toEqual({ ok: false, error: "invalid" });
  });

  it("refuses consent the shopper did not see (the text changed, or a forged version)", async () => {
    const { order, shipments } = await shopWithOrder();
    const result = await subscribeToAlerts({ ...form(shipments[0]!.token, "EMAIL", "a@example.com", { orderNumber: order.orderNumber }), consentVersion: "forged" }, ctx());
    expect(result).toEqual({ ok: false, error: "consent_changed" });
  });

  it("does not duplicate on repeated sign-ups: it updates the one subscription, and sends the link at most once a minute", async () => {
    const { order, shipments } = await shopWithOrder({ parcels: 2 });
    const signUp = (token: string, scope: "ALL" | "KEY") =>
      subscribeToAlerts(form(token, "EMAIL", "repeat@example.com", { orderNumber: order.orderNumber, scope }), ctx());
    await signUp(shipments[0]!.token, "ALL");
    await signUp(shipments[1]!.token, "KEY"); // the other parcel's page: same order, same subscription
    await Promise.all([signUp(shipments[0]!.token, "KEY"), signUp(shipments[1]!.token, "KEY")]);
    const subscriptions = await db.alertSubscription.findMany({ where: { orderId: order.id }, include: { messages: true } });
    expect(subscriptions).toHaveLength(1);
    expect(subscriptions[0]!.scope).toBe("KEY");
    expect(subscriptions[0]!.messages.filter((m) => m.trigger === "CONFIRMATION")).toHaveLength(1);
  });

  it("confirms by the link once; a replayed link confirms nothing, even after an unsubscribe", async () => {
    const { order, shipments } = await shopWithOrder();
    const now = new Date();
    await subscribeToAlerts(form(shipments[0]!.token, "EMAIL", "confirm@example.com", { orderNumber: order.orderNumber }), ctx());
    const subscription = await db.alertSubscription.findFirstOrThrow({ where: { orderId: order.id } });
    const link = confirmLinkToken(subscription.id, subscription.confirmNonce!, now);

    expect((await inspectConfirmLink(link, now)).state).toBe("ready");
    expect(await db.alertSubscription.findUniqueOrThrow({ where: { id: subscription.id } })).toMatchObject({ status: "PENDING" });
    expect((await confirmSubscription(link, now)).state).toBe("confirmed");
    expect(await db.alertSubscription.findUniqueOrThrow({ where: { id: subscription.id } })).toMatchObject({ status: "ACTIVE", confirmNonce: null });

    expect((await confirmSubscription(link, now)).state).toBe("used");
    await unsubscribeByToken(unsubscribeLinkToken(subscription.id), "link", now);
    expect((await confirmSubscription(link, now)).state).toBe("used");
    expect(await db.alertSubscription.findUniqueOrThrow({ where: { id: subscription.id } })).toMatchObject({ status: "UNSUBSCRIBED" });
  });

  it("refuses tampered, foreign and expired links", async () => {
    const { order, shipments } = await shopWithOrder();
    const now = new Date();
    await subscribeToAlerts(form(shipments[0]!.token, "EMAIL", "tamper@example.com", { orderNumber: order.orderNumber }), ctx());
    const subscription = await db.alertSubscription.findFirstOrThrow({ where: { orderId: order.id } });
    const link = confirmLinkToken(subscription.id, subscription.confirmNonce!, now);
    const [id, nonce, expires, mac] = link.split(".");
    expect((await confirmSubscription(`${id}.${nonce}.${Number(expires) + 3600}.${mac}`, now)).state).toBe("invalid");
    // The MAC's first character changed (its last ones may carry padding bits, or already read "AA").
    const tampered = `${mac![0] === "A" ? "B" : "A"}${mac!.slice(1)}`;
    expect((await confirmSubscription(`${id}.${nonce}.${expires}.${tampered}`, now)).state).toBe("invalid");
    expect((await confirmSubscription(unsubscribeLinkToken(subscription.id), now)).state).toBe("invalid"); // right key, wrong purpose
    expect((await confirmSubscription("garbage", now)).state).toBe("invalid");
    const later = new Date(now.getTime() + 8 * 24 * 3600_000);
    expect((await confirmSubscription(link, later)).state).toBe("invalid");
    expect(await db.alertSubscription.findUniqueOrThrow({ where: { id: subscription.id } })).toMatchObject({ status: "PENDING" });
  });

  it("unsubscribes in one step, cancels what was waiting, and can be undone only for a confirmed email", async () => {
    const { order, shipments } = await shopWithOrder();
    const now = new Date();
    await subscribeToAlerts(form(shipments[0]!.token, "EMAIL", "leave@example.com", { orderNumber: order.orderNumber }), ctx());
    const subscription = await db.alertSubscription.findFirstOrThrow({ where: { orderId: order.id } });
    const token = unsubscribeLinkToken(subscription.id);
    const result = await unsubscribeByToken(token, "one-click", now);
    expect(result).toMatchObject({ state: "unsubscribed", address: "l•••@example.com" });
    const after = await db.alertSubscription.findUniqueOrThrow({ where: { id: subscription.id }, include: { messages: true } });
    expect(after).toMatchObject({ status: "UNSUBSCRIBED", endReason: "one-click" });
    expect(after.messages.map((m) => m.status)).toEqual(["CANCELLED"]);
    // never confirmed: undo does not activate it
    expect((await resubscribeByToken(token, now)).state).toBe("unsubscribed");

    await db.alertSubscription.update({ where: { id: subscription.id }, data: { confirmedAt: now } });
    expect((await resubscribeByToken(token, now)).state).toBe("resubscribed");
    expect((await unsubscribeByToken(token, "link", now)).state).toBe("unsubscribed");
    expect((await unsubscribeByToken(`${token}x`, "link", now)).state).toBe("invalid");
  });

  it("signing up again after unsubscribing asks for confirmation again, with a new link", async () => {
    const { order, shipments } = await shopWithOrder();
    const now = new Date();
    await subscribeToAlerts(form(shipments[0]!.token, "EMAIL", "again@example.com", { orderNumber: order.orderNumber }), ctx());
    const first = await db.alertSubscription.findFirstOrThrow({ where: { orderId: order.id } });
    const oldLink = confirmLinkToken(first.id, first.confirmNonce!, now);
    await unsubscribeByToken(unsubscribeLinkToken(first.id), "link", now);
    await subscribeToAlerts(form(shipments[0]!.token, "EMAIL", "again@example.com", { orderNumber: order.orderNumber }), { ip: null, now: new Date(now.getTime() + 120_000) });
    const second = await db.alertSubscription.findUniqueOrThrow({ where: { id: first.id } });
    expect(second.status).toBe("PENDING");
    expect(second.confirmNonce).not.toBe(first.confirmNonce);
    expect((await confirmSubscription(oldLink, now)).state).toBe("used");
    expect((await confirmSubscription(confirmLinkToken(second.id, second.confirmNonce!, now), now)).state).toBe("confirmed");
  });

  describe("SMS sign-up limits (pumping: each confirmation is a paid text)", () => {
    const sms = (token: string, orderNumber: string, phone: string, ip: string, now = new Date()) =>
      subscribeToAlerts(form(token, "SMS", phone, { orderNumber }), { ip, now });
    const limited = { ok: false, error: "rate_limited" };

    it(`allows ${SMS_NUMBERS_PER_ORDER} different numbers per order (any of its tokens), then refuses more and stores nothing`, async () => {
      const { order, shipments } = await shopWithOrder({ parcels: 2 });
      for (let i = 0; i < SMS_NUMBERS_PER_ORDER; i += 1) {
        expect(await sms(shipments[i % 2]!.token, order.orderNumber, `+1206555030${i}`, `192.0.2.${i}`)).toMatchObject({ ok: true });
      }
      expect(await sms(shipments[1]!.token, order.orderNumber, "+12065550309", "192.0.2.50")).toEqual(limited);
      // One already signed up may still sign up again (scope change) without counting twice.
      expect(await sms(shipments[0]!.token, order.orderNumber, "+12065550300", "192.0.2.51", new Date(Date.now() + 120_000))).toMatchObject({ ok: true });
      expect(await db.alertSubscription.count({ where: { orderId: order.id } })).toBe(SMS_NUMBERS_PER_ORDER);
      // Racing for the last place does not get past the count either.
      const other = await shopWithOrder();
      const raced = await Promise.all(
        ["+12065550310", "+12065550311", "+12065550312", "+12065550313", "+12065550314"].map((phone, i) => sms(other.shipments[0]!.token, other.order.orderNumber, phone, `192.0.2.${60 + i}`)),
      );
      expect(raced.filter((r) => r.ok)).toHaveLength(SMS_NUMBERS_PER_ORDER);
      expect(await db.alertSubscription.count({ where: { orderId: other.order.id } })).toBe(SMS_NUMBERS_PER_ORDER);
    });

    it(`sends one number at most ${SMS_CONFIRMATIONS_PER_NUMBER_PER_DAY} confirmation texts a day, across merchants, with the same answer as any limit`, async () => {
      const phone = "+12065550320";
      const now = new Date();
      for (let i = 0; i < SMS_CONFIRMATIONS_PER_NUMBER_PER_DAY; i += 1) {
        const { order, shipments } = await shopWithOrder();
        expect(await sms(shipments[0]!.token, order.orderNumber, phone, `192.0.2.${100 + i}`, now)).toMatchObject({ ok: true, outcome: "sms_confirm_sent" });
      }
      const next = await shopWithOrder();
      expect(await sms(next.shipments[0]!.token, next.order.orderNumber, phone, "192.0.2.120", now)).toEqual(limited);
      expect(await db.alertSubscription.count({ where: { orderId: next.order.id } })).toBe(0); // refused: nothing stored
      expect(await db.outboxMessage.count({ where: { trigger: "CONFIRMATION", subscription: { address: phone } } })).toBe(SMS_CONFIRMATIONS_PER_NUMBER_PER_DAY);
      // A day later the number may be asked again.
      const tomorrow = new Date(now.getTime() + 24 * 3_600_000 + 1_000);
      await db.outboxMessage.updateMany({ where: { subscription: { address: phone } }, data: { createdAt: new Date(now.getTime() - 24 * 3_600_000 - 1_000) } });
      expect(await sms(next.shipments[0]!.token, next.order.orderNumber, phone, "192.0.2.121", tomorrow)).toMatchObject({ ok: true });
    });

    it(`takes at most ${SMS_OPT_INS_PER_IP_PER_HOUR} SMS sign-ups an hour from one client address`, async () => {
      const ip = "192.0.2.200";
      for (let i = 0; i < SMS_OPT_INS_PER_IP_PER_HOUR; i += 1) {
        const { order, shipments } = await shopWithOrder();
        expect(await sms(shipments[0]!.token, order.orderNumber, `+120655504${String(i).padStart(2, "0")}`, ip)).toMatchObject({ ok: true });
      }
      const { order, shipments } = await shopWithOrder();
      expect(await sms(shipments[0]!.token, order.orderNumber, "+12065550499", ip)).toEqual(limited);
      expect(await db.alertSubscription.count({ where: { orderId: order.id } })).toBe(0);
      expect(await sms(shipments[0]!.token, order.orderNumber, "+12065550499", "192.0.2.201")).toMatchObject({ ok: true });
    });

    it("ignores the browser's time zone: quiet hours follow the destination", async () => {
      const { order, shipments } = await shopWithOrder({ shopperTimeZone: "America/New_York" });
      await subscribeToAlerts({ ...form(shipments[0]!.token, "SMS", "+12065550330", { orderNumber: order.orderNumber }), timeZone: "Pacific/Kiritimati" }, ctx());
      expect(await db.alertSubscription.findFirstOrThrow({ where: { orderId: order.id } })).toMatchObject({ timeZone: null });
    });
  });
});
