/**
 * How orders and shipments look to merchants (REST API, console): one select and one mapper each, so
 * every endpoint answers the same shape. Dates become ISO strings; calendar dates (windows) YYYY-MM-DD.
 */
import type { Prisma } from "../generated/prisma/client";
import { trackingUrl } from "./tracking-url";

export const shipmentSelect = {
  id: true, orderId: true, carrier: true, service: true, trackingNumber: true, token: true, status: true,
  statusDetail: true, statusAt: true, lastEventAt: true, shippedAt: true, deliveredAt: true, carrierUrl: true,
  carrierEstimate: true, etaEarliest: true, etaLatest: true, etaConfidence: true, etaStage: true, etaReason: true,
  etaFlag: true, etaComputedAt: true, promisedLatest: true, createdAt: true, updatedAt: true,
  order: { select: { orderNumber: true } },
  // Whether any Delay row exists: one is enough. Not `_count`, which Prisma sends as a LEFT JOIN to a GROUP BY
  // over the whole Delay table (every merchant's) on each list; this reads the listed shipments' delays only
  // (WHERE "shipmentId" IN (…), Delay_shipmentId_createdAt_idx) and keeps one per shipment.
  delays: { select: { id: true }, take: 1 },
} satisfies Prisma.ShipmentSelect;

export const eventSelect = {
  id: true, status: true, detailCode: true, rawStatus: true, description: true, city: true, region: true,
  postalCode: true, country: true, occurredAt: true, utcOffsetMinutes: true, source: true, deliveryId: true,
} satisfies Prisma.TrackingEventSelect;

export const orderSelect = {
  id: true, orderNumber: true, placedAt: true, promisedBy: true, createdAt: true, updatedAt: true, shopperName: true, shopperEmail: true,
  shopperPhone: true, shopperTimeZone: true, destStreet: true, destCity: true, destRegion: true, destPostalCode: true,
  destCountry: true,
  shipments: { orderBy: { createdAt: "asc" }, select: shipmentSelect },
} satisfies Prisma.OrderSelect;

type ShipmentRow = Prisma.ShipmentGetPayload<{ select: typeof shipmentSelect }>;
type EventRow = Prisma.TrackingEventGetPayload<{ select: typeof eventSelect }>;
type OrderRow = Prisma.OrderGetPayload<{ select: typeof orderSelect }>;

const iso = (date: Date | null) => (date ? date.toISOString() : null);
const day = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : null);

export function toApiShipment(row: ShipmentRow) {
  return {
    id: row.id,
    orderId: row.orderId,
    orderNumber: row.order.orderNumber,
    carrier: row.carrier,
    service: row.service,
    trackingNumber: row.trackingNumber,
    token: row.token,
    trackingUrl: trackingUrl(row.token),
    carrierUrl: row.carrierUrl,
    status: row.status,
    statusDetail: row.statusDetail,
    statusAt: iso(row.statusAt),
    lastEventAt: iso(row.lastEventAt),
    shippedAt: iso(row.shippedAt),
    deliveredAt: iso(row.deliveredAt),
    estimate: {
      earliest: day(row.etaEarliest),
      latest: day(row.etaLatest),
      confidence: row.etaConfidence,
      stage: row.etaStage,
      reason: row.etaReason,
      flag: row.etaFlag,
      computedAt: iso(row.etaComputedAt),
      carrierEstimate: day(row.carrierEstimate),
      promisedLatest: day(row.promisedLatest),
    },
    delayed: row.delays.length > 0 || (row.etaFlag ?? "").includes("running_late"),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toApiEvent(row: EventRow) {
  return {
    id: row.id,
    status: row.status,
    detailCode: row.detailCode,
    rawStatus: row.rawStatus,
    description: row.description,
    location: { city: row.city, region: row.region, postalCode: row.postalCode, country: row.country },
    occurredAt: row.occurredAt.toISOString(),
    utcOffsetMinutes: row.utcOffsetMinutes,
    source: row.source,
  };
}

export function toApiOrder(row: OrderRow) {
  return {
    id: row.id,
    orderNumber: row.orderNumber,
    placedAt: row.placedAt.toISOString(),
    promisedBy: day(row.promisedBy),
    shopper: { name: row.shopperName, email: row.shopperEmail, phone: row.shopperPhone, timeZone: row.shopperTimeZone },
    destination: {
      street: row.destStreet, city: row.destCity, region: row.destRegion, postalCode: row.destPostalCode, country: row.destCountry,
    },
    shipments: row.shipments.map(toApiShipment),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export type ApiShipment = ReturnType<typeof toApiShipment>;
export type ApiOrder = ReturnType<typeof toApiOrder>;
