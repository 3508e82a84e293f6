import { spawn, type ChildProcess } from "node:child_process";
import { createHmac } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { simpleParser } from "mailparser";
import pg from "pg";
import { startSmtpStandIn, type SmtpStandIn } from "../support/stand-ins/smtp";
import { startTwilioStandIn, type TwilioStandIn } from "../support/stand-ins/twilio";
import { E2E_TWILIO_AUTH_TOKEN } from "./support/alerts-env";
import { demo, tokenOf } from "./support/demo";
import { withDatabase } from "./support/tracking";

/**
 * Alerts end to end: a real browser opts in on a tracking page, the app's own worker process sends
 * through a real SMTP server and a Twilio stand-in (both started here, on loopback), a signed carrier
 * webhook moves the parcel, and STOP from the phone ends the texts.
 */
let smtp: SmtpStandIn;
let twilio: TwilioStandIn;
let worker: ChildProcess;
let baseURL: string;

async function parcel(orderNumber: string): Promise<{ carrier: string; trackingNumber: string }> {
  const client = new pg.Client({ connectionString: demo().databaseUrl });
  await client.connect();
  try {
    const result = await client.query(
      `SELECT s."carrier", s."trackingNumber" FROM "Shipment" s JOIN "Order" o ON o."id" = s."orderId" WHERE o."orderNumber" = $1 ORDER BY s."createdAt" LIMIT 1`,
      [orderNumber],
    );
    return result.rows[0];
  } finally {
    await client.end();
  }
}

/** A carrier event through the public webhook, signed like our generic provider format. */
async function postCarrierEvent(orderNumber: string, status: string, description: string) {
  const { carrier, trackingNumber } = await parcel(orderNumber);
  const body = JSON.stringify({
    carrier,
    trackingNumber,
    events: [{ status, description, occurredAt: new Date().toISOString(), location: { city: "Seattle", region: "WA", country: "US" } }],
  });
  const t = Math.floor(Date.now() / 1000);
  const signature = `t=${t},v1=${createHmac("sha256", demo().genericSecret).update(`${t}.${body}`).digest("hex")}`;
  const response = await fetch(`${baseURL}/api/webhooks/generic/${demo().merchantSlug}`, {
    method: "POST",
    headers: { "content-type": "application/json", "parcelpage-signature": signature },
    body,
  });
  expect(response.status).toBe(202); // accepted: a worker processes it behind the request
}

async function setShopperZone(orderNumber: string, zone: string): Promise<void> {
  const client = new pg.Client({ connectionString: demo().databaseUrl });
  await client.connect();
  try {
    await client.query(`UPDATE "Order" SET "shopperTimeZone" = $2 WHERE "orderNumber" = $1`, [orderNumber, zone]);
  } finally {
    await client.end();
  }
}

/** The status of the newest subscription for an address, read straight from the database. */
async function subscriptionStatus(address: string): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: demo().databaseUrl });
  await client.connect();
  try {
    const result = await client.query(`SELECT "status" FROM "AlertSubscription" WHERE "address" = $1 ORDER BY "createdAt" DESC LIMIT 1`, [address]);
    return result.rows[0]?.status;
  } finally {
    await client.end();
  }
}

/** A zone where it is daytime now, so no text is held for quiet hours whenever the suite runs. */
function daytimeZone(): string {
  const zones = ["America/Los_Angeles", "America/New_York", "Europe/London", "Europe/Berlin", "Asia/Kolkata", "Asia/Tokyo", "Pacific/Auckland", "Pacific/Honolulu"];
  return zones.find((zone) => {
    const hour = Number(new Intl.DateTimeFormat("en-US", { timeZone: zone, hour: "numeric", hourCycle: "h23" }).format(new Date()));
    return hour >= 9 && hour < 19;
  })!;
}

