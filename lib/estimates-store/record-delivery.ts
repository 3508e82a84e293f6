/**
 * What a delivery teaches, applied incrementally in the ingestion transaction: the lane rows of its
 * fall-back chain (laneUpdates: at most five rows), the carrier's track record when the carrier had
 * given a date, and the promise calibration when a promise was made before hand-off. Nothing is
 * rescanned: each row is read (locked), updated by one delivery and written back.
 */
import type { Tx } from "../db";
import {
  addCarrierOutcome,
  applyDelivery,
  defaultCalibration,
  emptyCarrierTrack,
  emptyLaneStats,
  laneUpdates,
  recordPromiseOutcome,
  toLocalDate,
  type CompletedDelivery,
} from "../estimates";
import { CALIBRATION_KEY, CARRIER_TRACK_KEY, deliveryKeys, lockEstimateState, writeEstimateRows } from "./lane-store";
import { completedDeliveryOf, destinationZone, type ShipmentFacts } from "./shipment-facts";

export interface DeliveryLearned {
  /** Lane keys whose rows changed. */
  laneKeys: string[];
  carrierTrack: boolean;
  calibration: boolean;
}

/** Updates the merchant's estimate state for one delivered shipment (call once, when it becomes DELIVERED). */
export async function recordDelivery(tx: Tx, facts: ShipmentFacts, now: Date): Promise<DeliveryLearned | null> {
  const deliveredAt = facts.deliveredAt;
  if (!deliveredAt) return null;
  const events = await tx.trackingEvent.findMany({ where: { shipmentId: facts.id }, select: { occurredAt: true } });
  const delivery = completedDeliveryOf(facts, deliveredAt, events.map((event) => event.occurredAt));

  const zone = destinationZone(facts);
  const carrierOutcome = facts.carrierEstimate && facts.carrier ? facts.carrierEstimate : null;
  // A promise counts toward calibration only if it was made before hand-off (the purchase promise).
  const promiseKnown = facts.promisedLatest !== null && (facts.shippedAt === null || facts.createdAt <= facts.shippedAt);
  const keys = deliveryKeys(delivery, emptyLaneStats().settings);
  const extra = [...(carrierOutcome ? [CARRIER_TRACK_KEY] : []), ...(promiseKnown ? [CALIBRATION_KEY] : [])];

  const state = await lockEstimateState(tx, facts.merchantId, [...keys, ...extra], now);
  const rows: Record<string, unknown> = { ...laneUpdates(state.lanes, delivery) };
  if (carrierOutcome) {
    rows[CARRIER_TRACK_KEY] = addCarrierOutcome(state.carrierTrack ?? emptyCarrierTrack(), {
      carrier: facts.carrier,
      service: facts.service,
      carrierEstimate: carrierOutcome,
      deliveredAt,
      destination: delivery.route.destination,
    });
  }
  if (promiseKnown) {
    const onTime = toLocalDate(deliveredAt, zone) <= facts.promisedLatest!;
    rows[CALIBRATION_KEY] = recordPromiseOutcome(state.calibration ?? defaultCalibration(), onTime);
  }
  await writeEstimateRows(tx, facts.merchantId, rows, now);
  return { laneKeys: keys, carrierTrack: carrierOutcome !== null, calibration: promiseKnown };
}

/**
 * Many past deliveries at once (imports, the demo's history): the rows they touch are locked once,
 * folded in memory in any order (the weighting does not depend on it) and written once.
 */
export async function recordDeliveryHistory(tx: Tx, merchantId: string, deliveries: readonly CompletedDelivery[], now: Date): Promise<number> {
  if (deliveries.length === 0) return 0;
  const settings = emptyLaneStats().settings;
  const keys = [...new Set(deliveries.flatMap((delivery) => deliveryKeys(delivery, settings)))];
  const state = await lockEstimateState(tx, merchantId, keys, now);
  for (const delivery of deliveries) applyDelivery(state.lanes, delivery);
  const rows: Record<string, unknown> = {};
  for (const key of keys) if (state.lanes.lanes[key]) rows[key] = state.lanes.lanes[key];
  await writeEstimateRows(tx, merchantId, rows, now);
  return keys.length;
}
