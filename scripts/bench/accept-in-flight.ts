/**
 * `npm run bench:accept-in-flight` — the accept path's group commit alone, in process, on PostgreSQL:
 * 16 concurrent requests storing pending deliveries through AcceptQueue with one INSERT in flight at a
 * time vs two, alternated A-B-B-A so a shared machine's drift hits both. Rows/s and p50/p99 of a store.
 */
import { performance } from "node:perf_hooks";
import { freshDatabase, percentile } from "./bench-server";

const SENDERS = 16;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);

async function main() {
  const database = await freshDatabase();
  const { disconnectDb } = await import("../../lib/db");
  const { createMerchant } = await import("../../lib/merchants/create-merchant");
  const { AcceptQueue } = await import("../../lib/webhooks/accept-queue");
  try {
    const merchant = await createMerchant({ slug: "in-flight", name: "In flight", timeZone: "UTC", defaultLocale: undefined });
    const body = JSON.stringify({ carrier: "ups", trackingNumber: "1ZFLIGHT", events: [{ status: "IN_TRANSIT", occurredAt: new Date().toISOString(), description: "Scan" }] });
    const round = async (maxInFlight: number) => {
      const queue = new AcceptQueue(maxInFlight);
      const latencies: number[] = [];
      const deadline = performance.now() + SECONDS * 1000;
      const t0 = performance.now();
      await Promise.all(Array.from({ length: SENDERS }, async () => {
        while (performance.now() < deadline) {
          const started = performance.now();
          await queue.store({ merchantId: merchant.id, provider: "generic", headers: {}, body, signature: "bench", receivedAt: new Date(), outcome: "RECEIVED", error: null });
          latencies.push(performance.now() - started);
        }
      }));
      return { seconds: (performance.now() - t0) / 1000, latencies };
    };
    const results = new Map<number, { seconds: number; latencies: number[] }>();
    for (const maxInFlight of [1, 2, 2, 1]) {
      const { seconds, latencies } = await round(maxInFlight);
      const total = results.get(maxInFlight) ?? { seconds: 0, latencies: [] };
      results.set(maxInFlight, { seconds: total.seconds + seconds, latencies: [...total.latencies, ...latencies] });
    }
    const summary = Object.fromEntries([...results].map(([inFlight, { seconds, latencies }]) => {
      latencies.sort((a, b) => a - b);
      return [`inFlight${inFlight}`, { rowsPerSecond: Math.round(latencies.length / seconds), p50Ms: Math.round(percentile(latencies, 50) * 10) / 10, p99Ms: Math.round(percentile(latencies, 99) * 10) / 10 }];
    }));
    console.log(JSON.stringify(summary, null, 2));
  } finally {
    await disconnectDb();
    await database.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
