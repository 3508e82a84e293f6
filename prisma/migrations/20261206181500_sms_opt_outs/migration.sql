-- A number that texted STOP (carrier rules: nothing more is sent to it, across merchants, until the number
-- itself texts START, UNSTOP or YES). The web form cannot lift it.
-- CreateTable
CREATE TABLE "SmsOptOut" (
    "phone" TEXT NOT NULL,
    "optedOutAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SmsOptOut_pkey" PRIMARY KEY ("phone")
);

-- Numbers that sent STOP before this table existed.
INSERT INTO "SmsOptOut" ("phone", "optedOutAt")
SELECT "address", MAX(COALESCE("unsubscribedAt", "updatedAt"))
FROM "AlertSubscription"
WHERE "channel" = 'SMS' AND "endReason" = 'sms-stop'
GROUP BY "address";
