-- Tracking numbers are stored in one spelling from now on (lib/shipments/tracking-number.ts): spaces and
-- dashes dropped, letters upper-cased, 1-64 letters and digits. This rewrites the rows stored before.
--
-- Two rows of one merchant and carrier may become the same number ("1z827" and "1Z-827"). The unique
-- (merchantId, carrier, trackingNumber) index allows one: the row already spelt that way keeps it, else the
-- oldest; the others stay exactly as they were (still reachable by their /t/{token} link, found by the
-- query in docs/api.md) instead of failing the migration or merging two histories here. A number that
-- is not letters, digits, spaces and dashes (a tracker a carrier once created) is left as it was, too.
--
-- Events without a provider id are de-duplicated by a hash that includes the tracking number
-- (lib/shipments/dedupe-key.ts); a renamed shipment's hashes are recomputed with its new number, so a
-- carrier re-sending its history does not add those events twice. Only keys that the old number
-- reproduces exactly are rewritten (anything else was not made that way and is left alone).

-- CreateTable (temporary; dropped below, not part of the schema)
CREATE TEMP TABLE "_TrackingNumberRename" AS
WITH "candidate" AS (
    SELECT "id", "merchantId", "carrier", "trackingNumber", "createdAt",
        upper(regexp_replace("trackingNumber", '[[:space:]-]', '', 'g')) AS "wanted"
    FROM "Shipment"
    WHERE regexp_replace("trackingNumber", '[[:space:]-]', '', 'g') ~ '^[A-Za-z0-9]{1,64}$'
), "ranked" AS (
    SELECT "candidate".*, row_number() OVER (
        PARTITION BY "merchantId", "carrier", "wanted"
        ORDER BY ("trackingNumber" = "wanted") DESC, "createdAt", "id"
    ) AS "rank"
    FROM "candidate"
)
SELECT "id", "carrier", "trackingNumber" AS "old", "wanted" AS "new" FROM "ranked"
WHERE "rank" = 1 AND "trackingNumber" <> "wanted";

-- Recompute content-hash dedupe keys: 'h:' + the first 32 characters of base64url(sha256(carrier, number,
-- status, detail code, ISO time, description joined by U+001F)), as dedupe-key.ts builds them.
UPDATE "TrackingEvent" AS e SET "dedupeKey" = 'h:' || left(translate(rtrim(encode(sha256(convert_to(
        concat_ws(chr(31), r."carrier", r."new", e."status"::text, COALESCE(e."detailCode", ''),
            to_char(e."occurredAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), e."description"),
        'UTF8')), 'base64'), '='), '+/', '-_'), 32)
FROM "_TrackingNumberRename" AS r
WHERE e."shipmentId" = r."id" AND e."dedupeKey" LIKE 'h:%'
    AND e."dedupeKey" = 'h:' || left(translate(rtrim(encode(sha256(convert_to(
        concat_ws(chr(31), r."carrier", r."old", e."status"::text, COALESCE(e."detailCode", ''),
            to_char(e."occurredAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), e."description"),
        'UTF8')), 'base64'), '='), '+/', '-_'), 32);

-- updatedAt moves so cached tracking pages (which show the number) are rendered again.
UPDATE "Shipment" AS s SET "trackingNumber" = r."new", "updatedAt" = CURRENT_TIMESTAMP
FROM "_TrackingNumberRename" AS r
WHERE s."id" = r."id";

DROP TABLE "_TrackingNumberRename";
