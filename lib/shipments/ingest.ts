import { db, type Tx } from "../db";
import { normalizeCarrierCode } from "../carriers/carrier-code";
import type { NormalizedUpdate } from "../carriers/types";
import { isUniqueViolation } from "../errors";
import { afterIngest, type ShipmentChange } from "./after-ingest";
import { dedupeKey } from "./dedupe-key";
import { lockShipment } from "./find-or-create-shipment";
import { foldEvents } from "./fold-events";

export interface IngestContext {
  merchantId: string;
  /** Where the events came from: a provider name, "api" or "seed". */
  source: string;
  deliveryId: string | null;
  now: Date;
  /** Runs inside the transaction after the updates, so a bookkeeping write commits (or not) with them. */
  beforeCommit?: (tx: Tx, result: IngestResult) => Promise<void>;
}

export interface IngestResult {
  /** Tracking numbers nobody at this merchant knows (and whose payload named no order). */
  unmatched: string[];
  eventsAdded: number;
  changes: ShipmentChange[];
}

/**
 * Applies normalized updates in one transaction: append only new events, move status forward only,
 * then hand over to afterIngest (estimates, alerts). Two deliveries for the same shipment serialise on
 * the shipment row, so neither loses the other's events or status.
 */
export async function ingestUpdates(updates: NormalizedUpdate[], context: IngestContext): Promise<IngestResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.$transaction(
        async (tx) => {
          const result: IngestResult = { unmatched: [], eventsAdded: 0, changes: [] };
          for (const update of updates) {
            const change = await ingestOne(tx, update, context);
            if (!change) result.unmatched.push(update.trackingNumber);
            else {
              result.eventsAdded += change.eventsAdded;
              result.changes.push(change);
            }
          }
          await context.beforeCommit?.(tx, result);
          return result;
        },
        { maxWait: 10_000, timeout: 20_000 },
      );
    } catch (error) {
      // Two first deliveries for a tracker nobody registered race to create it: the loser retries and finds it.
      if (attempt < 3 && isUniqueViolation(error)) continue;
      throw error;
    }
  }
}

async function ingestOne(tx: Tx, update: NormalizedUpdate, context: IngestContext): Promise<ShipmentChange | null> {
  const carrier = normalizeCarrierCode(update.carrier);
  const shipment = await lockShipment(tx, context.merchantId, carrier, update);
  if (!shipment) return null;
  const shipmentId = shipment.id;

  const { count: eventsAdded } = await tx.trackingEvent.createMany({
    data: update.events.map((event) => ({
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
      dedupeKey: dedupeKey(context.source, carrier, shipment.trackingNumber, event),
      source: context.source,
      deliveryId: context.deliveryId,
    })),
    skipDuplicates: true,
  });

  const folded = foldEvents(shipment, update.events);
  const carrierEstimateChanged =
    update.carrierEstimate !== null && update.carrierEstimate.getTime() !== shipment.carrierEstimate?.getTime();

  await tx.shipment.update({
    where: { id: shipmentId },
    data: {
      ...folded,
      ...(carrierEstimateChanged ? { carrierEstimate: update.carrierEstimate } : {}),
      ...(shipment.service ? {} : { service: update.service }),
      ...(shipment.carrierUrl ? {} : { carrierUrl: update.carrierUrl }),
    },
  });

  const change: ShipmentChange = {
    shipmentId,
    previousStatus: shipment.status,
    status: folded.status,
    eventsAdded,
    carrierEstimateChanged,
    now: context.now,
  };
  await afterIngest(tx, change);
  return change;
}
