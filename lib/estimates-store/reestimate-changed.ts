/**
 * The estimate step of processing, for a whole batch inside its transaction (lib/webhooks/after-ingest.ts):
 * the facts of every changed shipment in one query, the merchant's lane rows once per merchant (not per
 * shipment), the windows computed in memory, and all of them stored with the batch's Delay rows in two
 * statements. Runs before alerts are enqueued, so the delays it records are announced in the same
 * transaction.
 */
import type { Tx } from "../db";
import type { Delay } from "../estimates";
import type { ShipmentChange } from "../shipments/shipment-change";
import { planReestimate, writeReestimates, type WindowWrite } from "./estimate-writes";
import { estimateKeys, noEstimateState, readEstimateState, type EstimateState } from "./lane-store";
import { currentInput } from "../estimates/current-curves-replay";
import { loadCurrentCurves } from "./current-curves-store";
import { recordDelivery } from "./record-delivery";
import { loadShipmentFactsMany, routeOf, stageOf, type ShipmentFacts } from "./shipment-facts";

/** Whether a change can move the window: a replay that teaches nothing new is left alone (the overdue sweep keeps windows from going stale). */
const needsEstimate = (change: ShipmentChange) => change.eventsAdded > 0 || change.carrierEstimateChanged || change.previousStatus !== change.status;

export async function reestimateChanged(tx: Tx, changes: readonly ShipmentChange[], now: Date): Promise<{ delays: number }> {
  const changed = changes.filter(needsEstimate);
  if (changed.length === 0) return { delays: 0 };
  const byId = new Map((await loadShipmentFactsMany(tx, changed.map((change) => change.shipmentId))).map((facts) => [facts.id, facts]));
  // In the batch's order (merchants sorted: lib/shipments/ingest.ts), so lane rows are locked in one order.
  const facts = changed.map((change) => byId.get(change.shipmentId)).filter((row): row is ShipmentFacts => row !== undefined);

  // Deliveries teach the lane statistics first, so the batch's estimates read them as every later one will.
  // Status only moves forward and DELIVERED is terminal, so this holds once per shipment.
  for (const change of changed) {
    const row = byId.get(change.shipmentId);
    if (row && change.status === "DELIVERED" && change.previousStatus !== "DELIVERED" && row.status === "DELIVERED") await recordDelivery(tx, row, now);
  }

  const states = await statesByMerchant(tx, facts.filter((row) => stageOf(row) !== null), now);
  const writes: WindowWrite[] = [];
  const delays: { shipmentId: string; delay: Delay }[] = [];
  for (const row of facts) {
    const plan = planReestimate(row, states.get(row.merchantId) ?? noEstimateState(), now);
    if (plan.write) writes.push(plan.write);
    if (plan.delay) delays.push({ shipmentId: row.id, delay: plan.delay });
  }
  await writeReestimates(tx, writes, delays, now);
  return { delays: delays.length };
}

/**
 * Each merchant's lane rows for every route its shipments in the batch take, and its current curves:
 * one read each per merchant (the curves usually from the per-process cache), never per shipment.
 */
async function statesByMerchant(tx: Tx, facts: readonly ShipmentFacts[], now: Date): Promise<Map<string, EstimateState>> {
  const keys = new Map<string, { merchant: ShipmentFacts; set: Set<string> }>();
  for (const row of facts) {
    const entry = keys.get(row.merchantId) ?? { merchant: row, set: new Set<string>() };
    for (const key of estimateKeys(routeOf(row))) entry.set.add(key);
    keys.set(row.merchantId, entry);
  }
  const states = new Map<string, EstimateState>();
  for (const [merchantId, { merchant, set }] of keys) {
    const state = await readEstimateState(tx, merchantId, [...set]);
    state.current = currentInput(await loadCurrentCurves(tx, merchant, now), state.lanes);
    states.set(merchantId, state);
  }
  return states;
}
