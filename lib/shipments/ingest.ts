import type { Tx } from "../db";
import { normalizeCarrierCode } from "../carriers/carrier-code";
import type { NormalizedEvent, NormalizedUpdate } from "../carriers/types";
import type { ShipmentChange } from "./shipment-change";
import { dedupeKey } from "./dedupe-key";
import { BUSY, lockShipments, type LockedShipment } from "./lock-shipments";
import { foldEvents, type ShipmentProgress } from "./fold-events";
import { insertNewEvents, type EventRow } from "./insert-events";

export interface IngestItem {
  merchantId: string;
  /** Where the events came from: a provider name, "api" or "seed". */
  source: string;
  deliveryId: string | null;
  update: NormalizedUpdate;
}

export interface IngestResult {
  /**
   * Per item, in order: the shipment it applied to (null: nobody at this merchant knows it) and the events
   * it added. `deferred`: not applied, because its delivery touches a shipment another worker holds (skipBusy).
   */
  items: { shipmentId: string | null; eventsAdded: number; deferred?: boolean }[];
  changes: ShipmentChange[];
}

/** What comes after the batch's events and status, in the same transaction (the pipeline passes estimates and alerts). */
export type AfterChanges = (tx: Tx, changes: readonly ShipmentChange[], now: Date) => Promise<void>;

/**
 * The shipments step of processing, inside the caller's transaction: lock the shipments concerned (in
 * id order, so concurrent batches cannot deadlock), append only new events, fold each status from its
 * events, write every changed shipment in one statement, and hand the batch's changes to `afterChanges`.
 */
export async function applyBatch(
  tx: Tx,
  items: IngestItem[],
  now: Date,
  afterChanges: AfterChanges,
  options: { skipBusy?: boolean } = {},
): Promise<IngestResult> {
  const carriers = items.map((item) => normalizeCarrierCode(item.update.carrier));
  const found = await lockShipments(tx, items.map((item, index) => ({ merchantId: item.merchantId, carrier: carriers[index]!, update: item.update })), options);
  // A delivery goes through whole or waits whole: one busy shipment defers every update it carries.
  const busyDeliveries = new Set(items.filter((item, index) => found[index] === BUSY).map((item) => item.deliveryId));
  const deferred = items.map((item, index) => found[index] === BUSY || (item.deliveryId !== null && busyDeliveries.has(item.deliveryId)));
  const shipments = found.map((shipment, index) => (deferred[index] || shipment === BUSY ? null : shipment));

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
  // The new events, and every event of each shipment that gained one (one statement: insert-events.ts).
  const { inserted, history } = await insertNewEvents(tx, [...rows.values()].map(({ row }) => row), now);

  const result: IngestResult = {
    items: items.map((_, index) => ({ shipmentId: shipments[index]?.id ?? null, eventsAdded: 0, ...(deferred[index] ? { deferred: true } : {}) })),
    changes: [],
  };
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
  // Status is a function of the SET of a shipment's events: a shipment that gained any is folded again
  // from all it has (`history`), in one order (time, then a fixed tie-break), so how deliveries were split
  // or ordered on the way in cannot change the result (issue 11, item 6).
  // Merchant order: a delivery locks its merchant's lane statistics rows (lib/estimates-store), and
  // taking merchants in one order in every batch keeps concurrent batches from deadlocking on them.
  const ordered = [...byShipment.values()].sort((a, b) => (a.merchantId < b.merchantId ? -1 : a.merchantId > b.merchantId ? 1 : 0));
  const insertedBy = new Map<string, typeof inserted>();
  for (const event of inserted) insertedBy.set(event.shipmentId, [...(insertedBy.get(event.shipmentId) ?? []), event]);
  const writes: ShipmentWrite[] = [];
  for (const { shipment, updates } of ordered) {
    const events = history.get(shipment.id);
    const folded = events ? foldEvents(UNSCANNED, events) : progressOf(shipment);
    const estimate = updates.findLast((update) => update.carrierEstimate !== null)?.carrierEstimate ?? null;
    const carrierEstimateChanged = estimate !== null && estimate.getTime() !== shipment.carrierEstimate?.getTime();
    const service = shipment.service ? null : (updates.find((update) => update.service)?.service ?? null);
    const carrierUrl = shipment.carrierUrl ? null : (updates.find((update) => update.carrierUrl)?.carrierUrl ?? null);
    // A replay that changes nothing writes nothing.
    if (events || carrierEstimateChanged || service || carrierUrl) {
      writes.push({ id: shipment.id, ...folded, carrierEstimate: carrierEstimateChanged ? estimate : null, service, carrierUrl });
    }
    const addedEvents = (insertedBy.get(shipment.id) ?? [])
      .sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime())
      .map(({ status, detailCode, occurredAt }) => ({ status, detailCode, occurredAt }));
    result.changes.push({
      shipmentId: shipment.id,
      previousStatus: shipment.status,
      status: folded.status,
      eventsAdded: addedEvents.length,
      addedEvents,
      carrierEstimateChanged,
      now,
    });
  }
  await updateShipments(tx, writes, now);
  // Estimates and alerts read the shipments as just written: after the update, the whole batch at once.
  await afterChanges(tx, result.changes, now);
  return result;
}

