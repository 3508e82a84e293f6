-- AlterTable
-- The date the shop promised at checkout (destination-local calendar date): the estimate flags "running late"
-- as soon as its window makes that date unlikely (issue 13, the early warning).
ALTER TABLE "Order" ADD COLUMN "promisedBy" DATE;

-- CreateIndex
-- The promise sweep looks orders up by a promised date near today.
CREATE INDEX "Order_promisedBy_idx" ON "Order"("promisedBy");

-- AlterTable
-- The structured facts the reason line was built from (lib/estimates ReasonFacts), so the tracking page can
-- word it in each page language; "etaReason" stays the agent's English line.
ALTER TABLE "Shipment" ADD COLUMN "etaReasonFacts" JSONB;
