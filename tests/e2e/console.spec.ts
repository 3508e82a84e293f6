import { mkdirSync, writeFileSync } from "node:fs";
import http from "node:http";
import { expect, test } from "@playwright/test";
import { addConsoleUser, messageTo, signIn } from "./support/console";
import { demo, DNS_FILE, tokenOf } from "./support/demo";
import pg from "pg";

const SHOTS = "test-results/screenshots";
mkdirSync(SHOTS, { recursive: true });

test("an owner signs in from the emailed link, changes the brand colour and the tracking page follows", async ({ page }) => {
  const owner = await addConsoleUser("owner");
  await signIn(page, owner);
  await page.screenshot({ path: `${SHOTS}/console-shipments.png`, fullPage: true });

  await page.getByRole("link", { name: "Branding" }).click();
  const colour = page.getByLabel("Brand colour", { exact: true });
  await expect(page.getByLabel("Time zone")).toHaveValue("America/Los_Angeles");
  await colour.fill("#fde047");
  // Live preview follows as you type, and a pale yellow band gets a contrast warning for links.
  await expect(page.getByTestId("preview-band")).toHaveCSS("background-color", "rgb(253, 224, 71)");
  await expect(page.getByTestId("contrast-warning")).toBeVisible();
  await colour.fill("#7c3aed");
  await expect(page.getByTestId("preview-band")).toHaveCSS("background-color", "rgb(124, 58, 237)");
  await expect(page.getByTestId("contrast-warning")).toBeHidden();
  await page.getByRole("button", { name: "Save branding" }).click();
  await expect(page.getByRole("status")).toContainText("Saved");
  await page.screenshot({ path: `${SHOTS}/console-branding.png`, fullPage: true });

  await page.goto(`/t/${tokenOf("NW-1002")}`);
  await expect(page.getByText(/Order NW-1002/).first()).toBeVisible();
  // The page is served from a stale-while-revalidate cache: a visit shortly before the change may still be
  // answered from it once, while the check for a newer version runs. Within seconds the new colour shows.
  await expect
    .poll(async () => {
      await page.reload();
      return (await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue("--brand").trim())).toLowerCase();
    }, { timeout: 20_000, intervals: [500, 1000, 2000] })
    .toBe("#7c3aed");
  await page.screenshot({ path: `${SHOTS}/tracking-after-rebrand.png`, fullPage: true });

  // The page counted the visit (the view beacon), and set no cookie of its own.
  await expect.poll(() => pageViews(tokenOf("NW-1002"))).toBeGreaterThan(0);
  expect((await page.context().cookies()).map((cookie) => cookie.name)).toEqual(["pp_console"]);
});

test("an owner issues an API key in the console that works against the REST API, and sees analytics", async ({ page }) => {
  await signIn(page, await addConsoleUser("owner"));
  await page.goto("/console/integration");
  await page.getByLabel("Label").fill("e2e key");
  await page.getByRole("button", { name: "Create key" }).click();
  const key = (await page.getByTestId("new-api-key").textContent())!;
  expect(key).toMatch(/^pp_[A-Za-z0-9]{12}_/);
  const answer = await page.request.get("/api/v1/shipments?limit=5", { headers: { Authorization: `Bearer ${key}` } });
  expect(answer.status()).toBe(200);
  expect((await answer.json()).data).toHaveLength(5);
  await expect(page.getByRole("cell", { name: "e2e key" })).toBeVisible();

  // A custom tracking domain set through the API stays pending, serving nothing, until its DNS TXT record
  // is seen (the e2e server's DNS stand-in answers from DNS_FILE); then "Verify" in the console proves it.
  const domain = await page.request.patch("/api/v1/branding", { headers: { Authorization: `Bearer ${key}` }, data: { customDomain: "track.northwind.example" } });
  expect(domain.status()).toBe(200);
  const claimed = await domain.json();
  expect(claimed).toMatchObject({ customDomainStatus: "pending", domainVerification: { type: "TXT", name: "_parcelpage.track.northwind.example" } });
  const origin = new URL(page.url()).origin;
  const pending = await getWithHost(origin, "track.northwind.example:443");
  expect(pending.status).toBe(200);
  expect(pending.location).toBeUndefined();
  await page.goto("/console/branding");
  await expect(page.getByTestId("domain-status")).toHaveText(/Pending/);
  await expect(page.getByTestId("domain-record-name")).toHaveText("_parcelpage.track.northwind.example");
  await expect(page.getByTestId("domain-record-value")).toHaveText(claimed.domainVerification.value);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByText(/The TXT record was not found yet/)).toBeVisible();
  writeFileSync(DNS_FILE, JSON.stringify({ [claimed.domainVerification.name]: [claimed.domainVerification.value] }));
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByTestId("domain-status")).toHaveText(/Verified/);
  const home = await getWithHost(origin, "track.northwind.example:443");
  expect(home.status).toBe(307);
  expect(home.location).toMatch(/\/northwind\/lookup$/);
  expect((await getWithHost(new URL(page.url()).origin, "127.0.0.1")).status).toBe(200);
  // Put the demo merchant back as other specs expect it (the rebrand test above changed its colour).
  const restored = await page.request.patch("/api/v1/branding", { headers: { Authorization: `Bearer ${key}` }, data: { customDomain: null, brandColor: "#0f766e" } });
  expect(restored.status()).toBe(200);
  await page.screenshot({ path: `${SHOTS}/console-integration.png`, fullPage: true });

  // A shopper's visit, as the tracking page's beacon sends it.
  expect((await page.request.post("/api/page-views", { data: tokenOf("NW-1001"), headers: { "Content-Type": "text/plain" } })).status()).toBe(204);
  await page.goto("/console/analytics?days=30");
  await expect(page.getByRole("heading", { name: /Analytics/ })).toBeVisible();
  await expect(page.getByTestId("unique-viewed")).not.toHaveText("0");
  await page.screenshot({ path: `${SHOTS}/console-analytics.png`, fullPage: true });
});

