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
 */
export async function lockShipments(tx: Tx, requests: ShipmentRequest[]): Promise<(LockedShipment | null)[]> {
  const pairs = [...new Map(requests.map((r) => [`${r.merchantId}|${r.update.trackingNumber}`, r])).values()];
  const found = pairs.length === 0 ? [] : await selectForUpdate(tx, pairs.map((r) => r.merchantId), pairs.map((r) => r.update.trackingNumber));
  const byKey = new Map<string, LockedShipment[]>();
  for (const row of found) {
    const key = `${row.merchantId}|${row.trackingNumber}`;
    byKey.set(key, [...(byKey.get(key) ?? []), row]);
  }

  const resolved: (LockedShipment | null)[] = [];
  for (const request of requests) {
    const key = `${request.merchantId}|${request.update.trackingNumber}`;
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
