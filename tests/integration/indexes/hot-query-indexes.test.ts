/**
 * Issue #11, item 5: each index for a hot query is the one the planner picks for that query, shown by
 * EXPLAIN on the database under test (PGlite or PostgreSQL). Enough rows are inserted for the indexes to be
 * worth using, the tables are analysed, and sequential scans are switched off inside the transaction
 * (SET LOCAL), so the plan shows which index serves the query rather than whether a small table is read whole.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { orderSearchSql } from "../../../lib/console/order-search";
import { shipmentsWithDelaysSql } from "../../../lib/shipments/shipments-with-delays";
import { resetDatabase } from "../support/reset-database";

const client = new pg.Client({ connectionString: inject("databaseUrl") });
const ROWS = 5_000;

/** The plan of `sql`, as text, inside a transaction with sequential scans off (unless `seqscan` says otherwise). */
async function plan(sql: string, values: unknown[] = [], options: { seqscan?: boolean } = {}): Promise<string> {
  await client.query("BEGIN");
  try {
    if (!options.seqscan) await client.query("SET LOCAL enable_seqscan = off");
    const result = await client.query<{ "QUERY PLAN": string }>(`EXPLAIN ${sql}`, values);
    return result.rows.map((row) => row["QUERY PLAN"]).join("\n");
  } finally {
    await client.query("ROLLBACK");
  }
}

