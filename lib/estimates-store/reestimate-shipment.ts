/**
 * Re-estimates one shipment inside the caller's transaction: load its facts and the merchant's lane rows
 * for its chain (two reads) and its current curves (current-curves-store.ts, usually cached), compute the window with lib/estimates, store it as the window shown, and
 * record a Delay when the new `latest` is later than the one the shopper had been shown (alerts announce
 * it). Used where shipments come one at a time (the API, the overdue sweep); processing batches go
 * through reestimateChanged, which runs the same plan for many shipments at once.
 */
import type { Tx } from "../db";
import type { Delay, Estimate, EstimateOptions } from "../estimates";
import { currentInput } from "../estimates/current-curves-replay";
import { loadCurrentCurves } from "./current-curves-store";
import { estimateKeys, noEstimateState, readEstimateState } from "./lane-store";
import { planReestimate, writeReestimates } from "./estimate-writes";
import { recordDelivery, type DeliveryLearned } from "./record-delivery";
import { loadShipmentFacts, routeOf, stageOf } from "./shipment-facts";

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

export async function reestimateShipment(tx: Tx, shipmentId: string, now: Date, options: ReestimateOptions = {}): Promise<ReestimateResult> {
  const facts = await loadShipmentFacts(tx, shipmentId);
  if (!facts) return NOTHING;
  const learned = options.countDelivery && facts.status === "DELIVERED" ? await recordDelivery(tx, facts, now) : null;
  // A shipment with no window to show (delivered, returned, cancelled) reads no lane rows.
  const state = stageOf(facts) === null ? noEstimateState() : await readEstimateState(tx, facts.merchantId, estimateKeys(routeOf(facts)));
  if (stageOf(facts) !== null) state.current = currentInput(await loadCurrentCurves(tx, facts, now), state.lanes);
  const plan = planReestimate(facts, state, now, options.estimate);
  await writeReestimates(tx, plan.write ? [plan.write] : [], plan.delay ? [{ shipmentId: facts.id, delay: plan.delay }] : [], now);
  return { estimate: plan.estimate, delay: plan.delay, learned };
}
