-- The console's one-off messages (sign-in links, a tracking link an agent sends), queued instead of sent
-- inside the request: the answer's timing and errors then say nothing about the address.
-- CreateTable
CREATE TABLE "ConsoleMessage" (
    "id" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "to" TEXT NOT NULL,
    "subject" TEXT,
    "text" TEXT NOT NULL,
    "html" TEXT,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "dueAt" TIMESTAMP(3) NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "claimedAt" TIMESTAMP(3),
    "lastError" TEXT,
    "providerMessageId" TEXT,
    "sentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ConsoleMessage_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ConsoleMessage_status_dueAt_idx" ON "ConsoleMessage"("status", "dueAt");

-- CreateIndex
CREATE INDEX "ConsoleMessage_to_createdAt_idx" ON "ConsoleMessage"("to", "createdAt");
