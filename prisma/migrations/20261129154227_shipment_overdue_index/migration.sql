-- CreateIndex
CREATE INDEX "Shipment_status_etaLatest_idx" ON "Shipment"("status", "etaLatest");
