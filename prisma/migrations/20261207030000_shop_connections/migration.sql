-- Shops plug in without code (issue #14): shop connections, the shop's order ids, and shop deliveries
-- stored in WebhookDelivery beside the carriers' (one retention rule, one place to scrub personal data).

-- AlterEnum (ADD VALUE inside a transaction is fine on PostgreSQL 12+; nothing below uses the new values)
ALTER TYPE "Provider" ADD VALUE 'shopify';
ALTER TYPE "Provider" ADD VALUE 'woocommerce';

-- CreateEnum
CREATE TYPE "ShopPlatform" AS ENUM ('shopify', 'woocommerce');

-- CreateTable
CREATE TABLE "ShopConnection" (
    "id" TEXT NOT NULL,
    "merchantId" TEXT NOT NULL,
    "platform" "ShopPlatform" NOT NULL,
    "shopDomain" TEXT NOT NULL,
    "secretCiphertext" TEXT NOT NULL,
    "secretHint" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ShopConnection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ShopOrder" (
    "merchantId" TEXT NOT NULL,
    "platform" "ShopPlatform" NOT NULL,
    "externalId" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "sourceUpdatedAt" TIMESTAMP(3),

    CONSTRAINT "ShopOrder_pkey" PRIMARY KEY ("merchantId","platform","externalId")
);

-- AlterTable
ALTER TABLE "WebhookDelivery" ADD COLUMN "externalId" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "ShopConnection_merchantId_platform_key" ON "ShopConnection"("merchantId", "platform");

-- CreateIndex
CREATE INDEX "ShopOrder_orderId_idx" ON "ShopOrder"("orderId");

-- CreateIndex
CREATE UNIQUE INDEX "WebhookDelivery_merchantId_provider_externalId_key" ON "WebhookDelivery"("merchantId", "provider", "externalId");

-- AddForeignKey
ALTER TABLE "ShopConnection" ADD CONSTRAINT "ShopConnection_merchantId_fkey" FOREIGN KEY ("merchantId") REFERENCES "Merchant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ShopOrder" ADD CONSTRAINT "ShopOrder_merchantId_fkey" FOREIGN KEY ("merchantId") REFERENCES "Merchant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ShopOrder" ADD CONSTRAINT "ShopOrder_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE CASCADE ON UPDATE CASCADE;
