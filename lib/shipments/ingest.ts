import { db, type Tx } from "../db";
import { normalizeCarrierCode } from "../carriers/carrier-code";
import type { NormalizedEvent, NormalizedUpdate } from "../carriers/types";
import { isUniqueViolation } from "../errors";
import { afterIngest, type ShipmentChange } from "./after-ingest";
import { dedupeKey } from "./dedupe-key";
import { lockShipments, type LockedShipment } from "./lock-shipments";
import { foldEvents } from "./fold-events";
import { insertNewEvents, type EventRow } from "./insert-events";

export interface IngestItem {
  merchantId: string;
  /** Where the events came from: a provider name, "api" or "seed". */
  source: string;
  deliveryId: string | null;
  update: NormalizedUpdate;
}

export interface IngestResult {
  /** Per item, in order: the shipment it applied to (null: nobody at this merchant knows it) and the events it added. */
  items: { shipmentId: string | null; eventsAdded: number }[];
  changes: ShipmentChange[];
}

/**
 * Applies many updates in one short transaction: lock the shipments concerned (in id order, so
 * concurrent batches cannot deadlock), append only new events, move each status forward only, and hand
 * every changed shipment to afterIngest (estimates, alerts). `beforeCommit` writes bookkeeping that must
 * commit with the events (a delivery's outcome).
 */
export async function ingestBatch(
  items: IngestItem[],
  now: Date,
  beforeCommit?: (tx: Tx, result: IngestResult) => Promise<void>,
): Promise<IngestResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.$transaction(
        async (tx) => {
          const result = await applyBatch(tx, items, now);
          await beforeCommit?.(tx, result);
          return result;
        },
        { maxWait: 10_000, timeout: 30_000 },
      );
    } catch (error) {
      // Two first deliveries for a tracker nobody registered race to create it: the loser retries and finds it.
      if (attempt < 3 && isUniqueViolation(error)) continue;
      throw error;
    }
  }
}

/** One source's updates for one merchant: the seed, the API, a replayed delivery. */
export function ingestUpdates(updates: NormalizedUpdate[], context: Omit<IngestItem, "update"> & { now: Date }) {
  const { now, ...item } = context;
  return ingestBatch(updates.map((update) => ({ ...item, update })), now);
}

async function applyBatch(tx: Tx, items: IngestItem[], now: Date): Promise<IngestResult> {
  const carriers = items.map((item) => normalizeCarrierCode(item.update.carrier));
  const shipments = await lockShipments(tx, items.map((item, index) => ({ merchantId: item.merchantId, carrier: carriers[index]!, update: item.update })));

  // Event rows, de-duplicated within the batch too (a provider retry can sit in the same batch).
  const rows = new Map<string, { itemIndex: number; row: EventRow }>();
  items.forEach((item, index) => {
    const shipment = shipments[index];
    if (!shipment) return;
    for (const event of item.update.events) {
      const key = dedupeKey(item.source, carriers[index]!, shipment.trackingNumber, event);
      const rowKey = `${shipment.id}|${key}`;
      if (!rows.has(rowKey)) rows.set(rowKey, { itemIndex: index, row: eventRow(shipment.id, key, item, event) });
    }
  });
  const inserted = await insertNewEvents(tx, [...rows.values()].map(({ row }) => row), now);

  const result: IngestResult = { items: items.map((_, index) => ({ shipmentId: shipments[index]?.id ?? null, eventsAdded: 0 })), changes: [] };
  for (const event of inserted) result.items[rows.get(`${event.shipmentId}|${event.dedupeKey}`)!.itemIndex]!.eventsAdded++;

  // Fold every touched shipment once, with all of its events from the batch.
  const byShipment = new Map<string, { merchantId: string; shipment: LockedShipment; updates: NormalizedUpdate[] }>();
  items.forEach((item, index) => {
    const shipment = shipments[index];
    if (!shipment) return;
    const entry = byShipment.get(shipment.id) ?? { merchantId: item.merchantId, shipment, updates: [] };
    entry.updates.push(item.update);
    byShipment.set(shipment.id, entry);
  });
  // Merchant order: a delivery locks its merchant's lane statistics rows (lib/estimates-store), and
  // taking merchants in one order in every batch keeps concurrent batches from deadlocking on them.
  const ordered = [...byShipment.values()].sort((a, b) => (a.merchantId < b.merchantId ? -1 : a.merchantId > b.merchantId ? 1 : 0));
  for (const { shipment, updates } of ordered) {
    const folded = foldEvents(shipment, updates.flatMap((update) => update.events));
    const estimate = updates.findLast((update) => update.carrierEstimate !== null)?.carrierEstimate ?? null;
    const carrierEstimateChanged = estimate !== null && estimate.getTime() !== shipment.carrierEstimate?.getTime();
    await tx.shipment.update({
      where: { id: shipment.id },
      data: {
        ...folded,
        ...(carrierEstimateChanged ? { carrierEstimate: estimate } : {}),
        ...(shipment.service ? {} : { service: updates.find((update) => update.service)?.service ?? null }),
        ...(shipment.carrierUrl ? {} : { carrierUrl: updates.find((update) => update.carrierUrl)?.carrierUrl ?? null }),
      },
      select: { id: true },
    });
    const addedEvents = inserted
      .filter((event) => event.shipmentId === shipment.id)
      .sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime())
      .map(({ status, detailCode, occurredAt }) => ({ status, detailCode, occurredAt }));
    const change: ShipmentChange = {
      shipmentId: shipment.id,
      previousStatus: shipment.status,
      status: folded.status,
      eventsAdded: addedEvents.length,
      addedEvents,
      carrierEstimateChanged,
      now,
    };
    await afterIngest(tx, change);
    result.changes.push(change);
  }
  return result;
}

function eventRow(shipmentId: string, key: string, item: IngestItem, event: NormalizedEvent): EventRow {
  return {
    shipmentId,
    status: event.status,
    detailCode: event.detailCode,
    rawStatus: event.rawStatus,
    description: event.description,
    city: event.location?.city ?? null,
    region: event.location?.region ?? null,
    postalCode: event.location?.postalCode ?? null,
    country: event.location?.country ?? null,
    occurredAt: event.occurredAt,
    utcOffsetMinutes: event.utcOffsetMinutes,
    providerEventId: event.providerEventId,
    dedupeKey: key,
    source: item.source,
    deliveryId: item.deliveryId,
  };
}
