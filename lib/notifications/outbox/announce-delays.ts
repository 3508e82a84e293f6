import { db } from "../../db";
import { announceDelays, loadTarget, notifyWorkers } from "../enqueue";

/**
 * Delays recorded outside an ingestion (a re-estimate on a timer, a stalled parcel) are announced by the
 * worker's sweep, in a short transaction of their own. Those recorded during an ingestion are usually
 * announced by the ingestion hook already; the row locks make sure only one of the two takes each.
 */
export async function announcePendingDelays(now: Date, options: { minAgeMs?: number; limit?: number } = {}): Promise<number> {
  const cutoff = new Date(now.getTime() - (options.minAgeMs ?? 2_000)).toISOString();
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string; shipmentId: string }[]>`
      SELECT "id", "shipmentId" FROM "Delay"
      WHERE "announcedAt" IS NULL AND "createdAt" <= (${cutoff}::timestamptz AT TIME ZONE 'UTC')
      ORDER BY "createdAt" LIMIT ${options.limit ?? 100}
      FOR UPDATE SKIP LOCKED`;
    const byShipment = new Map<string, string[]>();
    for (const row of rows) byShipment.set(row.shipmentId, [...(byShipment.get(row.shipmentId) ?? []), row.id]);
    let written = 0;
    for (const [shipmentId, ids] of byShipment) {
      written += await announceDelays(tx, await loadTarget(tx, shipmentId, now), ids, now);
    }
    if (written > 0) await notifyWorkers(tx);
    return rows.length;
  });
}
