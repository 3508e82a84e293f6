import { db } from "../../db";
import { enqueueFromSnapshot, notifyWorkers, takeSnapshot } from "../enqueue";

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
    let written = 0;
    for (const shipmentId of new Set(rows.map((row) => row.shipmentId))) {
      // The snapshot takes this shipment's unannounced delays (already locked by this transaction).
      const snapshot = await takeSnapshot(tx, shipmentId, now);
      if (snapshot) written += await enqueueFromSnapshot(tx, snapshot, null, now);
    }
    if (written > 0) await notifyWorkers(tx);
    return rows.length;
  });
}
