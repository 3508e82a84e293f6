import "server-only";
import { db, type Tx } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { eventSelect, orderSelect, shipmentSelect, toApiEvent, toApiOrder, toApiShipment } from "./api-shape";
import { createdWhere, cursorWhere, encodeCursor, shipmentFilterWhere, type ShipmentFilters } from "./list-filters";

/**
 * Merchant-facing reads (REST API and console). Every function takes the merchant id first and puts it in
 * the WHERE clause: another merchant's id simply finds nothing, which callers answer with 404.
 */
export interface ListOptions extends ShipmentFilters {
  createdAfter?: string;
  createdBefore?: string;
  limit: number;
  cursor?: string;
}

export async function listShipments(merchantId: string, options: ListOptions, now: Date) {
  const where: Prisma.ShipmentWhereInput = {
    AND: [
      { merchantId },
      ...shipmentFilterWhere(options, now),
      createdWhere(options.createdAfter, options.createdBefore) ?? {},
      cursorWhere(options.cursor) ?? {},
    ],
  };
  const rows = await db.shipment.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: options.limit + 1,
    select: shipmentSelect,
  });
  const page = rows.slice(0, options.limit);
  return { data: page.map(toApiShipment), nextCursor: rows.length > options.limit ? encodeCursor(page.at(-1)!) : null };
}

export async function getShipment(merchantId: string, shipmentId: string) {
  const row = await db.shipment.findFirst({
    where: { id: shipmentId, merchantId },
    select: { ...shipmentSelect, events: { orderBy: [{ occurredAt: "desc" }, { createdAt: "desc" }], select: eventSelect } },
  });
  if (!row) return null;
  return { ...toApiShipment(row), events: row.events.map(toApiEvent) };
}

export async function listOrders(merchantId: string, options: ListOptions, now: Date) {
  const shipmentWhere = shipmentFilterWhere(options, now);
  const where: Prisma.OrderWhereInput = {
    AND: [
      { merchantId },
      shipmentWhere.length ? { shipments: { some: { AND: shipmentWhere } } } : {},
      createdWhere(options.createdAfter, options.createdBefore) ?? {},
      cursorWhere(options.cursor) ?? {},
    ],
  };
  const rows = await db.order.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: options.limit + 1,
    select: orderSelect,
  });
  const page = rows.slice(0, options.limit);
  return { data: page.map(toApiOrder), nextCursor: rows.length > options.limit ? encodeCursor(page.at(-1)!) : null };
}

export async function getOrder(merchantId: string, orderId: string, client: Tx = db) {
  const row = await client.order.findFirst({ where: { id: orderId, merchantId }, select: orderSelect });
  return row ? toApiOrder(row) : null;
}

/** The shopper's alert opt-ins for a shipment's order (subscriptions are per order), or null when not the merchant's. */
export async function listShipmentSubscriptions(merchantId: string, shipmentId: string) {
  const shipment = await db.shipment.findFirst({ where: { id: shipmentId, merchantId }, select: { orderId: true } });
  if (!shipment) return null;
  const rows = await db.alertSubscription.findMany({
    where: { merchantId, orderId: shipment.orderId },
    orderBy: { createdAt: "asc" },
    select: {
      id: true, channel: true, address: true, scope: true, status: true, locale: true, consentAt: true, confirmedAt: true,
      unsubscribedAt: true, endReason: true, createdAt: true,
    },
  });
  return rows.map((row) => ({
    ...row,
    consentAt: row.consentAt.toISOString(),
    confirmedAt: row.confirmedAt?.toISOString() ?? null,
    unsubscribedAt: row.unsubscribedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  }));
}

/** Every alert message for a shipment (and the order's opt-in confirmations), newest first. */
export async function listShipmentNotifications(merchantId: string, shipmentId: string) {
  const shipment = await db.shipment.findFirst({ where: { id: shipmentId, merchantId }, select: { orderId: true } });
  if (!shipment) return null;
  const rows = await db.outboxMessage.findMany({
    where: {
      subscription: { merchantId, orderId: shipment.orderId },
      OR: [{ shipmentId }, { shipmentId: null }],
    },
    orderBy: { createdAt: "desc" },
    select: {
      id: true, subscriptionId: true, shipmentId: true, channel: true, trigger: true, status: true, content: true, attempts: true,
      lastError: true, dueAt: true, sentAt: true, createdAt: true, subscription: { select: { address: true } },
    },
  });
  return rows.map(({ subscription, ...row }) => ({
    ...row,
    to: subscription.address,
    dueAt: row.dueAt.toISOString(),
    sentAt: row.sentAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  }));
}
