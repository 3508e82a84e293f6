/**
 * The abuse suite's server: the production build on a fresh embedded database, started by the e2e
 * server script (tests/e2e/support/serve.ts: migrate, seed the demo merchant, `next start`), plus what the
 * suite needs beyond the demo: a secret for every provider and a second merchant with an API key, so
 * API fuzzing cannot change the webhook merchant's secrets.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import type { TestProject } from "vitest/node";
import type { Provider } from "../../lib/carriers/types";
import type { E2eDemo } from "../e2e/support/demo";
import { E2E_TWILIO_AUTH_TOKEN } from "../e2e/support/alerts-env";
import type { AbuseContext } from "./support/context";
import { GOAL_MS, STATS_FILE } from "./support/probe";

const PORT = Number(process.env.ABUSE_PORT ?? 3390);
const SECRETS: Omit<Record<Provider, string>, "generic"> = {
  easypost: "abuse-easypost-secret-0001",
  shippo: "abuse-shippo-url-token-0001",
  aftership: "abuse-aftership-secret-0001",
};

/** The demo merchant's shops: the shop endpoints are fuzzed with deliveries signed by these. */
const SHOPS: AbuseContext["shops"] = {
  shopify: { domain: "abuse-shop.myshopify.com", secret: "abuse-shopify-secret-0001" },
  woocommerce: { domain: "abuse-shop.example", secret: "abuse-woocommerce-secret-0001" },
};

let server: ChildProcess | null = null;

async function waitForHealth(url: string, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    if (server?.exitCode !== null) throw new Error(`The abuse server exited (${server?.exitCode}); see test-results/abuse-server-${PORT}.log`);
    try {
      if ((await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2_000) })).status === 200) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The abuse server did not answer /api/health within the deadline (see test-results/abuse-server-${PORT}.log)`);
}

export default async function setup(project: TestProject) {
  const distDir = process.env.NEXT_DIST_DIR || ".next";
  if (!existsSync(`${distDir}/BUILD_ID`)) throw new Error(`No production build in ${distDir}: run \`npm run build\` first (npm test does).`);
  mkdirSync("test-results", { recursive: true });
  rmSync(STATS_FILE, { force: true });
  const demoFile = `test-results/e2e-demo-${PORT}.json`;
  rmSync(demoFile, { force: true });
  const log = createWriteStream(`test-results/abuse-server-${PORT}.log`);
  server = spawn(process.execPath, ["--import", "tsx", "tests/e2e/support/serve.ts"], {
    env: { ...process.env, E2E_PORT: String(PORT), E2E_PGLITE_PORT: process.env.E2E_PGLITE_PORT ?? String(PORT + 10_000), NEXT_TELEMETRY_DISABLED: "1", E2E_DB: "pglite" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout!.pipe(log);
  server.stderr!.pipe(log);
  const baseUrl = `http://127.0.0.1:${PORT}`;
  await waitForHealth(baseUrl, Date.now() + 180_000);

  const demo = JSON.parse(readFileSync(demoFile, "utf8")) as E2eDemo;
  process.env.DATABASE_URL = demo.databaseUrl;
  process.env.APP_SECRET = demo.appSecret;
  process.env.DB_POOL_MAX = "2";
  const { reloadEnv } = await import("../../lib/env");
  reloadEnv();
  const { db, disconnectDb } = await import("../../lib/db");
  const { setProviderConnection } = await import("../../lib/merchants/set-provider-connection");
  const { createMerchant } = await import("../../lib/merchants/create-merchant");
  const { createApiKey } = await import("../../lib/merchants/create-api-key");
  const merchant = await db.merchant.findUniqueOrThrow({ where: { slug: demo.merchantSlug }, select: { id: true } });
  for (const [provider, secret] of Object.entries(SECRETS)) await setProviderConnection(merchant.id, provider as Provider, secret);
  const { setShopConnection } = await import("../../lib/shops/set-shop-connection");
  for (const platform of ["shopify", "woocommerce"] as const) {
    await setShopConnection(merchant.id, platform, { shopDomain: SHOPS[platform].domain, secret: SHOPS[platform].secret });
  }
  const apiMerchant = await createMerchant({ slug: "abuse-api", name: "Abuse API shop", timeZone: undefined, defaultLocale: undefined });
  const { key } = await createApiKey(apiMerchant.id, { name: "abuse suite", rateLimitPerMinute: 100_000 });
  const consoleSetup = await consoleOf(apiMerchant.id);
  await disconnectDb();

  const context: AbuseContext = {
    baseUrl,
    databaseUrl: demo.databaseUrl,
    merchantSlug: demo.merchantSlug,
    secrets: { ...SECRETS, generic: demo.genericSecret },
    apiKey: key,
    tokens: demo.shipments.map((shipment) => shipment.token),
    twilioAuthToken: E2E_TWILIO_AUTH_TOKEN,
    console: consoleSetup,
    shops: SHOPS,
  };
  project.provide("abuse", context);

  return async () => {
    printTotals();
    if (!server || server.exitCode !== null) return;
    const exited = new Promise((resolve) => server!.once("exit", resolve));
    server.kill("SIGTERM");
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 25_000))]);
  };
}

/**
 * The API merchant's console: a signed-in owner (the session cookie), an agent for the people forms to act
 * on, and an order for the order page's Send-link form.
 */
async function consoleOf(merchantId: string): Promise<AbuseContext["console"]> {
  const { db } = await import("../../lib/db");
  const { newSecret } = await import("../../lib/console/session-token");
  const { createOrder } = await import("../../lib/shipments/create-order");
  const owner = await db.consoleUser.create({ data: { merchantId, email: "owner@abuse-api.example", role: "owner" }, select: { id: true } });
  await db.consoleUser.create({ data: { merchantId, email: "agent@abuse-api.example", role: "agent" } });
  const { secret, secretHash } = newSecret();
  const now = new Date();
  const session = await db.consoleSession.create({
    data: { userId: owner.id, secretHash, expiresAt: new Date(now.getTime() + 86_400_000), lastSeenAt: now },
    select: { id: true },
  });
  const order = await createOrder(merchantId, {
    orderNumber: "CONSOLE-1",
    shopper: { name: "Robin Shopper", email: "robin@example.com", phone: "+13125550199" },
    destination: { city: "Chicago", region: "IL", postalCode: "60601", country: "US" },
    shipments: [{ carrier: "UPS", service: "Ground", trackingNumber: "1ZCONSOLE1" }],
  });
  return { cookie: `pp_console=${session.id}.${secret}`, orderId: order.id };
}

/** The closing figures: cases run across all surfaces, their slowest answer, and how many missed the 2 s goal. */
function printTotals() {
  if (!existsSync(STATS_FILE)) return;
  const lines = readFileSync(STATS_FILE, "utf8").trim().split("\n").filter(Boolean);
  const rows = lines.map((line) => JSON.parse(line) as { surface: string; cases: number; maxMs: number; overGoal: number; statuses: Record<string, number> });
  const cases = rows.reduce((sum, row) => sum + row.cases, 0);
  const fivexx = rows.reduce((sum, row) => sum + (row.statuses["5xx"] ?? 0) + (row.statuses["0xx"] ?? 0), 0);
  const maxMs = Math.max(0, ...rows.map((row) => row.maxMs));
  const slow = rows.reduce((sum, row) => sum + row.overGoal, 0);
  console.log(`\nabuse suite: ${cases} cases over ${rows.length} surfaces; ${fivexx} answered 5xx or not at all; slowest ${maxMs} ms; ${slow} over ${GOAL_MS} ms`);
}
