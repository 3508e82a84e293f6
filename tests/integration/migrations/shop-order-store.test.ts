/**
 * prisma/migrations/20261209040000_shop_order_store on links stored before ShopOrder recorded its store:
 * each takes the merchant's current connection's domain for its platform, '' where no connection is left,
 * and the store joins the key (one store's order id may now be another's too).
 */
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations } from "../../../lib/migrations/apply-migrations";
import { emptyDatabase, type EmptyDatabase } from "../support/empty-database";

const MIGRATIONS = "prisma/migrations";
const THIS_ONE = "20261209040000_shop_order_store";

describe(`migration ${THIS_ONE}`, () => {
  let database: EmptyDatabase;
  let client: pg.Client;
  let before: string;

  beforeAll(async () => {
    database = await emptyDatabase();
    before = mkdtempSync(path.join(tmpdir(), "parcelpage-shop-order-store-"));
    cpSync(MIGRATIONS, before, { recursive: true });
    rmSync(path.join(before, THIS_ONE), { recursive: true });
    await applyMigrations(database.url, before);
    // Connected only after the runner: on PGlite an idle open connection was seen to stall it.
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
    await client.query(`INSERT INTO "Merchant" ("id", "slug", "name", "updatedAt") VALUES ('m-a', 'shop-a', 'A', now()), ('m-b', 'shop-b', 'B', now())`);
    await client.query(`INSERT INTO "Order" ("id", "merchantId", "orderNumber", "updatedAt") VALUES ('o-a1', 'm-a', '1', now()), ('o-a2', 'm-a', '2', now()), ('o-b1', 'm-b', '1', now())`);
    // A: Shopify connected now; its WooCommerce store was disconnected. B: nothing connected any more.
    await client.query(
      `INSERT INTO "ShopConnection" ("id", "merchantId", "platform", "shopDomain", "secretCiphertext", "secretHint", "updatedAt")
       VALUES ('c-a', 'm-a', 'shopify', 'a-now.myshopify.com', 'x', 'abcd', now())`,
    );
    await client.query(
      `INSERT INTO "ShopOrder" ("merchantId", "platform", "externalId", "orderId") VALUES
       ('m-a', 'shopify', '1001', 'o-a1'), ('m-a', 'woocommerce', '7', 'o-a2'), ('m-b', 'shopify', '1001', 'o-b1')`,
    );
  }, 120_000);

  afterAll(async () => {
    await client?.end();
    await database?.close();
    rmSync(before, { recursive: true, force: true });
  });

  it("backfills each link from the merchant's current connection for its platform, '' (unknown) where there is none", async () => {
    expect(await applyMigrations(database.url, MIGRATIONS)).toMatchObject({ applied: [THIS_ONE] });
    const rows = (await client.query<{ merchantId: string; platform: string; shopDomain: string; orderId: string }>(
      `SELECT "merchantId", "platform"::text AS "platform", "shopDomain", "orderId" FROM "ShopOrder" ORDER BY "orderId"`,
    )).rows;
    expect(rows).toEqual([
      { merchantId: "m-a", platform: "shopify", shopDomain: "a-now.myshopify.com", orderId: "o-a1" },
      { merchantId: "m-a", platform: "woocommerce", shopDomain: "", orderId: "o-a2" },
      { merchantId: "m-b", platform: "shopify", shopDomain: "", orderId: "o-b1" },
    ]);
  });

  it("keys links by store: another store's order with the same id is a link of its own; the same store's is refused", async () => {
    await client.query(`INSERT INTO "Order" ("id", "merchantId", "orderNumber", "updatedAt") VALUES ('o-a3', 'm-a', '3', now())`);
    await client.query(`INSERT INTO "ShopOrder" ("merchantId", "platform", "shopDomain", "externalId", "orderId") VALUES ('m-a', 'shopify', 'a-next.myshopify.com', '1001', 'o-a3')`);
    await expect(
      client.query(`INSERT INTO "ShopOrder" ("merchantId", "platform", "shopDomain", "externalId", "orderId") VALUES ('m-a', 'shopify', 'a-now.myshopify.com', '1001', 'o-a3')`),
    ).rejects.toThrow(/duplicate key|unique/i);
    // No default is left on the column: every new link must say its store.
    await expect(client.query(`INSERT INTO "ShopOrder" ("merchantId", "platform", "externalId", "orderId") VALUES ('m-a', 'shopify', '1002', 'o-a3')`)).rejects.toThrow(/null/i);
  });
});
