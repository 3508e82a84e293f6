/**
 * The workers' claim walks "WebhookDelivery_outcome_receivedAt_idx" and stops after its batch, however long
 * the backlog: with an "id" tie-break in its ORDER BY (not in that index) PostgreSQL read and sorted every
 * pending row on every claim (an incremental sort; a seq scan + sort when many share a "receivedAt", 25 ms
 * at 7,500 pending vs 0.15 ms). EXPLAIN of the real
 * statement, on a backlog the planner knows about (ANALYZE, as autovacuum does), sequential scans allowed.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { claimQuery, DEFAULT_BATCH_SIZE } from "../../../lib/webhooks/process-pending";
import { resetDatabase } from "../support/reset-database";

const client = new pg.Client({ connectionString: inject("databaseUrl") });
const PENDING = 5_000;

describe("claiming pending deliveries", () => {
  beforeAll(async () => {
    await resetDatabase();
    await client.connect();
    await client.query(`INSERT INTO "Merchant" ("id", "slug", "name", "updatedAt") VALUES ('m-a', 'shop-a', 'Shop A', now())`);
    // A backlog behind as many processed deliveries; bodies the size of a real one (~300 bytes).
    await client.query(`
      INSERT INTO "WebhookDelivery" ("id", "merchantId", "provider", "headers", "body", "signature", "receivedAt", "outcome")
      SELECT 'w-' || n, 'm-a', 'generic', '{}'::jsonb, repeat(md5(n::text), 10), 'sig', now() - (2 * $1 - n) * interval '1 millisecond',
        CASE WHEN n <= $1 THEN 'PROCESSED' ELSE 'RECEIVED' END::"DeliveryOutcome"
      FROM generate_series(1, 2 * $1::int) AS n`, [PENDING]);
    await client.query(`ANALYZE "WebhookDelivery"`);
  }, 120_000);
  afterAll(async () => {
    await client.end();
    await resetDatabase();
  });

  it("walks the pending index in order and stops after the batch: no sort of the backlog", async () => {
    const query = claimQuery(DEFAULT_BATCH_SIZE);
    await client.query("BEGIN");
    try {
      const explained = await client.query<{ "QUERY PLAN": string }>(`EXPLAIN ${query.text}`, query.values);
      const plan = explained.rows.map((row) => row["QUERY PLAN"]).join("\n");
      expect(plan).toContain('Index Scan using "WebhookDelivery_outcome_receivedAt_idx"');
      expect(plan).not.toMatch(/Sort|Seq Scan/);
      // And it takes the oldest pending ones.
      const claimed = await client.query<{ id: string }>(query.text, query.values);
      expect(claimed.rows).toHaveLength(DEFAULT_BATCH_SIZE);
      expect(claimed.rows[0]!.id).toBe(`w-${PENDING + 1}`);
    } finally {
      await client.query("ROLLBACK");
    }
  });
});
