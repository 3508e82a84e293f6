/**
 * The ingestion pipeline, in the order data flows (docs/webhooks.md):
 *
 *   accept   lib/webhooks/receive-webhook.ts   verify (cached secrets) → parse, no database → store pending (group commit) → 202
 *   claim    lib/webhooks/process-pending.ts   pending deliveries, FOR UPDATE SKIP LOCKED, one transaction per batch
 *   events   lib/shipments/ingest.ts           lock shipments → append new events (unnest) → fold status from the event set
 *   estimate lib/estimates-store               re-estimate changed shipments, record delays
 *   alerts   lib/notifications/enqueue.ts      outbox rows for subscribers, announce delays
 *
 * Imports run one way: this folder calls shipments, estimates-store and notifications; none of them
 * calls back (they share only the ShipmentChange type, a leaf module).
 */
import { db, type Tx } from "../db";
import { isUniqueViolation } from "../errors";
import { applyBatch, type IngestItem, type IngestResult } from "../shipments/ingest";
import type { NormalizedUpdate } from "../carriers/types";
import { afterIngest } from "./after-ingest";

/**
 * The shipments step followed by estimates and alerts, all in the caller's transaction. `skipBusy`: a
 * delivery whose shipment another worker holds is deferred (left pending) rather than waited for.
 */
export function ingestInTransaction(tx: Tx, items: IngestItem[], now: Date, options: { skipBusy?: boolean } = {}): Promise<IngestResult> {
  return applyBatch(tx, items, now, afterIngest, options);
}

/**
 * Applies many updates in one short transaction of its own (the seed, the API, tests). `beforeCommit`
 * writes bookkeeping that must commit with the events.
 */
export async function ingestBatch(
  items: IngestItem[],
  now: Date,
  beforeCommit?: (tx: Tx, result: IngestResult) => Promise<void>,
): Promise<IngestResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.$transaction(
        async (tx) => {
          const result = await ingestInTransaction(tx, items, now);
          await beforeCommit?.(tx, result);
          return result;
        },
        { maxWait: 10_000, timeout: 30_000 },
      );
    } catch (error) {
      // Two first deliveries for a tracker nobody registered race to create it: the loser retries and finds it.
      if (attempt < 3 && isUniqueViolation(error)) continue;
      throw error;
    }
  }
}

/** One source's updates for one merchant: the seed, the API, a test. */
export function ingestUpdates(updates: NormalizedUpdate[], context: Omit<IngestItem, "update"> & { now: Date }) {
  const { now, ...item } = context;
  return ingestBatch(updates.map((update) => ({ ...item, update })), now);
}

export type { IngestItem, IngestResult };
