/**
 * One re-estimate as data, then written: `planReestimate` decides, without the database, what a
 * shipment's stored window becomes and whether a Delay is recorded; `writeReestimates` stores any number
 * of those plans in two statements (one UPDATE … FROM unnest for the shipments, one INSERT … SELECT FROM
 * unnest for the delays), so a processing batch costs the same round trips as one shipment.
 */
import { randomUUID } from "node:crypto";
import type { Tx } from "../db";
import { detectDelay, detectPromiseSlip, estimateDelivery, type Delay, type Estimate, type EstimateOptions } from "../estimates";
import type { EstimateState } from "./lane-store";
import { policyOf, routeOf, shownWindowOf, stageOf, type ShipmentFacts } from "./shipment-facts";

/** Flags that describe the promise's history and stay meaningful once the parcel has arrived. */
const KEPT_ON_DELIVERY = new Set(["running_late"]);

/**
 * What is written to the shipment's window columns. `estimate`: a new window (and the promise, if none
 * was made yet). `delivered`: the last window stays as the record of what was promised, but live-state
 * flags (stalled, exception) go. `cleared`: returned or cancelled, there is no delivery to promise.
 */
export type WindowWrite =
  | { kind: "estimate"; shipmentId: string; estimate: Estimate; setPromise: boolean }
  | { kind: "delivered"; shipmentId: string; etaFlag: string | null }
  | { kind: "cleared"; shipmentId: string };

export interface ReestimatePlan {
  estimate: Estimate | null;
  delay: Delay | null;
  write: WindowWrite | null;
}

/** The window a shipment gets from its facts and its merchant's estimate state (lane rows for its route). */
export function planReestimate(facts: ShipmentFacts, state: EstimateState, now: Date, options?: Partial<EstimateOptions>): ReestimatePlan {
  const stage = stageOf(facts);
  if (stage === null) return { estimate: null, delay: null, write: closingWrite(facts) };
  const shown = shownWindowOf(facts);
  const estimate = estimateDelivery(
    {
      stage,
      orderedAt: facts.placedAt,
      shippedAt: facts.shippedAt,
      lastScanAt: facts.lastEventAt,
      route: routeOf(facts),
      merchant: policyOf(facts),
      carrierEstimate: facts.carrierEstimate,
      lanes: state.lanes,
      carrierTrack: state.carrierTrack,
      calibration: state.calibration,
      previouslyShown: shown,
      promisedBy: facts.promisedBy,
      current: state.current ?? null,
    },
    now,
    options,
  );
  // At a pickup point the parcel has arrived; when it is collected is the shopper's call, not a slip.
  const alreadyRunningLate = (facts.etaFlag ?? "").split(",").includes("running_late");
  const delay =
    facts.status === "AVAILABLE_FOR_PICKUP"
      ? null
      : (detectDelay(shown, estimate) ?? detectPromiseSlip(shown, estimate, { alreadyRunningLate, alreadyWarned: facts.promiseWarned }));
  // The first window shown is the promise on-time is measured against; it never moves.
  return { estimate, delay, write: { kind: "estimate", shipmentId: facts.id, estimate, setPromise: facts.promisedLatest === null } };
}

function closingWrite(facts: ShipmentFacts): WindowWrite | null {
  if (facts.status === "DELIVERED") {
    const kept = (facts.etaFlag ?? "").split(",").filter((flag) => KEPT_ON_DELIVERY.has(flag));
    return { kind: "delivered", shipmentId: facts.id, etaFlag: kept.length > 0 ? kept.join(",") : null };
  }
  if (facts.status === "RETURNED_TO_SENDER" || facts.status === "CANCELLED") return { kind: "cleared", shipmentId: facts.id };
  return null;
}

