/**
 * `npm run bench:accept-insert` — the accept path's group-commit INSERT (lib/webhooks/insert-deliveries.ts,
 * plain pg) against the same statement sent through Prisma's $executeRaw (how it was sent before), on
 * PostgreSQL, one statement at a time, A-B-B-A, for batches of 1 and 8 rows: the app process's CPU per
 * statement and the wall time. Most batches in bench:ingest hold one to three rows, so this per-statement
 * cost is paid about once per request, on the thread that also serves every request.
 */
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { freshDatabase } from "./bench-server";

const STATEMENTS = Number(process.env.BENCH_STATEMENTS ?? 400);

async function main() {
  const database = await freshDatabase();
  const { db, disconnectDb } = await import("../../lib/db");
  const { createMerchant } = await import("../../lib/merchants/create-merchant");
  const { insertDeliveries } = await import("../../lib/webhooks/insert-deliveries");
  try {
    const merchant = await createMerchant({ slug: "accept-insert", name: "Accept insert", timeZone: "UTC", defaultLocale: undefined });
    const body = JSON.stringify({ carrier: "ups", trackingNumber: "1ZINSERT", events: [{ status: "IN_TRANSIT", occurredAt: new Date().toISOString(), description: "Scan" }] });
    const rows = (n: number) => Array.from({ length: n }, () => ({
      merchantId: merchant.id, provider: "generic" as const, headers: { "content-type": "application/json" }, body, signature: "bench",
      receivedAt: new Date(), outcome: "RECEIVED" as const, error: null,
    }));
    // The statement as it was sent before this file existed (Prisma's query interpreter over the same adapter).
    const viaPrisma = async (n: number) => {
      const batch = rows(n);
      const column = (key: "merchantId" | "provider" | "body" | "signature" | "outcome" | "error") => batch.map((row) => row[key]);
      await db.$executeRaw`
        WITH stored AS (
          INSERT INTO "WebhookDelivery" ("id", "merchantId", "provider", "headers", "body", "signature", "receivedAt", "outcome", "error", "attempts", "processedAt")
          SELECT u."id", u."merchantId", u."provider"::"Provider", u."headers"::jsonb, u."body", u."signature", u."receivedAt"::timestamp(3),
            u."outcome"::"DeliveryOutcome", u."error", 0, NULL
          FROM unnest(${batch.map(() => randomUUID())}::text[], ${column("merchantId")}::text[], ${column("provider")}::text[],
            ${batch.map((row) => JSON.stringify(row.headers))}::text[], ${column("body")}::text[], ${column("signature")}::text[],
            ${batch.map((row) => row.receivedAt.toISOString())}::text[], ${column("outcome")}::text[], ${column("error")}::text[])
            AS u("id", "merchantId", "provider", "headers", "body", "signature", "receivedAt", "outcome", "error")
          RETURNING 1
        )
        SELECT count(*)::int AS "stored", pg_notify('parcelpage_ingest', '') AS "notified" FROM stored`;
    };
    const viaPg = async (n: number) => void (await insertDeliveries(rows(n)));
    const results: Record<string, { cpuMs: number; wallMs: number; statements: number }> = {};
    for (const size of [1, 8]) {
      for (const [label, send] of [["prisma", viaPrisma], ["pg", viaPg], ["pg", viaPg], ["prisma", viaPrisma]] as const) {
        for (let i = 0; i < 20; i++) await send(size);
        const cpu = process.cpuUsage();
        const t0 = performance.now();
        for (let i = 0; i < STATEMENTS / 2; i++) await send(size);
        const used = process.cpuUsage(cpu);
        const total = (results[`${label}, ${size} row${size > 1 ? "s" : ""}`] ??= { cpuMs: 0, wallMs: 0, statements: 0 });
        total.cpuMs += (used.user + used.system) / 1000;
        total.wallMs += performance.now() - t0;
        total.statements += STATEMENTS / 2;
      }
    }
    const round = (value: number) => Math.round(value * 100) / 100;
    console.log(JSON.stringify(Object.fromEntries(Object.entries(results).map(([key, { cpuMs, wallMs, statements }]) =>
      [key, { cpuMsPerStatement: round(cpuMs / statements), wallMsPerStatement: round(wallMs / statements) }])), null, 2));
  } finally {
    await disconnectDb();
    await database.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
