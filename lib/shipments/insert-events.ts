import { randomUUID } from "node:crypto";
import type { Tx } from "../db";
import type { ShipmentStatus } from "../carriers/status";
import type { FoldableEvent } from "./fold-events";

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

export interface AppendedEvents {
  /** The events that were new (the rest were already kept). */
  inserted: InsertedEvent[];
  /** Every event, old and new, of each shipment that gained one: what its status is folded from. */
  history: Map<string, FoldableEvent[]>;
}

/**
 * Appends events, skipping any already kept (same shipment and dedupe key), and returns the new ones with
 * the whole event set of every shipment that gained one, in ONE statement: the INSERT … RETURNING in a
 * CTE, beside the shipments' stored events (the statement's snapshot predates its own insert, so the two
 * parts never overlap). One round trip where there were two (bench:ingest-profile, issue 11). The array
 * of candidate shipments bounds the history read by the shipmentId index whatever the planner guesses of
 * the CTE's size (alone, the IN (… inserted) was planned as a hash join over a seq scan of every event).
 * One array per column: 17 bind parameters whatever the number of rows, so a batch (or a 4,000-event
 * history) never nears PostgreSQL's 65,535-parameter limit. Timestamps travel as UTC ISO text into
 * `timestamp(3)` columns, as Prisma itself stores them.
 */
export async function insertNewEvents(tx: Tx, rows: EventRow[], now: Date): Promise<AppendedEvents> {
  const appended: AppendedEvents = { inserted: [], history: new Map() };
  if (rows.length === 0) return appended;
  const column = <K extends keyof EventRow>(key: K) => rows.map((row) => row[key]);
  const found = await tx.$queryRaw<(Omit<InsertedEvent, "occurredAt"> & { isNew: boolean; occurredAt: Date | string })[]>`
    WITH inserted AS (
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
      RETURNING "shipmentId", "dedupeKey", "status", "detailCode", "occurredAt"
    )
    SELECT true AS "isNew", "shipmentId", "dedupeKey", "status"::text AS "status", "detailCode", "occurredAt" FROM inserted
    UNION ALL
    SELECT false, e."shipmentId", e."dedupeKey", e."status"::text, e."detailCode", e."occurredAt" FROM "TrackingEvent" e
    WHERE e."shipmentId" = ANY(${[...new Set(column("shipmentId"))]}::text[]) AND e."shipmentId" IN (SELECT "shipmentId" FROM inserted)`;
  for (const row of found) {
    const event = { shipmentId: row.shipmentId, dedupeKey: row.dedupeKey, status: row.status, detailCode: row.detailCode, occurredAt: asUtc(row.occurredAt) };
    if (row.isNew) appended.inserted.push(event);
    const list = appended.history.get(event.shipmentId) ?? [];
    list.push({ status: event.status, detailCode: event.detailCode, occurredAt: event.occurredAt });
    appended.history.set(event.shipmentId, list);
  }
  return appended;
}

/** A `timestamp(3)` read back through a raw query: a Date, or text without a zone that is UTC. */
export function asUtc(value: Date | string): Date {
  return value instanceof Date ? value : new Date(`${value.replace(" ", "T")}Z`);
}
