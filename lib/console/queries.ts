import "server-only";
import { db } from "../db";
import { isWellFormedId } from "../validation/ids";
import { replaceUnsafeCharacters } from "../validation/safe-text";
import type { Prisma } from "../generated/prisma/client";
import { shipmentFilterWhere } from "../shipments/list-filters";
import { shipmentsWithDelaysSql } from "../shipments/shipments-with-delays";
import { trackingNumberFragment } from "../shipments/tracking-number";
import { trackingUrl } from "../shipments/tracking-url";
import { orderSearchSql } from "./order-search";

/** Console reads. Like the API's, every one is keyed by the signed-in user's merchant id. */
export interface ShipmentSearch {
  q?: string;
  delayed?: boolean;
  exception?: boolean;
  stalled?: boolean;
}

export async function searchShipments(merchantId: string, search: ShipmentSearch, now: Date) {
  // Typed or pasted by an agent: control characters (a NUL is a database error) become spaces; 200 characters is plenty.
  const q = replaceUnsafeCharacters(search.q ?? "", "line", " ").trim().slice(0, 200);
  const or: Prisma.ShipmentWhereInput[] = [];
  if (q) {
    // Both arms on the shipment's own columns, each with an index (trigrams; orderId), so the planner can
    // combine them; an arm through the order relation would make it join and filter every shipment.
    // Numbers are stored normalized (upper case, no spaces or dashes): "1z 827-wk7" finds "1Z827WK74630".
    // Only letters and digits, so no LIKE wildcard can reach the pattern. Insensitive still, for a row the
    // normalizing migration had to leave as it was (docs/api.md).
    const fragment = trackingNumberFragment(q);
    if (fragment) or.push({ trackingNumber: { contains: fragment, mode: "insensitive" } });
    const orderIds = (await db.$queryRaw<{ id: string }[]>(orderSearchSql(merchantId, q))).map((row) => row.id);
    if (orderIds.length) or.push({ orderId: { in: orderIds } });
    // Prisma reads an empty OR as "no condition": a search that no arm can match lists nothing, not everything.
    if (or.length === 0) return [];
  }
  const rows = await db.shipment.findMany({
    where: { AND: [{ merchantId }, q ? { OR: or } : {}, ...shipmentFilterWhere(search, now)] },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 100,
    select: {
      id: true, carrier: true, trackingNumber: true, status: true, etaLatest: true, etaFlag: true, lastEventAt: true, createdAt: true,
      order: { select: { id: true, orderNumber: true, shopperName: true, shopperEmail: true, shopperPhone: true } },
    },
  });
  // "Delayed" on a row means what the Delayed filter means (list-filters.ts): a Delay row or running late.
  // Looked up for the listed ids only (see shipments-with-delays.ts for why not Prisma's _count).
  const withDelays = rows.length
    ? new Set((await db.$queryRaw<{ id: string }[]>(shipmentsWithDelaysSql(rows.map((row) => row.id)))).map((row) => row.id))
    : new Set<string>();
  return rows.map((row) => ({ ...row, delayed: withDelays.has(row.id) || (row.etaFlag ?? "").includes("running_late") }));
}

export async function getAgentOrder(merchantId: string, orderId: string) {
  if (!isWellFormedId(orderId)) return null; // a path segment: a NUL would be a database error, not "not found"
  const order = await db.order.findFirst({
    where: { id: orderId, merchantId },
    select: {
      id: true, orderNumber: true, placedAt: true, shopperName: true, shopperEmail: true, shopperPhone: true,
      destCity: true, destRegion: true, destPostalCode: true, destCountry: true,
      shipments: {
        orderBy: { createdAt: "asc" },
        select: {
          id: true, carrier: true, service: true, trackingNumber: true, token: true, status: true, statusDetail: true,
          statusAt: true, lastEventAt: true, deliveredAt: true, etaEarliest: true, etaLatest: true, etaConfidence: true,
          etaStage: true, etaReason: true, etaFlag: true, etaComputedAt: true, promisedLatest: true, carrierUrl: true,
          events: {
            orderBy: [{ occurredAt: "desc" }, { createdAt: "desc" }],
            select: {
              id: true, status: true, detailCode: true, rawStatus: true, description: true, city: true, region: true,
              country: true, occurredAt: true, source: true, deliveryId: true, createdAt: true,
            },
          },
          delays: {
            orderBy: { createdAt: "asc" },
            select: { id: true, previousEarliest: true, previousLatest: true, newEarliest: true, newLatest: true, reason: true, createdAt: true },
          },
        },
      },
    },
  });
  if (!order) return null;
  const deliveryIds = [...new Set(order.shipments.flatMap((s) => s.events.map((e) => e.deliveryId)).filter((id): id is string => id !== null))];
  const [deliveries, subscriptions, audit] = await Promise.all([
    db.webhookDelivery.findMany({
      where: { merchantId, id: { in: deliveryIds } },
      orderBy: { receivedAt: "desc" },
      select: { id: true, provider: true, receivedAt: true, outcome: true, error: true, eventsAdded: true, attempts: true, processedAt: true, signature: true },
    }),
    db.alertSubscription.findMany({
      where: { merchantId, orderId },
      orderBy: { createdAt: "asc" },
      select: {
        id: true, channel: true, address: true, scope: true, status: true, locale: true, createdAt: true, confirmedAt: true, unsubscribedAt: true, endReason: true,
        messages: {
          orderBy: { createdAt: "desc" },
          select: { id: true, channel: true, trigger: true, status: true, shipmentId: true, content: true, attempts: true, lastError: true, sentAt: true, createdAt: true },
        },
      },
    }),
    db.auditEntry.findMany({
      where: { merchantId, orderId },
      orderBy: { createdAt: "desc" },
      take: 50,
      select: { id: true, action: true, detail: true, createdAt: true, shipmentId: true, user: { select: { email: true } } },
    }),
  ]);
  return {
    ...order,
    shipments: order.shipments.map((shipment) => ({ ...shipment, trackingUrl: trackingUrl(shipment.token) })),
    deliveries,
    subscriptions,
    audit,
  };
}

export type AgentOrder = NonNullable<Awaited<ReturnType<typeof getAgentOrder>>>;
