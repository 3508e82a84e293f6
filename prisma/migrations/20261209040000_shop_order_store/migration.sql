-- ShopOrder records which store an order came from: a merchant who switched stores (a new myshopify
-- domain, a new WooCommerce site) must not have the old store's orders erased by the new store's
-- shop/redact, nor the new store's order ids (WooCommerce numbers each store from 1) taken for the old
-- store's. The store becomes part of the key.
--
-- Backfill: existing rows take the merchant's CURRENT connection's domain for that platform, the only
-- record there is of the store (a merchant who already switched stores before this migration has the old
-- store's orders attributed to the new one, as before it). Rows whose merchant has no connection left for
-- that platform get '' (unknown): every shop/redact of that platform still covers them, as before.

-- AlterTable
ALTER TABLE "ShopOrder" ADD COLUMN "shopDomain" TEXT NOT NULL DEFAULT '';

UPDATE "ShopOrder" so SET "shopDomain" = c."shopDomain"
FROM "ShopConnection" c
WHERE c."merchantId" = so."merchantId" AND c."platform" = so."platform";

ALTER TABLE "ShopOrder" ALTER COLUMN "shopDomain" DROP DEFAULT;

ALTER TABLE "ShopOrder" DROP CONSTRAINT "ShopOrder_pkey";
ALTER TABLE "ShopOrder" ADD CONSTRAINT "ShopOrder_pkey" PRIMARY KEY ("merchantId", "platform", "shopDomain", "externalId");
