import { randomBytes } from "node:crypto";
import type pg from "pg";
import { logger } from "../logger";
import { listenForWake } from "../workers/listen-for-wake";
import { WakeSignal } from "../workers/wake-signal";
import { INGEST_NOTIFY_CHANNEL } from "./accept-queue";
import { isDatabaseUnavailable } from "./database-unavailable";
import { DEFAULT_BATCH_SIZE, processPendingDeliveries, type ProcessStats } from "./process-pending";

/** On PGlite (no LISTEN): short transactions, since one open transaction holds up the whole database. */
const SHARED_SESSION_BATCH_SIZE = 25;

export interface IngestWorkerOptions {
  workerId?: string;
  /** Deliveries per batch; default 250 on PostgreSQL, 25 on PGlite (a transaction there stalls every other connection, the accept path's too). */
  batchSize?: number;
  /** Poll interval without LISTEN/NOTIFY (PGlite: one shared session, notifications do not cross connections). */
  pollMs?: number;
  /** "auto": LISTEN where notifications cross connections (PostgreSQL), else poll. */
  listen?: "auto" | "off";
}

/**
 * Processes pending webhook deliveries behind the accept path: wakes on NOTIFY from the accept INSERT
 * (PostgreSQL) or polls every `pollMs` (PGlite), then drains the table batch by batch. Any number may
 * run against PostgreSQL (SKIP LOCKED gives them disjoint batches); one is enough on PGlite. A worker
 * killed mid-batch loses nothing: its transaction rolls back and the rows are pending again.
 */
export class IngestWorker {
  readonly id: string;
  readonly stats: ProcessStats = { batches: 0, deliveries: 0, eventsAdded: 0, failed: 0, deferred: 0 };
  listening = false;
  private readonly options: IngestWorkerOptions;
  private stopping = false;
  private readonly signal = new WakeSignal();
  private listener: pg.Client | null = null;
  private loop: Promise<void> | null = null;
  private relistenScheduled = false;

  constructor(options: IngestWorkerOptions = {}) {
    this.options = options;
    this.id = options.workerId ?? `ingest-${process.pid}-${randomBytes(3).toString("hex")}`;
  }

  async start(): Promise<void> {
    if (this.options.listen !== "off") this.listening = await this.startListening();
    logger.info({ worker: this.id, listening: this.listening }, "ingest worker started");
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.signal.stop();
    await this.loop;
    await this.listener?.end().catch(() => undefined);
    this.listener = null;
  }

  wake(): void {
    this.signal.wake();
  }

  private async run(): Promise<void> {
    const pollMs = this.options.pollMs ?? 150;
    const batchSize = this.options.batchSize ?? (this.listening ? DEFAULT_BATCH_SIZE : SHARED_SESSION_BATCH_SIZE);
    while (!this.stopping) {
      let full = false;
      try {
        // One batch per turn, so stop() waits for at most the batch in hand, not for the whole backlog.
        const done = await processPendingDeliveries({ batchSize, maxBatches: 1 });
        this.stats.batches += done.batches;
        this.stats.deliveries += done.deliveries;
        this.stats.eventsAdded += done.eventsAdded;
        this.stats.failed += done.failed;
        this.stats.deferred += done.deferred;
        // Deferred deliveries are pending again: there is more to do at once (processPendingDeliveries
        // pauses briefly when a batch was nothing but deferred ones).
        full = done.deliveries + done.failed + done.deferred >= batchSize || done.deferred > 0;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (isDatabaseUnavailable(error)) logger.warn({ worker: this.id, err: message }, "database unavailable; retrying shortly");
        else logger.error({ worker: this.id, err: message }, "ingest pass failed; retrying shortly");
        await this.sleep(1_000);
        continue;
      }
      if (full) continue;
      // With LISTEN the poll is a safety net (a missed notification, a connection that dropped).
      await this.sleep(this.listening ? 2_000 : pollMs);
    }
  }

  private sleep(ms: number): Promise<void> {
    return this.signal.sleep(ms);
  }

  /**
   * After a database restart notifications are worth having back: try every 2 s until LISTEN works again
   * (a database down longer than one try used to leave the worker polling for good).
   */
  private listenAgainLater(): void {
    if (this.relistenScheduled) return; // one retry chain at a time, or two LISTEN connections could come back
    this.relistenScheduled = true;
    setTimeout(() => {
      this.relistenScheduled = false;
      if (this.stopping) return;
      void this.startListening().then((ok) => {
        this.listening = ok;
        if (!ok) this.listenAgainLater();
      });
    }, 2_000).unref();
  }

  /** LISTEN where notifications cross connections (PostgreSQL); after a lost connection, tried again every 2 s. */
  private async startListening(): Promise<boolean> {
    this.listener = await listenForWake({
      channel: INGEST_NOTIFY_CHANNEL,
      workerId: this.id,
      onNotify: () => this.wake(),
      onLost: () => {
        this.listening = false;
        this.listener = null;
        this.listenAgainLater();
      },
    });
    return this.listener !== null;
  }
}
