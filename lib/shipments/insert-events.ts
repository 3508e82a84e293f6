import { randomUUID } from "node:crypto";
import type { Tx } from "../db";
import type { ShipmentStatus } from "../carriers/status";

export interface EventRow {
  shipmentId: string;
  status: ShipmentStatus;
  detailCode: string | null;
  rawStatus: string;
  description: string;
  city: string | null;
  region: string | null;
  postalCode: string | null;
  country: string | null;
  occurredAt: Date;
  utcOffsetMinutes: number | null;
  providerEventId: string | null;
  dedupeKey: string;
  source: string;
  deliveryId: string | null;
}

export interface InsertedEvent {
  shipmentId: string;
  dedupeKey: string;
  status: ShipmentStatus;
  detailCode: string | null;
  occurredAt: Date;
}

/**
 * Appends events, skipping any already kept (same shipment and dedupe key), and returns the ones that are
 * new. One INSERT … SELECT FROM unnest(…) with one array per column: 17 bind parameters whatever the
 * number of rows, so a batch (or a 4,000-event history) never nears PostgreSQL's 65,535-parameter limit.
 * Timestamps travel as UTC ISO text into `timestamp(3)` columns, as Prisma itself stores them.
 */
export async function insertNewEvents(tx: Tx, rows: EventRow[], now: Date): Promise<InsertedEvent[]> {
  if (rows.length === 0) return [];
  const column = <K extends keyof EventRow>(key: K) => rows.map((row) => row[key]);
  const inserted = await tx.$queryRaw<(Omit<InsertedEvent, "occurredAt"> & { occurredAt: Date | string })[]>`
    INSERT INTO "TrackingEvent" ("id", "shipmentId", "status", "detailCode", "rawStatus", "description", "city", "region",
      "postalCode", "country", "occurredAt", "utcOffsetMinutes", "providerEventId", "dedupeKey", "source", "deliveryId", "createdAt")
    SELECT u."id", u."shipmentId", u."status"::"ShipmentStatus", u."detailCode", u."rawStatus", u."description", u."city", u."region",
      u."postalCode", u."country", u."occurredAt"::timestamp(3), u."utcOffsetMinutes", u."providerEventId", u."dedupeKey", u."source",
      u."deliveryId", ${now.toISOString()}::timestamp(3)
    FROM unnest(${rows.map(() => randomUUID())}::text[], ${column("shipmentId")}::text[], ${column("status")}::text[],
      ${column("detailCode")}::text[], ${column("rawStatus")}::text[], ${column("description")}::text[], ${column("city")}::text[],
      ${column("region")}::text[], ${column("postalCode")}::text[], ${column("country")}::text[],
      ${rows.map((row) => row.occurredAt.toISOString())}::text[], ${column("utcOffsetMinutes")}::int[], ${column("providerEventId")}::text[],
      ${column("dedupeKey")}::text[], ${column("source")}::text[], ${column("deliveryId")}::text[])
      AS u("id", "shipmentId", "status", "detailCode", "rawStatus", "description", "city", "region", "postalCode", "country",
        "occurredAt", "utcOffsetMinutes", "providerEventId", "dedupeKey", "source", "deliveryId")
    ON CONFLICT ("shipmentId", "dedupeKey") DO NOTHING
    RETURNING "shipmentId", "dedupeKey", "status"::text AS "status", "detailCode", "occurredAt"`;
  return inserted.map((event) => ({ ...event, occurredAt: asUtc(event.occurredAt) }));
}

/** A `timestamp(3)` read back through a raw query: a Date, or text without a zone that is UTC. */
export function asUtc(value: Date | string): Date {
  return value instanceof Date ? value : new Date(`${value.replace(" ", "T")}Z`);
}
