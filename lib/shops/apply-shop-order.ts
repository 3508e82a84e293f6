import type { Tx } from "../db";
import type { NormalizedUpdate } from "../carriers/types";
import { isTerminal } from "../carriers/status";
import { addShipment } from "../shipments/add-shipment";
import { createOrder } from "../shipments/create-order";
import { ingestInTransaction } from "../webhooks/pipeline";
import type { ShopOrderUpdate, ShopParcel } from "./shop-order";

export interface ShopApplyResult {
  /** Null: the delivery names an order we do not hold and cannot create (no order number). */
  orderId: string | null;
  orderCreated: boolean;
  shipmentsAdded: number;
  shipmentsCancelled: number;
}

/**
 * Writes one shop delivery's order and parcels in the caller's transaction, through the same order and
 * shipment code as the API (lib/shipments): an order is created once (found again by the store's order id,
 * else by its number), its contact and destination follow the shop's newest order payload, each parcel
 * becomes a shipment once, and a cancelled fulfillment's parcels get a CANCELLED event through the
 * ingest pipeline (status, estimates and alerts as for any carrier event). Applying it twice changes nothing.
 */
export async function applyShopOrder(
  tx: Tx, merchantId: string, shopDomain: string, update: ShopOrderUpdate, fallbackCountry: string, now: Date,
): Promise<ShopApplyResult> {
  // The link is per store: a merchant who switched stores keeps the old store's orders apart (WooCommerce
  // numbers each store's orders from 1), and each store's shop/redact reaches only its own.
  const key = update.externalId ? { merchantId, platform: update.platform, shopDomain, externalId: update.externalId } : null;
  const link = key
    ? await tx.shopOrder.findUnique({
        where: { merchantId_platform_shopDomain_externalId: key },
        select: { orderId: true, sourceUpdatedAt: true },
      })
    : null;
  const existing = link
    ? { id: link.orderId }
    : update.orderNumber
      ? await tx.order.findUnique({ where: { merchantId_orderNumber: { merchantId, orderNumber: update.orderNumber } }, select: { id: true } })
      : null;
  if (!existing && !update.orderNumber) return { orderId: null, orderCreated: false, shipmentsAdded: 0, shipmentsCancelled: 0 };

  const known = await knownTrackingNumbers(tx, merchantId, [...update.parcels, ...update.cancelled]);
  const fresh = update.parcels.filter((parcel) => !known.has(parcel.trackingNumber));
  let orderId: string;
  let shipmentsAdded = 0;
  if (existing) {
    orderId = existing.id;
    if (update.kind === "order" && isNewer(update.sourceUpdatedAt, link?.sourceUpdatedAt ?? null)) await updateContact(tx, merchantId, orderId, update);
    for (const parcel of fresh) {
      await addShipment(merchantId, orderId, shipmentInput(parcel), now, tx);
      shipmentsAdded++;
    }
  } else {
    const created = await createOrder(
      merchantId,
      {
        orderNumber: update.orderNumber!,
        placedAt: update.placedAt?.toISOString(),
        shopper: definedOnly(update.shopper),
        destination: { ...definedOnly({ city: update.destination.city, region: update.destination.region, postalCode: update.destination.postalCode }), country: update.destination.country ?? fallbackCountry },
        shipments: fresh.map(shipmentInput),
      },
      now,
      tx,
    );
    orderId = created.id;
    shipmentsAdded = created.shipments.length;
  }

  if (key) {
    const sourceUpdatedAt = update.kind === "order" && isNewer(update.sourceUpdatedAt, link?.sourceUpdatedAt ?? null) ? update.sourceUpdatedAt : undefined;
    await tx.shopOrder.upsert({
      where: { merchantId_platform_shopDomain_externalId: key },
      create: { ...key, orderId, sourceUpdatedAt: sourceUpdatedAt ?? null },
      update: { orderId, ...(sourceUpdatedAt ? { sourceUpdatedAt } : {}) },
      select: { orderId: true },
    });
  }

  const shipmentsCancelled = await cancelParcels(tx, merchantId, orderId, update, now);
  return { orderId, orderCreated: !existing, shipmentsAdded, shipmentsCancelled };
}

/** Tracking numbers this merchant already has a shipment for (any carrier, any order: one parcel, one shipment). */
async function knownTrackingNumbers(tx: Tx, merchantId: string, parcels: ShopParcel[]): Promise<Set<string>> {
  if (parcels.length === 0) return new Set();
  const rows = await tx.shipment.findMany({
    where: { merchantId, trackingNumber: { in: parcels.map((parcel) => parcel.trackingNumber) } },
    select: { trackingNumber: true },
  });
  return new Set(rows.map((row) => row.trackingNumber));
}

/** A payload without updated_at, or an order never stamped, counts as newer: the shop said it last. */
function isNewer(incoming: Date | null, applied: Date | null): boolean {
  return !incoming || !applied || incoming.getTime() >= applied.getTime();
}

/** The shop's current contact and destination; a field the shop leaves empty keeps what we had (e.g. a street set through the API). */
async function updateContact(tx: Tx, merchantId: string, orderId: string, update: ShopOrderUpdate) {
  const data = definedOnly({
    shopperName: update.shopper.name,
    shopperEmail: update.shopper.email,
    shopperPhone: update.shopper.phone,
    destCity: update.destination.city,
    destRegion: update.destination.region,
    destPostalCode: update.destination.postalCode,
    destCountry: update.destination.country,
  });
  if (Object.keys(data).length > 0) await tx.order.updateMany({ where: { id: orderId, merchantId }, data });
}

async function cancelParcels(tx: Tx, merchantId: string, orderId: string, update: ShopOrderUpdate, now: Date): Promise<number> {
  if (update.cancelled.length === 0) return 0;
  const shipments = await tx.shipment.findMany({
    where: { merchantId, orderId, trackingNumber: { in: update.cancelled.map((parcel) => parcel.trackingNumber) } },
    select: { carrier: true, trackingNumber: true, status: true },
  });
  const open = shipments.filter((shipment) => !isTerminal(shipment.status));
  if (open.length === 0) return 0;
  const occurredAt = update.cancelledAt ?? now;
  const items = open.map((shipment) => ({
    merchantId,
    source: update.platform,
    deliveryId: null,
    update: cancellation(shipment.carrier, shipment.trackingNumber, occurredAt),
  }));
  await ingestInTransaction(tx, items, now);
  return open.length;
}

function cancellation(carrier: string, trackingNumber: string, occurredAt: Date): NormalizedUpdate {
  return {
    carrier,
    trackingNumber,
    service: null,
    status: "CANCELLED",
    detailCode: "fulfillment_cancelled",
    carrierEstimate: null,
    orderNumber: null,
    carrierUrl: null,
    events: [{
      status: "CANCELLED",
      detailCode: "fulfillment_cancelled",
      rawStatus: "fulfillment_cancelled",
      description: "The shop cancelled this shipment",
      location: null,
      occurredAt,
      utcOffsetMinutes: null,
      // One cancellation per parcel, however often the shop repeats it.
      providerEventId: `fulfillment-cancelled-${trackingNumber}`,
    }],
  };
}

function shipmentInput(parcel: ShopParcel) {
  return { carrier: parcel.carrier, trackingNumber: parcel.trackingNumber, ...(parcel.carrierUrl ? { carrierUrl: parcel.carrierUrl } : {}) };
}

function definedOnly<T extends Record<string, string | null>>(fields: T): { [K in keyof T]?: string } {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== null)) as { [K in keyof T]?: string };
}
