import { db, type Tx } from "../db";
import { Prisma } from "../generated/prisma/client";
import { isUniqueViolation } from "../errors";
import { logger } from "../logger";
import { asUtc } from "../shipments/insert-events";
import { isDatabaseUnavailable } from "./database-unavailable";
import { processDeliveries, recordFailure, type StoredDelivery } from "./process-delivery";

/**
 * Deliveries claimed per transaction. Every statement is set-based, so this bounds time held, not
 * parameters. 250 rather than 100: a batch's dozen round trips and its per-merchant reads are paid per
 * batch, and draining the bench:ingest backlog cost 15–20% less worker CPU and ~12% less PostgreSQL CPU
 * per event (bench:ingest-profile, two alternating pairs, 2026-12-07). A transaction then holds its
 * shipments for ~0.1–0.2 s, which a second worker skips rather than waits for (skipBusy).
 */
export const DEFAULT_BATCH_SIZE = 250;
/** Pause before claiming again when a whole batch was deferred (every shipment in it held by another worker). */
export const DEFER_PAUSE_MS = 20;

export interface ProcessStats {
  /** Transactions that committed a batch. */
  batches: number;
  deliveries: number;
  eventsAdded: number;
  /** Deliveries marked FAILED by processing (poison, or a bug), each isolated from its batch. */
  failed: number;
  /** Deliveries left pending because another worker held one of their shipments (taken by a later batch). */
  deferred: number;
}

type Claimed = StoredDelivery & { receivedAt: Date };

/**
 * Claims pending deliveries oldest first (FOR UPDATE SKIP LOCKED: concurrent workers on PostgreSQL take
 * disjoint batches) and processes each batch in one transaction. A batch that fails is retried one
 * delivery per transaction, so a poison delivery is marked FAILED with its reason and the rest go
 * through. Returns when nothing is pending (or `maxBatches` were done). Throws only when the database
 * is unreachable: the rows stay pending and the caller tries again later.
 */
export async function processPendingDeliveries(options: { now?: () => Date; batchSize?: number; maxBatches?: number } = {}): Promise<ProcessStats> {
  const now = options.now ?? (() => new Date());
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const stats: ProcessStats = { batches: 0, deliveries: 0, eventsAdded: 0, failed: 0, deferred: 0 };
  for (let batch = 0; batch < (options.maxBatches ?? Number.POSITIVE_INFINITY); batch++) {
    const deferredBefore = stats.deferred;
    const claimed = await processBatch(batchSize, now, stats);
    const deferred = stats.deferred - deferredBefore;
    if (claimed < batchSize && deferred === 0) break;
    // Only deliveries another worker is busy with: give its batch a moment to commit before claiming them again.
    if (deferred > 0 && deferred === claimed) await new Promise((resolve) => setTimeout(resolve, DEFER_PAUSE_MS));
  }
  return stats;
}

async function processBatch(limit: number, now: () => Date, stats: ProcessStats): Promise<number> {
  let ids: string[] = [];
  try {
    const done = await inTransaction(async (tx) => {
      const claimed = await claim(tx, limit);
      ids = claimed.map((delivery) => delivery.id);
      // Concurrent workers do not queue behind each other's shipment locks: a delivery whose shipment is
      // held waits for a later batch instead (status is a function of the set of events, so order is free).
      return claimed.length === 0 ? [] : processDeliveries(tx, claimed, now(), { skipBusy: true });
    });
    count(stats, done);
    return ids.length;
  } catch (error) {
    if (isDatabaseUnavailable(error) || ids.length === 0) throw error;
    logger.warn({ deliveries: ids.length, err: error instanceof Error ? error.message : String(error) }, "batch failed; isolating its deliveries");
    for (const id of ids) await processAlone(id, now, stats);
    return ids.length;
  }
}

/** One delivery in a transaction of its own; a unique race (two workers creating one tracker) is retried once. */
async function processAlone(id: string, now: () => Date, stats: ProcessStats): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      count(stats, await inTransaction(async (tx) => {
        const claimed = await claim(tx, 1, id);
        return claimed.length === 0 ? [] : processDeliveries(tx, claimed, now());
      }));
      return;
    } catch (error) {
      if (isDatabaseUnavailable(error)) throw error;
      if (attempt < 3 && isUniqueViolation(error)) continue;
      await recordFailure([id], error, now());
      stats.failed++;
      return;
    }
  }
}

function inTransaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.$transaction(work, { maxWait: 10_000, timeout: 60_000 });
}

/**
 * Shop deliveries are processed in their request (lib/shops/process-shop-delivery.ts); a stuck RECEIVED one is the outbox worker's shop sweep's (lib/shops/sweep-stuck-shop-deliveries.ts).
 *
 * Ordered by "receivedAt" alone, the order "WebhookDelivery_outcome_receivedAt_idx" keeps: the planner
 * walks the index and stops after `limit` rows. An "id" tie-break is not in that index, so with it
 * PostgreSQL read and sorted the whole backlog on every claim (EXPLAIN ANALYZE, 7,500 pending: seq scan
 * and sort 25 ms vs index scan 0.15 ms). Which of two deliveries stored in the same millisecond goes
 * first does not matter: a shipment's status is a function of the set of its events.
 * Exported for the plan test (tests/integration/webhooks/claim-plan.test.ts).
 */
export function claimQuery(limit: number, id?: string): Prisma.Sql {
  return Prisma.sql`
    SELECT "id", "merchantId", "provider"::text AS "provider", "body", "receivedAt" FROM "WebhookDelivery"
    WHERE "outcome" = 'RECEIVED' AND "provider" NOT IN ('shopify', 'woocommerce') ${id ? Prisma.sql`AND "id" = ${id}` : Prisma.empty}
    ORDER BY "receivedAt" LIMIT ${limit} FOR UPDATE SKIP LOCKED`;
}

async function claim(tx: Tx, limit: number, id?: string): Promise<Claimed[]> {
  const rows = await tx.$queryRaw<(Omit<Claimed, "receivedAt"> & { receivedAt: Date | string })[]>(claimQuery(limit, id));
  return rows.map((row) => ({ ...row, receivedAt: asUtc(row.receivedAt) }));
}

function count(stats: ProcessStats, done: Awaited<ReturnType<typeof processDeliveries>>) {
  if (done.length === 0) return;
  stats.batches++;
  for (const { outcome } of done) {
    if (outcome.kind === "deferred") stats.deferred++;
    else stats.deliveries++;
    if (outcome.kind === "processed") stats.eventsAdded += outcome.eventsAdded;
  }
}

/** Age in milliseconds of the oldest delivery waiting to be processed (0 when none): the processing lag. */
export async function processingLag(now: Date): Promise<{ pending: number; lagMs: number }> {
  const [row] = await db.$queryRaw<{ pending: bigint | number; oldest: Date | null }[]>`
    SELECT count(*) AS "pending", min("receivedAt") AS "oldest" FROM "WebhookDelivery" WHERE "outcome" = 'RECEIVED'`;
  const oldest = row?.oldest ?? null;
  return { pending: Number(row?.pending ?? 0), lagMs: oldest ? Math.max(0, now.getTime() - new Date(oldest).getTime()) : 0 };
}