describe("indexes for the hot queries are used", () => {
  beforeAll(async () => {
    await resetDatabase();
    await client.connect();
    // Two merchants; the one under test has ROWS orders, each with one shipment; one delay in ten is unannounced.
    await client.query(`
      INSERT INTO "Merchant" ("id", "slug", "name", "updatedAt") VALUES ('m-a', 'shop-a', 'Shop A', now()), ('m-b', 'shop-b', 'Shop B', now())`);
    await client.query(`
      INSERT INTO "Order" ("id", "merchantId", "orderNumber", "shopperEmail", "shopperPhone", "createdAt", "updatedAt")
      SELECT 'o-' || n, CASE WHEN n % 20 = 0 THEN 'm-b' ELSE 'm-a' END, 'ORD-' || md5(n::text),
        'shopper' || md5('e' || n::text) || '@example.com', '+1 (503) 555-' || lpad((n % 10000)::text, 4, '0'),
        now() - n * interval '1 minute', now()
      FROM generate_series(1, $1::int) AS n`, [ROWS]);
    await client.query(`
      INSERT INTO "Shipment" ("id", "merchantId", "orderId", "carrier", "trackingNumber", "token", "createdAt", "updatedAt")
      SELECT 's-' || n, o."merchantId", o."id", 'ups', '1Z' || upper(md5('t' || n::text)), md5('token' || n::text), o."createdAt", now()
      FROM generate_series(1, $1::int) AS n JOIN "Order" o ON o."id" = 'o-' || n`, [ROWS]);
    await client.query(`
      INSERT INTO "Delay" ("id", "shipmentId", "previousEarliest", "previousLatest", "newEarliest", "newLatest", "reason", "createdAt", "announcedAt")
      SELECT 'd-' || n, 's-' || n, current_date, current_date, current_date + 1, current_date + 2, 'late',
        now() - n * interval '1 minute', CASE WHEN n % 10 = 0 THEN NULL ELSE now() END
      FROM generate_series(1, $1::int) AS n`, [ROWS]);
    // VACUUM as autovacuum would: it also moves the GIN indexes' pending entries into the index proper, which the
    // planner otherwise prices as a scan of the whole pending list on every search.
    await client.query(`VACUUM ANALYZE "Order", "Shipment", "Delay"`);
  }, 120_000);
  afterAll(async () => {
    await client.end();
    await resetDatabase();
  });

  it("the migration created pg_trgm and the unannounced-delays index is partial", async () => {
    const extension = await client.query(`SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'`);
    expect(extension.rowCount).toBe(1);
    const { rows } = await client.query<{ definition: string }>(`SELECT pg_get_indexdef('"Delay_createdAt_idx"'::regclass) AS definition`);
    expect(rows[0]!.definition).toMatch(/WHERE \("announcedAt" IS NULL\)/);
  });

  it("the shipment list (API and console), newest first, reads (merchantId, createdAt, id) backwards: no sort", async () => {
    const text = await plan(`SELECT "id" FROM "Shipment" WHERE "merchantId" = $1 ORDER BY "createdAt" DESC, "id" DESC LIMIT 51`, ["m-a"]);
    expect(text).toMatch(/Scan Backward using "Shipment_merchantId_createdAt_id_idx"/);
    expect(text).not.toMatch(/\bSort\b/);
  });

  it("the next page after a cursor uses the same index", async () => {
    const text = await plan(
      `SELECT "id" FROM "Shipment" WHERE "merchantId" = $1 AND ("createdAt" < $2 OR ("createdAt" = $2 AND "id" < $3))
       ORDER BY "createdAt" DESC, "id" DESC LIMIT 51`,
      ["m-a", new Date(Date.now() - 3_600_000), "s-60"],
    );
    expect(text).toContain("\"Shipment_merchantId_createdAt_id_idx\"");
    expect(text).not.toMatch(/\bSort\b/);
  });

  it("the order list, newest first, reads (merchantId, createdAt, id) backwards: no sort", async () => {
    const text = await plan(`SELECT "id" FROM "Order" WHERE "merchantId" = $1 ORDER BY "createdAt" DESC, "id" DESC LIMIT 51`, ["m-a"]);
    expect(text).toMatch(/Scan Backward using "Order_merchantId_createdAt_id_idx"/);
    expect(text).not.toMatch(/\bSort\b/);
  });

  it("the sweep for unannounced delays reads the partial index, in order", async () => {
    // The query of lib/notifications/outbox/announce-delays.ts.
    const text = await plan(
      `SELECT "id", "shipmentId" FROM "Delay" WHERE "announcedAt" IS NULL AND "createdAt" <= ($1::timestamptz AT TIME ZONE 'UTC')
       ORDER BY "createdAt" LIMIT 100 FOR UPDATE SKIP LOCKED`,
      [new Date().toISOString()],
    );
    expect(text).toContain("using \"Delay_createdAt_idx\"");
    expect(text).not.toMatch(/\bSort\b/);
  });

  it("the console's search for orders (number, email, phone digits) combines the three trigram indexes", async () => {
    // The very statement lib/console/queries.ts sends.
    const byText = orderSearchSql("m-a", "c4ca42");
    const text = await plan(byText.text, byText.values);
    expect(text).toContain("Bitmap Index Scan on \"Order_orderNumber_idx\"");
    expect(text).toContain("Bitmap Index Scan on \"Order_shopperEmail_idx\"");
    const byPhone = orderSearchSql("m-a", "+1 503 555 0123");
    const phone = await plan(byPhone.text, byPhone.values);
    expect(phone).toContain("Bitmap Index Scan on \"Order_shopperPhone_digits_trgm_idx\"");
    // A % or _ typed in is escaped, and the escaped pattern is still served by the trigram indexes.
    const escaped = orderSearchSql("m-a", "c4ca_42%");
    const literal = await plan(escaped.text, escaped.values);
    expect(literal).toContain("Bitmap Index Scan on \"Order_orderNumber_idx\"");
    expect(literal).toContain("Bitmap Index Scan on \"Order_shopperEmail_idx\"");
  });

  it("the console's search for shipments: tracking numbers by trigrams, the matching orders' parcels by orderId", async () => {
    // The WHERE clause Prisma writes for searchShipments (lib/console/queries.ts): both arms on Shipment's own columns.
    const text = await plan(
      `SELECT "id" FROM "Shipment" WHERE "merchantId" = $1 AND ("trackingNumber" ILIKE ('%' || $2 || '%') OR "orderId" IN ($3, $4))
       ORDER BY "createdAt" DESC, "id" DESC LIMIT 100`,
      ["m-a", "A3F9C", "o-17", "o-18"],
    );
    expect(text).toContain("Bitmap Index Scan on \"Shipment_trackingNumber_idx\"");
    expect(text).toContain("Bitmap Index Scan on \"Shipment_orderId_idx\"");
  });

  it("the console list's 'delayed' marks probe Delay by shipmentId for the listed ids only: no pass over the whole table", async () => {
    // The statement lib/console/queries.ts sends for a page of 100 shipments (the largest the console lists).
    const ids = Array.from({ length: 100 }, (_, index) => `s-${index * 7 + 1}`);
    const sql = shipmentsWithDelaysSql(ids);
    // With sequential scans allowed: the planner itself prefers the index to reading 5,000 delays.
    const text = await plan(sql.text, sql.values, { seqscan: true });
    expect(text).toMatch(/Index Only Scan using "Delay_shipmentId_createdAt_idx" on "Delay"|Index Scan using "Delay_shipmentId_createdAt_idx" on "Delay"/);
    expect(text).not.toMatch(/Seq Scan on "Delay"|Aggregate/);
  });

  it("the API's 'delayed' (shipmentSelect's delays, take 1) reads the listed shipments' delays by index: no aggregate of the table", async () => {
    // The statement Prisma sends for `delays: { select: { id: true }, take: 1 }` under a page of 51 shipments.
    const ids = Array.from({ length: 51 }, (_, index) => `s-${index * 7 + 1}`);
    const text = await plan(
      `SELECT "id", "shipmentId" FROM "Delay" WHERE "shipmentId" IN (${ids.map((_, index) => `$${index + 1}`).join(", ")}) ORDER BY "id" ASC OFFSET $${ids.length + 1}`,
      [...ids, 0],
    );
    expect(text).toContain("\"Delay_shipmentId_createdAt_idx\"");
    expect(text).not.toMatch(/Aggregate/);
  });
});
