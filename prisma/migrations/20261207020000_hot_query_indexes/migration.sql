-- Indexes for the hot queries (issue #11, item 5); tests/integration/indexes/hot-query-indexes.test.ts shows
-- each in an EXPLAIN on PGlite and PostgreSQL. pg_trgm ships with PostgreSQL's contrib and with PGlite
-- (loaded by scripts/embedded/create-pglite.ts).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateIndex
-- Order and shipment lists (API and console) page newest first by (createdAt, id) within one merchant:
-- read backwards, this index returns a page without sorting the merchant's whole history.
CREATE INDEX "Order_merchantId_createdAt_id_idx" ON "Order"("merchantId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Shipment_merchantId_createdAt_id_idx" ON "Shipment"("merchantId", "createdAt", "id");

-- CreateIndex
-- The worker's sweep for delays nobody has announced yet (lib/notifications/outbox/announce-delays.ts):
-- only unannounced rows are indexed, so the index stays as small as the backlog, not the history.
CREATE INDEX "Delay_createdAt_idx" ON "Delay"("createdAt") WHERE ("announcedAt" IS NULL);

-- CreateIndex
-- The console's substring search (lib/console/queries.ts): ILIKE '%…%' cannot use a b-tree; trigrams can.
CREATE INDEX "Shipment_trackingNumber_idx" ON "Shipment" USING GIN ("trackingNumber" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Order_orderNumber_idx" ON "Order" USING GIN ("orderNumber" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Order_shopperEmail_idx" ON "Order" USING GIN ("shopperEmail" gin_trgm_ops);

-- CreateIndex
-- Phones are stored as typed; the search compares their digits. An expression index: Prisma's schema cannot
-- describe it (tests/integration/support/schema-description.ts lists it among RAW_SQL_INDEXES).
CREATE INDEX "Order_shopperPhone_digits_trgm_idx" ON "Order" USING GIN ((regexp_replace(COALESCE("shopperPhone", ''), '[^0-9]', '', 'g')) gin_trgm_ops);