test("an agent finds an order by phone number and sends the shopper the tracking link", async ({ page }) => {
  const agent = await addConsoleUser("agent");
  await signIn(page, agent);
  // Agents do not see owner pages.
  await expect(page.getByRole("link", { name: "Branding" })).toHaveCount(0);
  await page.goto("/console/branding");
  await expect(page).toHaveURL(/\/console\/shipments\?denied=1/);

  // NW-1002's shopper phone is stored as +13125550122; agents type it however the caller says it.
  await page.getByLabel(/Order number, email, phone/).fill("(312) 555-0122");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByRole("row")).toHaveCount(2);
  await page.getByRole("link", { name: "NW-1002" }).click();
  await expect(page.getByRole("heading", { name: "Order NW-1002" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "arrived_at_facility" }).first()).toBeVisible();

  await page.getByRole("button", { name: "Email link" }).first().click();
  await expect(page.getByRole("status")).toContainText("Tracking link queued by email");
  await expect(page.getByRole("list", { name: "Console log" })).toContainText(`${agent} sent the tracking link by email to jordan@example.com`);
  const message = await messageTo("jordan@example.com", "tracking-link");
  expect(message.text).toContain(`/t/${tokenOf("NW-1002")}`);
  await page.screenshot({ path: `${SHOTS}/console-agent-order.png`, fullPage: true });

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/console\/sign-in/);
  await page.goto("/console/shipments");
  await expect(page).toHaveURL(/\/console\/sign-in/);
});

test("an owner removes an agent: the agent's open session stops working at once", async ({ browser }) => {
  const ownerContext = await browser.newContext();
  const agentContext = await browser.newContext();
  const ownerPage = await ownerContext.newPage();
  const agentPage = await agentContext.newPage();
  const agent = await addConsoleUser("agent");
  await signIn(agentPage, agent);
  await signIn(ownerPage, await addConsoleUser("owner"));
  await expect(agentPage).toHaveURL(/\/console\/shipments/);

  // The agent cannot reach the owners' page that removes people.
  await agentPage.goto("/console/integration");
  await expect(agentPage).toHaveURL(/\/console\/shipments\?denied=1/);

  await ownerPage.goto("/console/integration");
  await ownerPage.getByRole("button", { name: `Remove ${agent}` }).click();
  await expect(ownerPage.getByTestId("person").filter({ hasText: agent })).toHaveCount(0);

  await agentPage.goto("/console/shipments");
  await expect(agentPage).toHaveURL(/\/console\/sign-in/);
  await ownerContext.close();
  await agentContext.close();
});

function getWithHost(origin: string, host: string): Promise<{ status: number; location?: string }> {
  return new Promise((resolve, reject) => {
    const url = new URL("/", origin);
    http.get({ hostname: url.hostname, port: url.port, path: "/", headers: { Host: host } }, (response) => {
      response.resume();
      resolve({ status: response.statusCode ?? 0, location: response.headers.location });
    }).on("error", reject);
  });
}

async function pageViews(token: string): Promise<number> {
  const client = new pg.Client({ connectionString: demo().databaseUrl });
  await client.connect();
  try {
    const result = await client.query(`SELECT COALESCE(SUM(v."views"), 0)::int AS views FROM "PageView" v JOIN "Shipment" s ON s."id" = v."shipmentId" WHERE s."token" = $1`, [token]);
    return result.rows[0].views as number;
  } finally {
    await client.end();
  }
}