/** Every window write and Delay of a batch: at most two statements, a fixed number of parameters whatever the size. */
export async function writeReestimates(
  tx: Tx,
  writes: readonly WindowWrite[],
  delays: readonly { shipmentId: string; delay: Delay }[],
  now: Date,
): Promise<void> {
  const stamp = now.toISOString();
  if (writes.length > 0) {
    const estimateOf = (write: WindowWrite) => (write.kind === "estimate" ? write.estimate : null);
    const flagOf = (write: WindowWrite) => {
      if (write.kind === "delivered") return write.etaFlag;
      const estimate = estimateOf(write);
      return estimate && estimate.flags.length > 0 ? estimate.flags.join(",") : null;
    };
    // A "delivered" row keeps its window (the record of what was promised); the others set every column.
    await tx.$executeRaw`
      UPDATE "Shipment" AS s SET
        "etaEarliest" = CASE WHEN u."kind" = 'delivered' THEN s."etaEarliest" ELSE u."earliest"::date END,
        "etaLatest" = CASE WHEN u."kind" = 'delivered' THEN s."etaLatest" ELSE u."latest"::date END,
        "etaConfidence" = CASE WHEN u."kind" = 'delivered' THEN s."etaConfidence" ELSE u."confidence" END,
        "etaStage" = CASE WHEN u."kind" = 'delivered' THEN s."etaStage" ELSE u."stage" END,
        "etaReason" = CASE WHEN u."kind" = 'delivered' THEN s."etaReason" ELSE u."reason" END,
        "etaReasonFacts" = CASE WHEN u."kind" = 'delivered' THEN s."etaReasonFacts" ELSE u."reasonFacts"::jsonb END,
        "etaFlag" = u."flag",
        "etaComputedAt" = ${stamp}::timestamp(3),
        "promisedLatest" = CASE WHEN u."setPromise" AND s."promisedLatest" IS NULL THEN u."latest"::date ELSE s."promisedLatest" END,
        "updatedAt" = ${stamp}::timestamp(3)
      FROM unnest(${writes.map((write) => write.shipmentId)}::text[], ${writes.map((write) => write.kind)}::text[],
        ${writes.map((write) => estimateOf(write)?.earliest ?? null)}::text[], ${writes.map((write) => estimateOf(write)?.latest ?? null)}::text[],
        ${writes.map((write) => estimateOf(write)?.confidence ?? null)}::float8[], ${writes.map((write) => estimateOf(write)?.stage ?? null)}::text[],
        ${writes.map((write) => estimateOf(write)?.reason ?? null)}::text[],
        ${writes.map((write) => { const facts = estimateOf(write)?.reasonFacts; return facts ? JSON.stringify(facts) : null; })}::text[],
        ${writes.map(flagOf)}::text[], ${writes.map((write) => write.kind === "estimate" && write.setPromise)}::boolean[])
        AS u("id", "kind", "earliest", "latest", "confidence", "stage", "reason", "reasonFacts", "flag", "setPromise")
      WHERE s."id" = u."id"`;
  }
  if (delays.length > 0) {
    await tx.$executeRaw`
      INSERT INTO "Delay" ("id", "shipmentId", "previousEarliest", "previousLatest", "newEarliest", "newLatest", "reason", "createdAt")
      SELECT u."id", u."shipmentId", u."previousEarliest"::date, u."previousLatest"::date, u."newEarliest"::date, u."newLatest"::date,
        u."reason", ${stamp}::timestamp(3)
      FROM unnest(${delays.map(() => randomUUID())}::text[], ${delays.map((row) => row.shipmentId)}::text[],
        ${delays.map((row) => row.delay.previous.earliest)}::text[], ${delays.map((row) => row.delay.previous.latest)}::text[],
        ${delays.map((row) => row.delay.next.earliest)}::text[], ${delays.map((row) => row.delay.next.latest)}::text[],
        ${delays.map((row) => row.delay.reason)}::text[])
        AS u("id", "shipmentId", "previousEarliest", "previousLatest", "newEarliest", "newLatest", "reason")`;
  }
}
