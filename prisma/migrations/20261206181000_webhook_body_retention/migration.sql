-- Raw webhook bodies are kept WEBHOOK_RETENTION_DAYS (default 30); then retention empties them and
-- records when, so a replay can tell "dropped" from "empty".

-- AlterTable
ALTER TABLE "WebhookDelivery" ADD COLUMN     "bodyDroppedAt" TIMESTAMP(3);
