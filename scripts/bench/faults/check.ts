/**
 * What a fault scenario must end with, read from the database: every scan that was acknowledged is stored
 * once (0 lost, 0 duplicated, nothing that was never sent), every acknowledged delivery id is a stored row,
 * and every stored delivery — acknowledged or not (a reply lost in a crash) — was processed exactly once.
 */
import { performance } from "node:perf_hooks";
import { db } from "../../../lib/db";
import type { Delivery } from "./sender";

export interface Outcome {
  acknowledgedDeliveries: number;
  storedDeliveries: number;
  /** Stored though the sender never saw a 202 for that row (the reply died with the app): processed all the same. */
  storedButNotAcknowledged: number;
  acknowledgedButNotStored: number;
  pending: number;
  /** Stored deliveries not settled by exactly one committed processing attempt. */
  notProcessedExactlyOnce: number;
  eventsExpected: number;
  eventsStored: number;
  lost: number;
  duplicated: number;
  unexpected: number;
}

export async function waitUntilProcessed(merchantId: string, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while ((await db.webhookDelivery.count({ where: { merchantId, outcome: "RECEIVED" } })) > 0) {
    if (performance.now() > deadline) throw new Error(`deliveries still pending ${timeoutMs / 1000} s after the load`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export async function checkOutcome(merchantId: string, deliveries: Delivery[], acknowledged: Map<Delivery, string>): Promise<Outcome> {
  const key = (trackingNumber: string, description: string) => `${trackingNumber}|${description}`;
  const expected = new Set(deliveries.filter((delivery) => acknowledged.has(delivery)).map((d) => key(d.trackingNumber, d.description)));
  const events = await db.trackingEvent.findMany({
    where: { shipment: { merchantId } },
    select: { description: true, shipment: { select: { trackingNumber: true } } },
  });
  const stored = events.map((event) => key(event.shipment.trackingNumber, event.description));
  const storedSet = new Set(stored);
  const rows = await db.webhookDelivery.findMany({ where: { merchantId }, select: { id: true, outcome: true, attempts: true } });
  const ids = new Set(rows.map((row) => row.id));
  const acknowledgedIds = new Set(acknowledged.values());
  return {
    acknowledgedDeliveries: acknowledged.size,
    storedDeliveries: rows.length,
    storedButNotAcknowledged: rows.filter((row) => !acknowledgedIds.has(row.id)).length,
    acknowledgedButNotStored: [...acknowledgedIds].filter((id) => !ids.has(id)).length,
    pending: rows.filter((row) => row.outcome === "RECEIVED").length,
    notProcessedExactlyOnce: rows.filter((row) => row.outcome !== "PROCESSED" || row.attempts !== 1).length,
    eventsExpected: expected.size,
    eventsStored: stored.length,
    lost: [...expected].filter((k) => !storedSet.has(k)).length,
    duplicated: stored.length - storedSet.size,
    unexpected: [...storedSet].filter((k) => !expected.has(k)).length,
  };
}

/** True when the outcome is the one every scenario must reach. */
export function isClean(outcome: Outcome, sent: number): boolean {
  return (
    outcome.acknowledgedDeliveries === sent && outcome.acknowledgedButNotStored === 0 && outcome.pending === 0 &&
    outcome.notProcessedExactlyOnce === 0 && outcome.eventsStored === sent && outcome.lost === 0 && outcome.duplicated === 0 && outcome.unexpected === 0
  );
}
