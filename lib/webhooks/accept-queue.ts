import { acceptBreaker, AcceptUnavailable, type AcceptBreaker } from "./accept-breaker";
import { isDatabaseUnavailable } from "./database-unavailable";
import { INGEST_NOTIFY_CHANNEL, insertDeliveries, type DeliveryRow } from "./insert-deliveries";

export { AcceptUnavailable, INGEST_NOTIFY_CHANNEL, type DeliveryRow };

/** Rows written in one INSERT at most. */
const MAX_BATCH = 256;
/**
 * INSERTs in flight at once per process. One keeps batches largest: `npm run bench:accept-in-flight`
 * (16 concurrent stores, A-B-B-A) measured 1,977–2,529 rows/s with one against 1,610–2,031 with two,
 * p50 4.5–5.5 ms against 7.3–8.3 ms — far above what the HTTP side delivers, so the INSERT is not what
 * keeps accept below the no-op route.
 */
export const MAX_IN_FLIGHT = 1;
/** Requests waiting for their row to be written, per process; past it, 503 (the backlog belongs in the table). */
export const MAX_WAITING = 2_000;

interface Waiting {
  row: DeliveryRow;
  resolve(id: string): void;
  reject(error: unknown): void;
}

/**
 * Group commit for the accept path: rows from requests that arrive while a batch is being written wait
 * and go into the next INSERT together, so a burst costs one round trip per batch, not per request, and
 * every request is still answered only once its own row is committed (durable). At most MAX_IN_FLIGHT
 * INSERTs at once per process; bounded: past MAX_WAITING the request is refused with 503 instead of
 * queueing in memory. While the accept path's breaker is open (accept-breaker.ts) nothing is queued, and
 * the moment it opens every row still waiting is refused, and so is the batch whose INSERT is in flight.
 */
export class AcceptQueue {
  constructor(
    private readonly maxInFlight = MAX_IN_FLIGHT,
    private readonly breaker: AcceptBreaker = acceptBreaker(),
  ) {
    breaker.whenOpened(() => this.refuseWaiting());
  }

  private waiting: Waiting[] = [];
  private inFlight = 0;

  /** Whether a request should be refused right now without trying (the database is known down). */
  get refusing(): boolean {
    return this.breaker.open;
  }

  store(row: DeliveryRow): Promise<string> {
    if (this.refusing) return Promise.reject(new AcceptUnavailable("database"));
    if (this.waiting.length >= MAX_WAITING) return Promise.reject(new AcceptUnavailable("busy"));
    return new Promise((resolve, reject) => {
      this.waiting.push({ row, resolve, reject });
      this.pump();
    });
  }

  /** The breaker opened: rows not yet sent would fail the same way, so they are answered now. */
  private refuseWaiting(): void {
    for (const entry of this.waiting.splice(0)) entry.reject(new AcceptUnavailable("database"));
  }

  /** Starts INSERTs for whoever waits, up to MAX_IN_FLIGHT at once; each one that ends starts the next. */
  private pump(): void {
    while (this.waiting.length > 0 && this.inFlight < this.maxInFlight) {
      const batch = this.waiting.splice(0, MAX_BATCH);
      this.inFlight++;
      void this.write(batch).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  /**
   * One INSERT for the batch, waited for through the breaker (accept-breaker.ts, guard): answered 503 the
   * moment any touch finds the database down, or once the INSERT outlives the deadline, instead of when
   * this connection drops or TCP gives up. An INSERT abandoned this way may still commit; guard says why
   * that is safe (the retried delivery is stored twice, its events are not). Returning frees the slot
   * at once: the abandoned statement is left to the pool (at most 2 connections; its query timeout drops
   * a connection that does not answer), so a later batch never waits behind it.
   */
  private async write(batch: Waiting[]): Promise<void> {
    try {
      const ids = await this.breaker.guard(() => insertDeliveries(batch.map((entry) => entry.row)));
      batch.forEach((entry, index) => entry.resolve(ids[index]!));
    } catch (error) {
      // The database is down (guard tripped the breaker, which answered everyone waiting): so is this batch.
      const refused = error instanceof AcceptUnavailable || isDatabaseUnavailable(error);
      for (const entry of batch) entry.reject(refused ? new AcceptUnavailable("database") : error);
    }
  }
}

const globalForQueue = globalThis as unknown as { parcelpageAcceptQueue?: AcceptQueue };

export function acceptQueue(): AcceptQueue {
  globalForQueue.parcelpageAcceptQueue ??= new AcceptQueue();
  return globalForQueue.parcelpageAcceptQueue;
}
