-- CreateIndex
-- Webhook matching looks shipments up by (merchantId, trackingNumber) without the carrier (lib/shipments/lock-shipments.ts):
-- the unique (merchantId, carrier, trackingNumber) index cannot serve that past its first column.
CREATE INDEX "Shipment_merchantId_trackingNumber_idx" ON "Shipment"("merchantId", "trackingNumber");
