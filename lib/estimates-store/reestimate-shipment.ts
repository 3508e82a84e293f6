/**
 * Re-estimates one shipment inside the caller's transaction: load its facts and the merchant's lane rows
 * for its chain (two reads), compute the window with lib/estimates, store it as the window shown, and
 * record a Delay when the new `latest` is later than the one the shopper had been shown (alerts announce
 * it). Three or four statements in all; no network I/O, so the transaction stays short.
 */
import type { Tx } from "../db";
import { Prisma } from "../generated/prisma/client";
import { detectDelay, detectPromiseSlip, estimateDelivery, type Delay, type Estimate, type EstimateOptions } from "../estimates";
import { estimateKeys, readEstimateState } from "./lane-store";
import { recordDelivery, type DeliveryLearned } from "./record-delivery";
import { dateColumn, loadShipmentFacts, policyOf, routeOf, shownWindowOf, stageOf, type ShipmentFacts } from "./shipment-facts";

export interface ReestimateOptions {
  /** The shipment has just become DELIVERED: teach the merchant's lane statistics (once per delivery). */
  countDelivery?: boolean;
  estimate?: Partial<EstimateOptions>;
}

export interface ReestimateResult {
  /** The new window, or null when the shipment needs none (delivered, returned, cancelled) or is gone. */
  estimate: Estimate | null;
  delay: Delay | null;
  learned: DeliveryLearned | null;
}

const NOTHING: ReestimateResult = { estimate: null, delay: null, learned: null };

/** Flags that describe the promise's history and stay meaningful once the parcel has arrived. */
const KEPT_ON_DELIVERY = new Set(["running_late"]);

export async function reestimateShipment(tx: Tx, shipmentId: string, now: Date, options: ReestimateOptions = {}): Promise<ReestimateResult> {
  const facts = await loadShipmentFacts(tx, shipmentId);
  if (!facts) return NOTHING;
  const learned = options.countDelivery && facts.status === "DELIVERED" ? await recordDelivery(tx, facts, now) : null;

  const stage = stageOf(facts);
  if (stage === null) {
    await closeEstimate(tx, facts, now);
    return { ...NOTHING, learned };
  }

  const route = routeOf(facts);
  const state = await readEstimateState(tx, facts.merchantId, estimateKeys(route));
  const shown = shownWindowOf(facts);
  const estimate = estimateDelivery(
    {
      stage,
      orderedAt: facts.placedAt,
      shippedAt: facts.shippedAt,
      lastScanAt: facts.lastEventAt,
      route,
      merchant: policyOf(facts),
      carrierEstimate: facts.carrierEstimate,
      lanes: state.lanes,
      carrierTrack: state.carrierTrack,
      calibration: state.calibration,
      previouslyShown: shown,
      promisedBy: facts.promisedBy,
    },
    now,
    options.estimate,
  );
  // At a pickup point the parcel has arrived; when it is collected is the shopper's call, not a slip.
  const alreadyRunningLate = (facts.etaFlag ?? "").split(",").includes("running_late");
  const delay =
    facts.status === "AVAILABLE_FOR_PICKUP"
      ? null
      : (detectDelay(shown, estimate) ?? detectPromiseSlip(shown, estimate, { alreadyRunningLate, alreadyWarned: facts.promiseWarned }));

  await tx.shipment.update({
    where: { id: facts.id },
    data: {
      etaEarliest: dateColumn(estimate.earliest),
      etaLatest: dateColumn(estimate.latest),
      etaConfidence: estimate.confidence,
      etaStage: estimate.stage,
      etaReason: estimate.reason,
      etaReasonFacts: estimate.reasonFacts ? (estimate.reasonFacts as object) : Prisma.DbNull,
      etaFlag: estimate.flags.length > 0 ? estimate.flags.join(",") : null,
      etaComputedAt: now,
      // The first window shown is the promise on-time is measured against; it never moves.
      ...(facts.promisedLatest ? {} : { promisedLatest: dateColumn(estimate.latest) }),
    },
    select: { id: true },
  });
  if (delay) {
    await tx.delay.create({
      data: {
        shipmentId: facts.id,
        previousEarliest: dateColumn(delay.previous.earliest),
        previousLatest: dateColumn(delay.previous.latest),
        newEarliest: dateColumn(delay.next.earliest),
        newLatest: dateColumn(delay.next.latest),
        reason: delay.reason,
        createdAt: now,
      },
      select: { id: true },
    });
  }
  return { estimate, delay, learned };
}

/**
 * No window to show any more. Delivered: the last window stays as the record of what was promised, but
 * live-state flags (stalled, exception) go. Returned or cancelled: there is no delivery to promise.
 */
async function closeEstimate(tx: Tx, facts: ShipmentFacts, now: Date): Promise<void> {
  if (facts.status === "DELIVERED") {
    const kept = (facts.etaFlag ?? "").split(",").filter((flag) => KEPT_ON_DELIVERY.has(flag));
    await tx.shipment.update({
      where: { id: facts.id },
      data: { etaFlag: kept.length > 0 ? kept.join(",") : null, etaComputedAt: now },
      select: { id: true },
    });
    return;
  }
  if (facts.status === "RETURNED_TO_SENDER" || facts.status === "CANCELLED") {
    await tx.shipment.update({
      where: { id: facts.id },
      data: {
        etaEarliest: null, etaLatest: null, etaConfidence: null, etaStage: null, etaReason: null, etaReasonFacts: Prisma.DbNull, etaFlag: null,
        etaComputedAt: now,
      },
      select: { id: true },
    });
  }
}
