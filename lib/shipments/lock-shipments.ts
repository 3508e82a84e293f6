import type { Tx } from "../db";
import type { ShipmentStatus } from "../carriers/status";
import type { NormalizedUpdate } from "../carriers/types";
import { Prisma } from "../generated/prisma/client";
import { newTrackingToken } from "./tokens";

export interface LockedShipment {
  id: string;
  carrier: string;
  trackingNumber: string;
  status: ShipmentStatus;
  statusDetail: string | null;
  statusAt: Date | null;
  lastEventAt: Date | null;
  shippedAt: Date | null;
  deliveredAt: Date | null;
  carrierEstimate: Date | null;
  service: string | null;
  carrierUrl: string | null;
}

/**
 * A shipment another transaction holds (skipBusy): another worker is processing it right now. Its
 * update waits for a later batch instead of this batch waiting for that worker's whole transaction.
 */
export const BUSY = "busy" as const;
export type Busy = typeof BUSY;

export interface ShipmentRequest {
  merchantId: string;
  /** Normalized carrier code. */
  carrier: string;
  update: NormalizedUpdate;
}

/**
 * Finds the shipment each update is about, within its merchant, and locks them all for the rest of the
 * transaction in id order (so concurrent batches serialise per shipment and cannot deadlock). Matches by
 * carrier and tracking number, or by tracking number alone when the carrier is spelt differently but
 * only one shipment has it. A tracker the merchant never registered is created when the payload names
 * an order (see createForOrder). Null where nothing matches. One round trip in the common case: ingestion's hot path.
 * With `skipBusy` (the workers' batches) a shipment another transaction holds is not waited for: BUSY (two round trips).
 */
export async function lockShipments(tx: Tx, requests: ShipmentRequest[], options: { skipBusy?: boolean } = {}): Promise<(LockedShipment | null | Busy)[]> {
  const pairs = [...new Map(requests.map((r) => [`${r.merchantId}|${r.update.trackingNumber}`, r])).values()];
  const merchantIds = pairs.map((r) => r.merchantId);
  const trackingNumbers = pairs.map((r) => r.update.trackingNumber);
  const busy = new Set<string>();
  let found: (LockedShipment & { merchantId: string })[] = [];
  if (pairs.length > 0 && options.skipBusy) {
    for (const row of await lockFree(tx, merchantIds, trackingNumbers)) {
      if (row.id === null) busy.add(`${row.wantedMerchantId}|${row.wantedTrackingNumber}`);
      else found.push(row as LockedShipment & { merchantId: string });
    }
  } else if (pairs.length > 0) {
    found = await selectForUpdate(tx, merchantIds, trackingNumbers);
  }
  const byKey = new Map<string, LockedShipment[]>();
  for (const row of found) {
    const key = `${row.merchantId}|${row.trackingNumber}`;
    byKey.set(key, [...(byKey.get(key) ?? []), row]);
  }

  const resolved: (LockedShipment | null | Busy)[] = [];
  for (const request of requests) {
    const key = `${request.merchantId}|${request.update.trackingNumber}`;
    if (busy.has(key)) {
      resolved.push(BUSY);
      continue;
    }
    const candidates = byKey.get(key) ?? [];
    let match = candidates.find((row) => row.carrier === request.carrier) ?? (candidates.length === 1 ? candidates[0] : undefined);
    if (!match && candidates.length === 0 && request.update.orderNumber) {
      match = await createForOrder(tx, request);
      byKey.set(key, [match]);
    }
    resolved.push(match ?? null);
  }
  return resolved;
}

/**
 * A tracker the merchant never registered joins an order only when the payload names, exactly, an order
 * number the merchant has. Any other reference — free text such as "gift" that many trackers share — gets
 * an order of its own, numbered by its tracking number: unrelated parcels must never share a page, nor
 * one page's subscribers get alerts for a stranger's parcel.
 */
async function createForOrder(tx: Tx, { merchantId, carrier, update }: ShipmentRequest): Promise<LockedShipment> {
  const named = await tx.order.findUnique({
    where: { merchantId_orderNumber: { merchantId, orderNumber: update.orderNumber! } },
    select: { id: true },
  });
  const order =
    named ??
    (await tx.order.upsert({
      where: { merchantId_orderNumber: { merchantId, orderNumber: update.trackingNumber } },
      create: { merchantId, orderNumber: update.trackingNumber },
      update: {},
      select: { id: true },
    }));
  const created = await tx.shipment.create({
    data: { merchantId, orderId: order.id, carrier, trackingNumber: update.trackingNumber, service: update.service, token: newTrackingToken() },
    select: { id: true },
  });
  const [row] = await tx.$queryRaw<(LockedShipment & { merchantId: string })[]>`
    SELECT ${COLUMNS} FROM "Shipment" WHERE "id" = ${created.id} FOR UPDATE`;
  return row!;
}

const COLUMNS = Prisma.raw(`"id", "merchantId", "carrier", "trackingNumber", "status"::text AS "status", "statusDetail", "statusAt",
  "lastEventAt", "shippedAt", "deliveredAt", "carrierEstimate", "service", "carrierUrl"`);

/** Two arrays, not a pair of parameters per shipment: a batch never nears the bind-parameter limit. */
function selectForUpdate(tx: Tx, merchantIds: string[], trackingNumbers: string[]) {
  return tx.$queryRaw<(LockedShipment & { merchantId: string })[]>`
    SELECT ${COLUMNS} FROM "Shipment"
    WHERE ("merchantId", "trackingNumber") IN (SELECT * FROM unnest(${merchantIds}::text[], ${trackingNumbers}::text[]))
    ORDER BY "id" FOR UPDATE`;
}

/**
 * Every shipment for these pairs, each locked unless another transaction holds it (SKIP LOCKED): those
 * come back with null columns beside the pair they belong to. One statement; the columns of a locked
 * row are its latest version.
 */
function lockFree(tx: Tx, merchantIds: string[], trackingNumbers: string[]) {
  return tx.$queryRaw<(Nullable<LockedShipment & { merchantId: string }> & { wantedMerchantId: string; wantedTrackingNumber: string })[]>`
    WITH wanted AS (
      SELECT "id", "merchantId", "trackingNumber" FROM "Shipment"
      WHERE ("merchantId", "trackingNumber") IN (SELECT * FROM unnest(${merchantIds}::text[], ${trackingNumbers}::text[]))
    ), locked AS (
      SELECT ${COLUMNS} FROM "Shipment" WHERE "id" IN (SELECT "id" FROM wanted) ORDER BY "id" FOR UPDATE SKIP LOCKED
    )
    SELECT w."merchantId" AS "wantedMerchantId", w."trackingNumber" AS "wantedTrackingNumber", l.*
    FROM wanted w LEFT JOIN locked l ON l."id" = w."id"`;
}

type Nullable<T> = { [K in keyof T]: T[K] | null };