const UNSCANNED: ShipmentProgress = { status: "INFO_RECEIVED", statusDetail: null, statusAt: null, lastEventAt: null, shippedAt: null, deliveredAt: null };

function progressOf(shipment: LockedShipment): ShipmentProgress {
  const { status, statusDetail, statusAt, lastEventAt, shippedAt, deliveredAt } = shipment;
  return { status, statusDetail, statusAt, lastEventAt, shippedAt, deliveredAt };
}

interface ShipmentWrite extends ShipmentProgress {
  id: string;
  /** Null: keep the stored one. */
  carrierEstimate: Date | null;
  service: string | null;
  carrierUrl: string | null;
}

const iso = (date: Date | null) => date?.toISOString() ?? null;

/** Every changed shipment of the batch in one UPDATE … FROM unnest(…): a dozen parameters however many rows. */
async function updateShipments(tx: Tx, writes: ShipmentWrite[], now: Date): Promise<void> {
  if (writes.length === 0) return;
  const column = <K extends keyof ShipmentWrite>(key: K) => writes.map((write) => write[key]);
  const times = (key: "statusAt" | "lastEventAt" | "shippedAt" | "deliveredAt" | "carrierEstimate") => writes.map((write) => iso(write[key]));
  await tx.$executeRaw`
    UPDATE "Shipment" AS s SET
      "status" = u."status"::"ShipmentStatus", "statusDetail" = u."statusDetail", "statusAt" = u."statusAt"::timestamp(3),
      "lastEventAt" = u."lastEventAt"::timestamp(3), "shippedAt" = u."shippedAt"::timestamp(3), "deliveredAt" = u."deliveredAt"::timestamp(3),
      "carrierEstimate" = COALESCE(u."carrierEstimate"::timestamp(3), s."carrierEstimate"),
      "service" = COALESCE(s."service", u."service"), "carrierUrl" = COALESCE(s."carrierUrl", u."carrierUrl"),
      "updatedAt" = ${now.toISOString()}::timestamp(3)
    FROM unnest(${column("id")}::text[], ${column("status")}::text[], ${column("statusDetail")}::text[], ${times("statusAt")}::text[],
      ${times("lastEventAt")}::text[], ${times("shippedAt")}::text[], ${times("deliveredAt")}::text[], ${times("carrierEstimate")}::text[],
      ${column("service")}::text[], ${column("carrierUrl")}::text[])
      AS u("id", "status", "statusDetail", "statusAt", "lastEventAt", "shippedAt", "deliveredAt", "carrierEstimate", "service", "carrierUrl")
    WHERE s."id" = u."id"`;
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
