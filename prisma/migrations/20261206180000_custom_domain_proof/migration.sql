-- Custom domains need proof of ownership (a DNS TXT record) before they serve anything. A requested
-- domain is no longer unique (claiming it first must not block its real owner); a proven one is.

-- DropIndex
DROP INDEX "Merchant_customDomain_key";

-- AlterTable
ALTER TABLE "Merchant" ADD COLUMN     "domainCheckedAt" TIMESTAMP(3),
ADD COLUMN     "domainToken" TEXT,
ADD COLUMN     "verifiedDomain" TEXT;

-- Domains claimed before this migration were never proven: they stay requested (pending) and get a token.
UPDATE "Merchant" SET "domainToken" = replace(gen_random_uuid()::text, '-', '') WHERE "customDomain" IS NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "Merchant_verifiedDomain_key" ON "Merchant"("verifiedDomain");

-- CreateIndex
CREATE INDEX "Merchant_customDomain_idx" ON "Merchant"("customDomain");
