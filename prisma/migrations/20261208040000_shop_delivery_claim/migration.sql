-- A shop delivery stuck RECEIVED (the process died between storing and processing it, or processing hit a
-- transient error) is reprocessed by the worker's sweep. "claimedAt" is when processing of it last began
-- (in the request, on a shop's retry, or by a sweep): a RECEIVED row claimed less than the lease ago is
-- being worked on and nobody else takes it. Rows stored before this migration count from "receivedAt".

-- AlterTable
ALTER TABLE "WebhookDelivery" ADD COLUMN "claimedAt" TIMESTAMP(3);
