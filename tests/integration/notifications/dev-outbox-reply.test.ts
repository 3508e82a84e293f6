import type { IncomingMessage } from "node:http";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { replyToTextAction } from "../../../app/dev/outbox/actions";
import { stampClientAddress } from "../../../lib/lookup/client-ip";
import { db } from "../../../lib/db";
import { reloadEnv } from "../../../lib/env";
import { subscribeToAlerts } from "../../../lib/notifications/subscribe";
import { resetDatabase } from "../support/reset-database";
import { form, shopWithOrder } from "./support";

// The action reads the request's headers, stamped by scripts/serve.ts from the socket it came in on.
let clientAddress = "127.0.0.1";
vi.mock("next/headers", () => ({
  headers: async () => {
    const request = { headers: {}, socket: { remoteAddress: clientAddress } } as unknown as IncomingMessage;
    stampClientAddress(request, 0);
    return new Headers(request.headers as Record<string, string>);
  },
}));

const reply = (from: string, body: string) => {
  const data = new FormData();
  data.set("from", from);
  data.set("body", body);
  return replyToTextAction(data).then(
    () => "returned",
    (error: { digest?: string }) => String(error.digest ?? error),
  );
};

/** /dev/outbox answers a text as the phone would, through the same code as the Twilio webhook. */
describe("dev outbox: replying YES / STOP without a phone", () => {
  beforeAll(resetDatabase);
  afterAll(() => {
    delete process.env.DEV_OUTBOX;
    reloadEnv();
  });

  it("does not exist without DEV_OUTBOX; with it, YES confirms and STOP ends, like texts on the webhook", async () => {
    const { order, shipments } = await shopWithOrder();
    await subscribeToAlerts(form(shipments[0]!.token, "SMS", "+12065550401", { orderNumber: order.orderNumber }), { ip: "192.0.2.9", now: new Date() });
    const status = async () => (await db.alertSubscription.findFirstOrThrow({ where: { orderId: order.id } })).status;

    delete process.env.DEV_OUTBOX;
    reloadEnv();
    expect(await reply("+12065550401", "YES")).toMatch(/NEXT_HTTP_ERROR_FALLBACK;404/);
    expect(await status()).toBe("PENDING");

    process.env.DEV_OUTBOX = "1";
    reloadEnv();
    // Like the page, only for a browser on this machine: an action is callable by its id from anywhere.
    clientAddress = "203.0.113.7";
    expect(await reply("+12065550401", "YES")).toMatch(/NEXT_HTTP_ERROR_FALLBACK;404/);
    expect(await status()).toBe("PENDING");
    clientAddress = "127.0.0.1";
    expect(await reply("+12065550401", "YES")).toMatch(/NEXT_REDIRECT/);
    expect(await status()).toBe("ACTIVE");
    expect(await reply("+12065550401", "STOP")).toMatch(/NEXT_REDIRECT/);
    expect(await status()).toBe("UNSUBSCRIBED");
    expect(await db.smsOptOut.count({ where: { phone: "+12065550401" } })).toBe(1);
    // Only the four words, from a number in E.164: nothing else reaches the inbound path.
    expect(await reply("+12065550401", "START; DROP TABLE")).toMatch(/NEXT_REDIRECT/);
    expect(await db.smsOptOut.count({ where: { phone: "+12065550401" } })).toBe(1);
  });
});
