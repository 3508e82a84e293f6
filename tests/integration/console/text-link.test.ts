import { TZDate } from "@date-fns/tz";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../lib/db";
import { sendQueuedConsoleMessages } from "../../../lib/console/send-queued-messages";
import { CONSOLE_TEXTS_PER_NUMBER_PER_DAY, sendTrackingLink } from "../../../lib/console/send-tracking-link";
import { answerText } from "../../../lib/notifications/twilio/answer-text";
import { createOrder } from "../../../lib/shipments/create-order";
import { resetDatabase } from "../support/reset-database";
import { merchantWithKey, orderBody } from "../support/api-fixtures";

/** A time of day in Chicago today, as an instant. */
function chicago(hour: number): Date {
  const today = new TZDate(Date.now(), "America/Chicago");
  return new Date(new TZDate(today.getFullYear(), today.getMonth(), today.getDate(), hour, 0, 0, "America/Chicago").getTime());
}

/** "Text link" follows the alerts' rules and is queued, never sent inside the request. */
describe("console: Text link", () => {
  let merchantId: string;
  let userId: string;
  let n = 0;

  async function orderWithPhone(phone: string, timeZone = "America/Chicago") {
    n += 1;
    const body = orderBody(`TL-${n}`, [`TLINK${n}`]);
    const order = await createOrder(merchantId, { ...body, shopper: { ...body.shopper, phone, timeZone } });
    return { orderId: order.id, shipmentId: order.shipments[0]!.id };
  }

  beforeAll(async () => {
    await resetDatabase();
    merchantId = (await merchantWithKey("text-link-shop")).merchant.id;
    userId = (await db.consoleUser.create({ data: { merchantId, email: "agent@tl.example", role: "agent" }, select: { id: true } })).id;
  });

  it("queues the text (nothing is sent in the request) and holds it through quiet hours at the destination", async () => {
    const target = await orderWithPhone("(312) 555-0101");
    const night = chicago(23);
    const sent = await sendTrackingLink(merchantId, userId, { ...target, channel: "sms" }, night);
    expect(sent).toMatchObject({ to: "+13125550101", transport: "queued" });
    expect(sent.dueAt.getTime()).toBe(chicago(32).getTime()); // 08:00 the next morning
    expect(await sendQueuedConsoleMessages(night)).toBe(0);
    expect(await db.consoleMessage.findUniqueOrThrow({ where: { id: sent.id } })).toMatchObject({ status: "PENDING" });
    expect(await sendQueuedConsoleMessages(chicago(32))).toBe(1);
    expect(await db.consoleMessage.findUniqueOrThrow({ where: { id: sent.id } })).toMatchObject({ status: "SENT" });
  });

  it("refuses a number that is not a mobile number in E.164 for the destination", async () => {
    for (const phone of ["12", "+44 7400 123456", "call me"]) {
      const target = await orderWithPhone(phone);
      await expect(sendTrackingLink(merchantId, userId, { ...target, channel: "sms" }, chicago(12))).rejects.toMatchObject({ code: "validation_failed" });
    }
  });

  it("never texts a number that replied STOP (checked again at send time), until it texts START", async () => {
    const target = await orderWithPhone("+13125550102");
    await answerText({ from: "+13125550102", body: "STOP" }, chicago(12));
    await expect(sendTrackingLink(merchantId, userId, { ...target, channel: "sms" }, chicago(12))).rejects.toMatchObject({ code: "validation_failed" });
    await answerText({ from: "+13125550102", body: "START" }, chicago(12));
    const queued = await sendTrackingLink(merchantId, userId, { ...target, channel: "sms" }, chicago(12));
    await answerText({ from: "+13125550102", body: "STOP" }, chicago(12)); // STOP between queueing and sending
    await sendQueuedConsoleMessages(chicago(12));
    expect(await db.consoleMessage.findUniqueOrThrow({ where: { id: queued.id } })).toMatchObject({ status: "CANCELLED" });
  });

  it(`caps texts to one number at ${CONSOLE_TEXTS_PER_NUMBER_PER_DAY} a day`, async () => {
    const target = await orderWithPhone("+13125550103");
    for (let i = 0; i < CONSOLE_TEXTS_PER_NUMBER_PER_DAY; i++) await sendTrackingLink(merchantId, userId, { ...target, channel: "sms" }, chicago(12));
    await expect(sendTrackingLink(merchantId, userId, { ...target, channel: "sms" }, chicago(12))).rejects.toMatchObject({ code: "rate_limited" });
    expect(await db.consoleMessage.count({ where: { to: "+13125550103" } })).toBe(CONSOLE_TEXTS_PER_NUMBER_PER_DAY);
  });
});
