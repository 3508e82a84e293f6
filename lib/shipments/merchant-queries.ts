import "server-only";
import { db } from "../db";
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

export async function getOrder(merchantId: string, orderId: string) {
  const row = await db.order.findFirst({ where: { id: orderId, merchantId }, select: orderSelect });
  return row ? toApiOrder(row) : null;
}
