import { db } from "../db";
import { isWellFormedToken } from "../shipments/tokens";

/**
 * Counts one tracking-page view: one row per shipment and UTC day, incremented in a single upsert.
 * Nothing about the visitor is kept (no cookie, IP, user agent or referrer), only that the page was seen
 * and when last that day (to tell views after a delay from views before it).
 * Unknown tokens change nothing and say nothing.
 */
export async function recordPageView(token: string, now: Date): Promise<void> {
  if (!isWellFormedToken(token)) return;
  const nowIso = now.toISOString();
  await db.$executeRaw`
    INSERT INTO "PageView" ("shipmentId", "day", "merchantId", "views", "firstViewAt", "lastViewAt")
    SELECT s."id", CAST(${nowIso.slice(0, 10)} AS date), s."merchantId", 1,
           CAST(${nowIso} AS timestamptz) AT TIME ZONE 'UTC', CAST(${nowIso} AS timestamptz) AT TIME ZONE 'UTC'
    FROM "Shipment" s WHERE s."token" = ${token}
    ON CONFLICT ("shipmentId", "day") DO UPDATE
      SET "views" = "PageView"."views" + 1, "lastViewAt" = EXCLUDED."lastViewAt"`;
}
