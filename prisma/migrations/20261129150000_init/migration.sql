-- CreateEnum
CREATE TYPE "ShipmentStatus" AS ENUM ('INFO_RECEIVED', 'IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERED', 'AVAILABLE_FOR_PICKUP', 'DELIVERY_ATTEMPTED', 'EXCEPTION', 'RETURNED_TO_SENDER', 'CANCELLED', 'UNKNOWN');

-- CreateEnum
CREATE TYPE "Provider" AS ENUM ('easypost', 'shippo', 'aftership', 'generic');

-- CreateEnum
CREATE TYPE "DeliveryOutcome" AS ENUM ('RECEIVED', 'PROCESSED', 'IGNORED', 'UNMATCHED', 'FAILED');

-- CreateTable
CREATE TABLE "Merchant" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "brandColor" TEXT NOT NULL DEFAULT '#1f6feb',
    "accentColor" TEXT,
    "logoUrl" TEXT,
    "supportEmail" TEXT,
    "supportPhone" TEXT,
    "supportUrl" TEXT,
    "customMessage" TEXT,
    "timeZone" TEXT NOT NULL DEFAULT 'America/New_York',
    "defaultLocale" TEXT NOT NULL DEFAULT 'en',
    "handlingDays" INTEGER NOT NULL DEFAULT 1,
    "cutoffHour" INTEGER NOT NULL DEFAULT 14,
    "originRegion" TEXT,
    "originCountry" TEXT NOT NULL DEFAULT 'US',
    "customDomain" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Merchant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProviderConnection" (
    "id" TEXT NOT NULL,
    "merchantId" TEXT NOT NULL,
    "provider" "Provider" NOT NULL,
    "secretCiphertext" TEXT NOT NULL,
    "secretHint" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ProviderConnection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Order" (
    "id" TEXT NOT NULL,
    "merchantId" TEXT NOT NULL,
    "orderNumber" TEXT NOT NULL,
    "shopperName" TEXT,
    "shopperEmail" TEXT,
    "shopperPhone" TEXT,
    "destStreet" TEXT,
    "destCity" TEXT,
    "destRegion" TEXT,
    "destPostalCode" TEXT,
    "destCountry" TEXT NOT NULL DEFAULT 'US',
    "shopperTimeZone" TEXT,
    "placedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Order_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Shipment" (
    "id" TEXT NOT NULL,
    "merchantId" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "carrier" TEXT NOT NULL,
    "service" TEXT,
    "trackingNumber" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "status" "ShipmentStatus" NOT NULL DEFAULT 'INFO_RECEIVED',
    "statusDetail" TEXT,
    "statusAt" TIMESTAMP(3),
    "lastEventAt" TIMESTAMP(3),
    "shippedAt" TIMESTAMP(3),
    "deliveredAt" TIMESTAMP(3),
    "carrierUrl" TEXT,
    "carrierEstimate" DATE,
    "etaEarliest" DATE,
    "etaLatest" DATE,
    "etaConfidence" DOUBLE PRECISION,
    "etaStage" TEXT,
    "etaReason" TEXT,
    "etaFlag" TEXT,
    "etaComputedAt" TIMESTAMP(3),
    "promisedLatest" DATE,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Shipment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TrackingEvent" (
    "id" TEXT NOT NULL,
    "shipmentId" TEXT NOT NULL,
    "status" "ShipmentStatus" NOT NULL,
    "detailCode" TEXT,
    "rawStatus" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "city" TEXT,
    "region" TEXT,
    "postalCode" TEXT,
    "country" TEXT,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "utcOffsetMinutes" INTEGER,
    "providerEventId" TEXT,
    "dedupeKey" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "deliveryId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TrackingEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookDelivery" (
    "id" TEXT NOT NULL,
    "merchantId" TEXT NOT NULL,
    "provider" "Provider" NOT NULL,
    "headers" JSONB NOT NULL,
    "body" TEXT NOT NULL,
    "signature" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "outcome" "DeliveryOutcome" NOT NULL DEFAULT 'RECEIVED',
    "error" TEXT,
    "eventsAdded" INTEGER NOT NULL DEFAULT 0,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "processedAt" TIMESTAMP(3),

    CONSTRAINT "WebhookDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Delay" (
    "id" TEXT NOT NULL,
    "shipmentId" TEXT NOT NULL,
    "previousEarliest" DATE NOT NULL,
    "previousLatest" DATE NOT NULL,
    "newEarliest" DATE NOT NULL,
    "newLatest" DATE NOT NULL,
    "reason" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "announcedAt" TIMESTAMP(3),

    CONSTRAINT "Delay_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LaneStat" (
    "merchantId" TEXT NOT NULL,
    "laneKey" TEXT NOT NULL,
    "stats" JSONB NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LaneStat_pkey" PRIMARY KEY ("merchantId","laneKey")
);

-- CreateIndex
CREATE UNIQUE INDEX "Merchant_slug_key" ON "Merchant"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "Merchant_customDomain_key" ON "Merchant"("customDomain");

-- CreateIndex
CREATE UNIQUE INDEX "ProviderConnection_merchantId_provider_key" ON "ProviderConnection"("merchantId", "provider");

-- CreateIndex
CREATE INDEX "Order_merchantId_shopperEmail_idx" ON "Order"("merchantId", "shopperEmail");

-- CreateIndex
CREATE INDEX "Order_merchantId_shopperPhone_idx" ON "Order"("merchantId", "shopperPhone");

-- CreateIndex
CREATE UNIQUE INDEX "Order_merchantId_orderNumber_key" ON "Order"("merchantId", "orderNumber");

-- CreateIndex
CREATE UNIQUE INDEX "Shipment_token_key" ON "Shipment"("token");

-- CreateIndex
CREATE INDEX "Shipment_orderId_idx" ON "Shipment"("orderId");

-- CreateIndex
CREATE INDEX "Shipment_merchantId_status_idx" ON "Shipment"("merchantId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Shipment_merchantId_carrier_trackingNumber_key" ON "Shipment"("merchantId", "carrier", "trackingNumber");

-- CreateIndex
CREATE INDEX "TrackingEvent_shipmentId_occurredAt_idx" ON "TrackingEvent"("shipmentId", "occurredAt");

-- CreateIndex
CREATE UNIQUE INDEX "TrackingEvent_shipmentId_dedupeKey_key" ON "TrackingEvent"("shipmentId", "dedupeKey");

-- CreateIndex
CREATE INDEX "WebhookDelivery_merchantId_receivedAt_idx" ON "WebhookDelivery"("merchantId", "receivedAt");

-- CreateIndex
CREATE INDEX "WebhookDelivery_outcome_receivedAt_idx" ON "WebhookDelivery"("outcome", "receivedAt");

-- CreateIndex
CREATE INDEX "Delay_shipmentId_createdAt_idx" ON "Delay"("shipmentId", "createdAt");

-- AddForeignKey
ALTER TABLE "ProviderConnection" ADD CONSTRAINT "ProviderConnection_merchantId_fkey" FOREIGN KEY ("merchantId") REFERENCES "Merchant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Order" ADD CONSTRAINT "Order_merchantId_fkey" FOREIGN KEY ("merchantId") REFERENCES "Merchant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Shipment" ADD CONSTRAINT "Shipment_merchantId_fkey" FOREIGN KEY ("merchantId") REFERENCES "Merchant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Shipment" ADD CONSTRAINT "Shipment_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrackingEvent" ADD CONSTRAINT "TrackingEvent_shipmentId_fkey" FOREIGN KEY ("shipmentId") REFERENCES "Shipment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrackingEvent" ADD CONSTRAINT "TrackingEvent_deliveryId_fkey" FOREIGN KEY ("deliveryId") REFERENCES "WebhookDelivery"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebhookDelivery" ADD CONSTRAINT "WebhookDelivery_merchantId_fkey" FOREIGN KEY ("merchantId") REFERENCES "Merchant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Delay" ADD CONSTRAINT "Delay_shipmentId_fkey" FOREIGN KEY ("shipmentId") REFERENCES "Shipment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LaneStat" ADD CONSTRAINT "LaneStat_merchantId_fkey" FOREIGN KEY ("merchantId") REFERENCES "Merchant"("id") ON DELETE CASCADE ON UPDATE CASCADE;
