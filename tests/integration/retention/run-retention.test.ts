import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../lib/db";
import { consume } from "../../../lib/lookup/rate-limit";
import { runRetention } from "../../../lib/retention/run-retention";
import { merchantWithKey } from "../support/api-fixtures";
import { resetDatabase } from "../support/reset-database";

const now = new Date("2026-12-06T12:00:00Z");
const hours = (n: number) => new Date(now.getTime() + n * 3_600_000);
const days = (n: number) => hours(n * 24);

describe("retention (run by the alerts worker)", () => {
  let merchantId = "";

  beforeAll(async () => {
    await resetDatabase();
    merchantId = (await merchantWithKey("retention-shop")).merchant.id;
    const user = await db.consoleUser.create({ data: { merchantId, email: "agent@retention.example", role: "agent" } });
    await db.signInToken.createMany({
      data: [
        { id: "tok-expired", userId: user.id, secretHash: "x", createdAt: hours(-3), expiresAt: hours(-2) },
        { id: "tok-just-expired", userId: user.id, secretHash: "x", createdAt: hours(-0.5), expiresAt: hours(-0.25) },
        { id: "tok-live", userId: user.id, secretHash: "x", createdAt: now, expiresAt: hours(0.25) },
      ],
    });
    await db.consoleSession.createMany({
      data: [
        { id: "ses-expired", userId: user.id, secretHash: "x", expiresAt: hours(-1) },
        { id: "ses-revoked", userId: user.id, secretHash: "x", expiresAt: days(10), revokedAt: hours(-1) },
        { id: "ses-live", userId: user.id, secretHash: "x", expiresAt: days(10) },
      ],
    });
    await db.idempotencyRecord.createMany({
      data: [
        { id: "idem-old", merchantId, key: "old", requestHash: "h", createdAt: hours(-25) },
        { id: "idem-new", merchantId, key: "new", requestHash: "h", createdAt: hours(-1) },
      ],
    });
    // One bucket a spoofing client left a day and a half ago, one in use.
    await consume({ subject: "lookup-ip:203.0.113.1", max: 10, windowMs: 15 * 60_000 }, hours(-36));
    await consume({ subject: "lookup-ip:203.0.113.2", max: 10, windowMs: 15 * 60_000 }, hours(-1));
    const delivery = (id: string, receivedAt: Date, outcome: "PROCESSED" | "RECEIVED" | "FAILED") => ({
      id, merchantId, provider: "generic" as const, headers: { "x-signature": "sig" }, body: `{"raw":"${id}"}`, signature: "hmac-sha256",
      receivedAt, outcome,
    });
    await db.webhookDelivery.createMany({
      data: [
        delivery("wh-old-processed", days(-31), "PROCESSED"),
        delivery("wh-old-failed", days(-40), "FAILED"),
        delivery("wh-old-pending", days(-31), "RECEIVED"),
        delivery("wh-recent", days(-29), "PROCESSED"),
      ],
    });
    const message = (id: string, kind: string, status: string, createdAt: Date, text = "") => ({
      id, channel: "email", kind, to: "agent@retention.example", status, createdAt, dueAt: createdAt, text, html: text ? `<a>${text}</a>` : null,
    });
    await db.consoleMessage.createMany({
      data: [
        message("msg-sent-old", "sign-in-link", "SENT", hours(-49)),
        message("msg-failed-old", "tracking-link", "FAILED", hours(-49)),
        message("msg-sent-recent", "tracking-link", "SENT", hours(-47)),
        message("msg-sent-with-text", "sign-in-link", "SENT", hours(-1), "http://parcelpage.test/console/sign-in/verify?token=legacy.secret"),
        message("msg-link-expired", "sign-in-link", "PENDING", hours(-0.5), "http://parcelpage.test/console/sign-in/verify?token=old.secret"),
        message("msg-link-fresh", "sign-in-link", "PENDING", hours(-0.1), "http://parcelpage.test/console/sign-in/verify?token=new.secret"),
        message("msg-text-held", "tracking-link", "PENDING", hours(-3), "held through quiet hours"),
      ],
    });
  });

  it("deletes what expired, keeps what is live, and drops old webhook bodies but keeps their outcome", async () => {
    const report = await runRetention(now, 30);
    expect(report).toEqual({ signInTokens: 1, sessions: 2, idempotencyRecords: 1, rateLimitBuckets: 1, webhookBodiesDropped: 2, consoleMessages: 3 });

    expect((await db.signInToken.findMany({ select: { id: true }, orderBy: { id: "asc" } })).map((row) => row.id)).toEqual(["tok-just-expired", "tok-live"]);
    expect((await db.consoleSession.findMany({ select: { id: true } })).map((row) => row.id)).toEqual(["ses-live"]);
    expect((await db.idempotencyRecord.findMany({ select: { id: true } })).map((row) => row.id)).toEqual(["idem-new"]);
    expect(await db.rateLimitBucket.count()).toBe(1);

    const deliveries = await db.webhookDelivery.findMany({ select: { id: true, body: true, headers: true, outcome: true, bodyDroppedAt: true }, orderBy: { id: "asc" } });
    expect(deliveries).toEqual([
      { id: "wh-old-failed", body: "", headers: {}, outcome: "FAILED", bodyDroppedAt: now },
      { id: "wh-old-pending", body: '{"raw":"wh-old-pending"}', headers: { "x-signature": "sig" }, outcome: "RECEIVED", bodyDroppedAt: null },
      { id: "wh-old-processed", body: "", headers: {}, outcome: "PROCESSED", bodyDroppedAt: now },
      { id: "wh-recent", body: '{"raw":"wh-recent"}', headers: { "x-signature": "sig" }, outcome: "PROCESSED", bodyDroppedAt: null },
    ]);

    // Finished console messages go after 48 h, an unsent sign-in link once it has expired; no finished row keeps text.
    expect(await db.consoleMessage.findMany({ select: { id: true, text: true, html: true }, orderBy: { id: "asc" } })).toEqual([
      { id: "msg-link-fresh", text: "http://parcelpage.test/console/sign-in/verify?token=new.secret", html: "<a>http://parcelpage.test/console/sign-in/verify?token=new.secret</a>" },
      { id: "msg-sent-recent", text: "", html: null },
      { id: "msg-sent-with-text", text: "", html: null },
      { id: "msg-text-held", text: "held through quiet hours", html: "<a>held through quiet hours</a>" },
    ]);

    // A second pass finds nothing left to do.
    expect(await runRetention(now, 30)).toEqual({ signInTokens: 0, sessions: 0, idempotencyRecords: 0, rateLimitBuckets: 0, webhookBodiesDropped: 0, consoleMessages: 0 });
  });

  it("refuses a rate-limit window longer than retention keeps buckets", async () => {
    await expect(consume({ subject: "too-long", max: 1, windowMs: 2 * 86_400_000 }, now)).rejects.toThrow(/MAX_RATE_LIMIT_WINDOW_MS/);
  });
});
