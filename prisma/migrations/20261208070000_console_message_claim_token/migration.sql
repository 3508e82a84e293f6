-- AlterTable
-- The console's queue is claimed under a lease like the alert outbox: each claim writes a fresh token, and
-- every outcome is written only while the row still carries it, so a sender whose lease lapsed mid-send
-- cannot put a re-sent row back to PENDING (or overwrite a newer claim's outcome).
ALTER TABLE "ConsoleMessage" ADD COLUMN "claimToken" TEXT;

-- While a row is SENDING, "dueAt" now holds the end of its claim's lease (the outbox's rule). Rows a sender
-- of the older code holds keep the 120 s they had from "claimedAt", so a deploy does not hand them over early.
UPDATE "ConsoleMessage" SET "dueAt" = "claimedAt" + INTERVAL '120 seconds'
WHERE "status" = 'SENDING' AND "claimedAt" IS NOT NULL;
