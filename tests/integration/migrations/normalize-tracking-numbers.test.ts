/**
 * prisma/migrations/20261208030000_normalize_tracking_numbers on rows stored before the rule: every
 * number rewritten to its one spelling, collisions within a merchant and carrier leaving the later row as
 * it was (never a failed migration), and content-hash dedupe keys following the new number.
 */
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations } from "../../../lib/migrations/apply-migrations";
import { dedupeKey } from "../../../lib/shipments/dedupe-key";
import type { NormalizedEvent } from "../../../lib/carriers/types";
import { emptyDatabase, type EmptyDatabase } from "../support/empty-database";

const MIGRATIONS = "prisma/migrations";
const THIS_ONE = "20261208030000_normalize_tracking_numbers";

const EVENT: NormalizedEvent = {
  status: "IN_TRANSIT", detailCode: "departed", rawStatus: "in_transit", description: "Departed facility — Hodgkins, IL",
  location: null, occurredAt: new Date("2026-11-30T14:05:06.789Z"), utcOffsetMinutes: null, providerEventId: null,
};

describe(`migration ${THIS_ONE}`, () => {
  let database: EmptyDatabase;
  let client: pg.Client;
  let before: string;

  beforeAll(async () => {
    database = await emptyDatabase();
    // Every migration up to this one, then the rows as the old rules let them be stored.
    before = mkdtempSync(path.join(tmpdir(), "parcelpage-tracking-migration-"));
    cpSync(MIGRATIONS, before, { recursive: true });
    rmSync(path.join(before, THIS_ONE), { recursive: true });
    await applyMigrations(database.url, before);
    // Connected only now: on PGlite, a connection opened but not yet used was seen to stall the runner's
    // (every connection shares one session, scripts/embedded/serialize-protocol.ts).
    client = new pg.Client({ connectionString: database.url });
    await client.connect();

    await client.query(`INSERT INTO "Merchant" ("id", "slug", "name", "updatedAt") VALUES ('m-a', 'shop-a', 'A', now()), ('m-b', 'shop-b', 'B', now())`);
    await client.query(`INSERT INTO "Order" ("id", "merchantId", "orderNumber", "updatedAt") VALUES ('o-a', 'm-a', '1', now()), ('o-b', 'm-b', '1', now())`);
    const shipments: [string, string, string, string, number][] = [
      // id, merchant, carrier, number as stored, minutes ago created
      ["s-lower", "m-a", "ups", "1z827wk74630", 60],
      ["s-dashed-twin", "m-a", "ups", "1Z-827-WK7-4630", 30],
      ["s-other-carrier", "m-a", "fedex", "1z827wk74630", 20],
      ["s-other-merchant", "m-b", "ups", "1z827wk74630", 10],
      ["s-spaced", "m-a", "usps", "9400 1118 9956", 50],
      ["s-already", "m-a", "dhl", "AB12", 5],
      ["s-older-twin", "m-a", "dhl", "ab-12", 40],
      ["s-odd", "m-a", "ups", "weird/1", 40],
      ["s-fine", "m-a", "ups", "1ZFINE0001", 40],
    ];
    for (const [id, merchant, carrier, number, minutes] of shipments) {
      await client.query(
        `INSERT INTO "Shipment" ("id", "merchantId", "orderId", "carrier", "trackingNumber", "token", "createdAt", "updatedAt")
         VALUES ($1, $2, $3, $4, $5, $1 || '-token', now() - $6 * interval '1 minute', '2026-01-01')`,
        [id, merchant, merchant === "m-a" ? "o-a" : "o-b", carrier, number, minutes],
      );
    }
    const events: [string, string, string][] = [
      ["e-hash", "s-lower", dedupeKey("easypost", "ups", "1z827wk74630", EVENT)],
      ["e-id", "s-lower", "id:aftership:evt-1"],
      ["e-foreign", "s-lower", "h:not-made-from-this-number-xxxxx"],
      ["e-twin", "s-dashed-twin", dedupeKey("easypost", "ups", "1Z-827-WK7-4630", EVENT)],
    ];
    for (const [id, shipment, key] of events) {
      await client.query(
        `INSERT INTO "TrackingEvent" ("id", "shipmentId", "status", "detailCode", "rawStatus", "description", "occurredAt", "dedupeKey", "source")
         VALUES ($1, $2, 'IN_TRANSIT', $3, 'in_transit', $4, $5::timestamptz AT TIME ZONE 'UTC', $6, 'easypost')`,
        [id, shipment, EVENT.detailCode, EVENT.description, EVENT.occurredAt.toISOString(), key],
      );
    }
  }, 120_000);

  afterAll(async () => {
    await client?.end();
    await database?.close();
    rmSync(before, { recursive: true, force: true });
  });

  it("applies without error and rewrites each number to its one spelling, leaving collisions and non-numbers as they were", async () => {
    expect(await applyMigrations(database.url, MIGRATIONS)).toMatchObject({ applied: [THIS_ONE] });
    const rows = (await client.query<{ id: string; trackingNumber: string; touched: boolean }>(
      `SELECT "id", "trackingNumber", "updatedAt" > '2026-01-01' AS "touched" FROM "Shipment" ORDER BY "id"`,
    )).rows;
    expect(Object.fromEntries(rows.map((row) => [row.id, [row.trackingNumber, row.touched]]))).toEqual({
      "s-lower": ["1Z827WK74630", true], // the oldest of its merchant and carrier
      "s-dashed-twin": ["1Z-827-WK7-4630", false], // would collide with s-lower: left as it was
      "s-other-carrier": ["1Z827WK74630", true],
      "s-other-merchant": ["1Z827WK74630", true],
      "s-spaced": ["940011189956", true],
      "s-already": ["AB12", false], // already spelt so: keeps it although younger
      "s-older-twin": ["ab-12", false],
      "s-odd": ["weird/1", false],
      "s-fine": ["1ZFINE0001", false],
    });
  });

  it("recomputes content-hash dedupe keys with the new number and leaves every other key alone", async () => {
    const keys = Object.fromEntries(
      (await client.query<{ id: string; dedupeKey: string }>(`SELECT "id", "dedupeKey" FROM "TrackingEvent"`)).rows.map((row) => [row.id, row.dedupeKey]),
    );
    expect(keys).toEqual({
      "e-hash": dedupeKey("easypost", "ups", "1Z827WK74630", EVENT),
      "e-id": "id:aftership:evt-1",
      "e-foreign": "h:not-made-from-this-number-xxxxx",
      "e-twin": dedupeKey("easypost", "ups", "1Z-827-WK7-4630", EVENT),
    });
  });

  it("leaves no table behind (the rename list was temporary)", async () => {
    const tables = (await client.query(`SELECT 1 FROM pg_tables WHERE tablename ILIKE '%TrackingNumberRename%'`)).rowCount;
    expect(tables).toBe(0);
  });
});