test.describe.serial("delivery alerts", () => {
  test.beforeAll(async ({ baseURL: url }) => {
    baseURL = url!;
    smtp = await startSmtpStandIn();
    twilio = await startTwilioStandIn({ authToken: E2E_TWILIO_AUTH_TOKEN });
    worker = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts", "--concurrency", "4"], {
      env: {
        ...process.env,
        DATABASE_URL: demo().databaseUrl,
        APP_SECRET: demo().appSecret,
        APP_URL: baseURL,
        DB_POOL_MAX: "2",
        SMTP_URL: smtp.url,
        SMTP_FROM: "Parcelpage alerts <alerts@parcelpage.test>",
        TWILIO_ACCOUNT_SID: twilio.accountSid,
        TWILIO_AUTH_TOKEN: twilio.authToken,
        TWILIO_FROM: twilio.from,
        TWILIO_BASE_URL: twilio.baseUrl,
        LOG_LEVEL: "warn",
      },
      stdio: ["ignore", "pipe", "inherit"],
    });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("the alerts worker did not start")), 30_000);
      worker.stdout!.on("data", (chunk: Buffer) => {
        if (chunk.toString().includes("Alerts worker")) {
          clearTimeout(timer);
          resolve();
        }
      });
      worker.once("exit", (code) => reject(new Error(`the alerts worker exited (${code})`)));
    });
  });

  test.afterAll(async () => {
    worker?.kill("SIGTERM");
    await smtp?.close();
    await twilio?.close();
  });

  test("email: opt in without JavaScript, confirm from the mail, and the out-for-delivery email arrives branded", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const token = tokenOf("NW-1002");
    await page.goto(`/t/${token}`);
    const form = page.locator('form[data-channel="EMAIL"]');
    await expect(form.getByTestId("consent-email")).toContainText("Northwind Outfitters");
    await form.getByLabel("Email address").fill("jordan.e2e@example.com");
    await form.getByRole("button", { name: "Email me" }).click();
    await expect(page.getByText("Almost done: we sent a confirmation link to jordan.e2e@example.com.")).toBeVisible();

    const confirmation = await simpleParser((await smtp.waitFor((mail) => mail.to.includes("jordan.e2e@example.com"))).raw);
    expect(confirmation.subject).toBe("Confirm delivery updates for order NW-1002");
    const link = /(http:\/\/127\.0\.0\.1:\d+\/alerts\/confirm\?token=[\w.-]+)/.exec(confirmation.text ?? "")![1]!;
    expect((await fetch(link)).status).toBe(200); // a mail scanner's GET confirms nothing
    expect(await subscriptionStatus("jordan.e2e@example.com")).toBe("PENDING");
    await page.goto(link);
    await page.getByRole("button", { name: "Yes, send me updates" }).click();
    await expect(page.getByText("Confirmed. We'll email you about order NW-1002 from Northwind Outfitters.")).toBeVisible();
    await page.goto(link); // a replayed link confirms nothing more
    await expect(page.getByText("This link was already used.")).toBeVisible();

    await postCarrierEvent("NW-1002", "OUT_FOR_DELIVERY", "Out for delivery");
    const received = await smtp.waitFor((mail) => mail.to.includes("jordan.e2e@example.com") && /Out for delivery today/.test(mail.subject ?? ""), 15_000);
    const mail = await simpleParser(received.raw);
    expect(mail.subject).toBe("Out for delivery today: order NW-1002");
    expect(mail.from?.value[0]?.name).toBe("Northwind Outfitters");
    expect(mail.html).toContain("#0f766e");
    expect(mail.html).toContain(`${baseURL}/t/${token}`);
    expect(mail.text).toContain(`Track package: ${baseURL}/t/${token}`);
    expect(received.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m);

    // The email, as the shopper sees it.
    await page.setContent(String(mail.html));
    await expect(page.getByRole("link", { name: "Track package" })).toBeVisible();
    await page.screenshot({ path: "test-results/screenshots/alert-email-out-for-delivery.png", fullPage: true });

    // The link in the email: a GET (what a mail scanner does) changes nothing; the page's button unsubscribes.
    const unsubscribe = /(http:\/\/127\.0\.0\.1:\d+\/alerts\/unsubscribe\?token=[\w.%-]+)/.exec(mail.text ?? "")![1]!;
    const scanned = await fetch(unsubscribe);
    expect(scanned.status).toBe(200);
    expect(await subscriptionStatus("jordan.e2e@example.com")).toBe("ACTIVE");
    await page.goto(unsubscribe);
    await expect(page.getByTestId("unsubscribe-intro")).toContainText("Stop alerts from Northwind Outfitters about order NW-1002");
    expect(await subscriptionStatus("jordan.e2e@example.com")).toBe("ACTIVE");
    await page.getByRole("button", { name: "Unsubscribe" }).click();
    await expect(page.getByTestId("unsubscribe-result")).toContainText("won't get any more updates");
    expect(await subscriptionStatus("jordan.e2e@example.com")).toBe("UNSUBSCRIBED");
    await expect(page.getByRole("button", { name: "Undo: keep sending updates" })).toBeVisible();
    await context.close();
  });

  test("SMS: opt in, one confirmation text, nothing until YES, then the out-for-delivery text, and STOP ends it", async ({ browser }) => {
    test.setTimeout(120_000); // a safety net for the waits on state below, not a measure
    // Quiet hours follow the order's destination zone (the browser's is ignored): make it daytime there.
    await setShopperZone("NW-1007", daytimeZone());
    const context = await browser.newContext();
    const page: Page = await context.newPage();
    const token = tokenOf("NW-1007");
    await page.goto(`/t/${token}`);
    const form = page.locator('form[data-channel="SMS"]');
    await expect(form.getByTestId("consent-sms")).toContainText("Msg & data rates may apply");
    await form.getByLabel("Mobile number").fill("(206) 555-0142");
    await form.getByRole("radio", { name: "Only out for delivery, delivered and problems" }).check();
    await form.getByRole("button", { name: "Text me" }).click();
    await expect(form.getByText("Almost done: we texted +12065550142. Reply YES to that text to start delivery texts.")).toBeVisible();
    await page.screenshot({ path: "test-results/screenshots/alerts-opt-in.png", fullPage: true });

    const confirmation = await twilio.waitFor((message) => message.to === "+12065550142");
    expect(confirmation.body).toMatch(/^Northwind Outfitters: reply YES to get delivery texts for order NW-1007 \(up to 3 msgs\/day\)\. Msg & data rates may apply\. Reply HELP for help, STOP to cancel\.$/);
    expect(await subscriptionStatus("+12065550142")).toBe("PENDING");

    // Replies, as Twilio delivers them: signed form POSTs.
    const webhookUrl = `${baseURL}/api/alerts/twilio`;
    const reply = (body: string, authToken = E2E_TWILIO_AUTH_TOKEN) => {
      const params = new URLSearchParams({ MessageSid: `SMe2e${body}`, AccountSid: twilio.accountSid, From: "+12065550142", To: twilio.from, Body: body });
      const signature = createHmac("sha1", authToken)
        .update(webhookUrl + [...params.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => k + v).join(""))
        .digest("base64");
      return fetch(webhookUrl, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": signature }, body: params.toString() });
    };
    expect((await reply("YES", "wrong")).status).toBe(403);
    expect(await subscriptionStatus("+12065550142")).toBe("PENDING");
    const yes = await reply("YES");
    expect(yes.status).toBe(200);
    expect(await yes.text()).toContain("signed up for delivery texts for order NW-1007");
    expect(await subscriptionStatus("+12065550142")).toBe("ACTIVE");

    await postCarrierEvent("NW-1007", "OUT_FOR_DELIVERY", "On FedEx vehicle for delivery");
    const alert = await twilio.waitFor((message) => message.to === "+12065550142" && message.body.includes("out for delivery"), 15_000);
    expect(alert.body).toBe(`Northwind Outfitters: order NW-1007 is out for delivery today. Track: ${baseURL}/t/${token} Reply STOP to end`);

    const forged = await reply("STOP", "wrong");
    expect(forged.status).toBe(403);
    const stop = await reply("STOP");
    expect(stop.status).toBe(200);

    const before = twilio.messages.filter((message) => message.to === "+12065550142").length;
    await postCarrierEvent("NW-1007", "DELIVERED", "Delivered, front door");
    // Wait for a state, not a while: the delivery processed (the parcel reads DELIVERED), and nothing left for the
    // worker to send to this number. The timeout is only a safety net.
    const outbox = () =>
      withDatabase(async (client) => {
        const { rows } = await client.query(
          `SELECT o."trigger"::text AS "trigger", o."status"::text AS "status", s."status"::text AS "subscription", s."endReason", sh."status"::text AS "parcel"
           FROM "AlertSubscription" s JOIN "Order" ord ON ord."id" = s."orderId" JOIN "Shipment" sh ON sh."orderId" = ord."id"
           LEFT JOIN "OutboxMessage" o ON o."subscriptionId" = s."id"
           WHERE ord."orderNumber" = 'NW-1007' AND s."address" = '+12065550142'`,
        );
        return rows as { trigger: string | null; status: string | null; subscription: string; endReason: string | null; parcel: string }[];
      });
    await expect.poll(async () => (await outbox())[0]?.parcel, { timeout: 30_000 }).toBe("DELIVERED");
    await expect.poll(async () => (await outbox()).filter((row) => row.status === "PENDING" || row.status === "SENDING"), { timeout: 30_000 }).toEqual([]);
    const rows = await outbox();
    expect(rows[0]).toMatchObject({ subscription: "UNSUBSCRIBED", endReason: "sms-stop" });
    // The delivered event was processed after STOP: it wrote no text for this number at all.
    expect(rows.filter((row) => row.trigger === "DELIVERED")).toEqual([]);
    expect(twilio.messages.filter((message) => message.to === "+12065550142")).toHaveLength(before);
    await context.close();
  });
});
