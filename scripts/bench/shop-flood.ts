/**
 * `npm run bench:shop-flood` — what a stranger's flood of 1 MB bodies with bad signatures costs a shop
 * endpoint, and whether the real shop notices. Production build on PostgreSQL, one merchant with a Shopify
 * connection, each phase in the same run:
 *  1. flood from fresh addresses (every post read and HMAC'd, answered 401: the cost the limit bounds);
 *  2. flood from one address past its limit (answered 429 before the body is read);
 *  3. phase 2's flood again, while the real shop sends correctly signed orders from its own addresses:
 *     every one must be 200 (the limit never throttles the shop).
 * Options: BENCH_POSTS (default 300 per flood phase), BENCH_CONCURRENCY (default 8), BENCH_PORT (default 3914), --rebuild.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { BENCH_DIST_DIR, ensureBuild, freshDatabase, percentile, startServer } from "./bench-server";

const POSTS = Number(process.env.BENCH_POSTS ?? 300);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const PORT = Number(process.env.BENCH_PORT ?? 3914);
const SECRET = "bench-shopify-secret-0001";
const SHOP = "bench-flood.myshopify.com";

if (!existsSync(path.join(BENCH_DIST_DIR, "BUILD_ID"))) process.argv.push("--rebuild");
ensureBuild();
const database = await freshDatabase();
const { createMerchant } = await import("../../lib/merchants/create-merchant");
const { setShopConnection } = await import("../../lib/shops/set-shop-connection");
const { base64HmacSha256 } = await import("../../lib/shops/verify-shop-signature");
const merchant = await createMerchant({ slug: "bench-flood", name: "Flooded shop", timeZone: undefined, defaultLocale: undefined });
await setShopConnection(merchant.id, "shopify", { shopDomain: SHOP, secret: SECRET });
const { disconnectDb } = await import("../../lib/db");
await disconnectDb();

const big = new Uint8Array(1024 * 1024 - 16).fill(0x20);
const order = readFileSync("tests/fixtures/shops/shopify-orders-create.json", "utf8");
const server = await startServer(PORT, { DATABASE_URL: database.url, APP_URL: `http://127.0.0.1:${PORT}`, TRUST_PROXY_HOPS: "1" });
const url = `${server.url}/api/shops/shopify/bench-flood`;

async function post(body: Uint8Array<ArrayBuffer> | string, from: string, signature: string, webhookId = crypto.randomUUID()) {
  const started = performance.now();
  const response = await fetch(url, {
    method: "POST",
    body,
    headers: { "content-type": "application/json", "X-Shopify-Topic": "orders/create", "X-Shopify-Hmac-Sha256": signature, "X-Shopify-Shop-Domain": SHOP, "X-Shopify-Webhook-Id": webhookId, "X-Forwarded-For": from },
  });
  await response.arrayBuffer();
  return { status: response.status, ms: performance.now() - started };
}

async function flood(from: (i: number) => string) {
  const statuses: Record<number, number> = {};
  const times: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < POSTS) {
      const answer = await post(big, from(next++), "bm90IHRoZSBzaWduYXR1cmUgb2YgdGhpcyBib2R5");
      times.push(answer.ms);
      statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  return { perSecond: Math.round(POSTS / seconds), p50: Math.round(percentile(times, 50)), p99: Math.round(percentile(times, 99)), statuses };
}

try {
  const fresh = await flood((i) => `10.1.${(i >> 8) & 255}.${i & 255}`);
  const blocked = await flood(() => "10.2.0.1");
  const shopTimes: number[] = [];
  const shopStatuses: Record<number, number> = {};
  const [underFlood] = await Promise.all([
    flood(() => "10.2.0.1"),
    (async () => {
      for (let i = 0; i < 30; i++) {
        const body = order.replace("820982911946154508", String(820982911946154508n + BigInt(i))).replace('"#9999"', `"#F${i}"`);
        const answer = await post(body, `10.3.0.${i + 1}`, base64HmacSha256(SECRET, body));
        shopTimes.push(answer.ms);
        shopStatuses[answer.status] = (shopStatuses[answer.status] ?? 0) + 1;
      }
    })(),
  ]);
  shopTimes.sort((a, b) => a - b);
  const shopOk = shopStatuses[200] === 30;
  console.log(`bench:shop-flood — ${POSTS} posts of 1 MB with a bad signature per phase, ${CONCURRENCY} at a time, production build on PostgreSQL`);
  console.log(`  1. from fresh addresses (each verified, 401):   ${fresh.perSecond}/s, p50 ${fresh.p50} ms, p99 ${fresh.p99} ms ${JSON.stringify(fresh.statuses)}`);
  console.log(`  2. from one address past its limit (429):       ${blocked.perSecond}/s, p50 ${blocked.p50} ms, p99 ${blocked.p99} ms ${JSON.stringify(blocked.statuses)}`);
  console.log(`  3. the same flood again:                        ${underFlood.perSecond}/s, p50 ${underFlood.p50} ms, p99 ${underFlood.p99} ms ${JSON.stringify(underFlood.statuses)}`);
  console.log(`     meanwhile the real shop, 30 signed orders:  ${JSON.stringify(shopStatuses)}, p50 ${Math.round(percentile(shopTimes, 50))} ms, p99 ${Math.round(percentile(shopTimes, 99))} ms: ${shopOk ? "PASS" : "FAIL"}`);
  console.log(JSON.stringify({ bench: "shop-flood", posts: POSTS, concurrency: CONCURRENCY, fresh, blocked, underFlood, shop: { statuses: shopStatuses, p50: Math.round(percentile(shopTimes, 50)) }, pass: shopOk }));
  process.exitCode = shopOk ? 0 : 1;
} finally {
  await server.stop();
  await database.drop();
}
