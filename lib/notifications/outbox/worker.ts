import { randomBytes } from "node:crypto";
import type pg from "pg";
import { logger } from "../../logger";
import type { Channels } from "../channels";
import { OUTBOX_NOTIFY_CHANNEL } from "../enqueue";
import { sweepOverdueEstimates } from "../../estimates-store/reestimate-overdue";
import { runRetention } from "../../retention/run-retention";
import { recheckDomains } from "../../merchants/verify-custom-domain";
import { sendQueuedConsoleMessages } from "../../console/send-queued-messages";
import { sweepStuckShopDeliveries } from "../../shops/sweep-stuck-shop-deliveries";
import { messageIdDomain } from "../message-id";
import { announcePendingDelays } from "./announce-delays";
import { DEFAULT_BACKOFF, MAX_ATTEMPTS, type BackoffOptions } from "./backoff";
import { claimDue, extendLeases, type ClaimedRow } from "./claim";
import { deliver, type DeliveryOutcome } from "./deliver";
import { loadJobs } from "./load-jobs";
import { listenForWake } from "../../workers/listen-for-wake";
import { WakeSignal } from "../../workers/wake-signal";

export interface WorkerOptions {
  channels: Channels;
  workerId?: string;
  /** Messages in flight at once (and SMTP connections worth having). */
  concurrency?: number;
  /** How long a claim holds its rows before another worker may take them (renewed while sending). */
  leaseMs?: number;
  /** Poll interval without LISTEN/NOTIFY (PGlite); with it, a safety net for rows that become due later. */
  pollMs?: number;
  backoff?: BackoffOptions;
  maxAttempts?: number;
  /** "auto": LISTEN when the server delivers notifications across connections (PostgreSQL), else poll. */
  listen?: "auto" | "off";
  /** Seconds between sweeps for delays recorded outside an ingestion; 0 turns the sweep off. */
  delaySweepMs?: number;
  /** Milliseconds between sends of the console's queued messages (sign-in and tracking links); 0 turns it off. */
  consoleMessagesMs?: number;
  /** Milliseconds between re-estimates of undelivered parcels whose window has passed (their delays then go out); 0 turns it off. */
  overdueSweepMs?: number;
  /** Milliseconds between retention sweeps (lib/retention/run-retention.ts); 0 turns them off. */
  retentionSweepMs?: number;
  /** Milliseconds between passes over pending custom domains (each re-checked at most every 5 min); 0 turns it off. */
  domainRecheckMs?: number;
  /** Milliseconds between sweeps for shop deliveries stuck RECEIVED past their claim (lib/shops/sweep-stuck-shop-deliveries.ts); 0 turns it off. */
  shopSweepMs?: number;
  now?: () => Date;
}

export type WorkerStats = Record<DeliveryOutcome, number> & { claimed: number; reclaimed: number };

/**
 * The outbox worker. Claims due rows (a short autocommitted statement), sends them outside any
 * transaction, and records each outcome fenced by its claim token. Any number of workers may run against
 * PostgreSQL; on the embedded PGlite one is enough (it shares one session, so SKIP LOCKED gives no
 * concurrency there, and notifications do not cross connections: it polls).
 */
export class OutboxWorker {
  readonly id: string;
  readonly stats: WorkerStats = { claimed: 0, reclaimed: 0, sent: 0, retry: 0, failed: 0, cancelled: 0, rescheduled: 0, "lost-lease": 0 };
  private readonly concurrency: number;
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private readonly options: WorkerOptions;
  private readonly now: () => Date;
  private readonly inflight = new Map<string, Promise<void>>();
  private readonly tokens = new Map<string, number>();
  private stopping = false;
  private readonly signal = new WakeSignal();
  private listener: pg.Client | null = null;
  private loop: Promise<void> | null = null;
  private timers: NodeJS.Timeout[] = [];
  listening = false;

  constructor(options: WorkerOptions) {
    this.options = options;
    this.id = options.workerId ?? `worker-${process.pid}-${randomBytes(3).toString("hex")}`;
    this.concurrency = options.concurrency ?? 8;
    this.leaseMs = options.leaseMs ?? 30_000;
    this.pollMs = options.pollMs ?? 250;
    this.now = options.now ?? (() => new Date());
  }

  private consoleBusy = false;

  /** The console's queue rides along: the app sends right after each request, this catches the rest (crashes, quiet hours, retries). */
  private async sendConsoleMessages(): Promise<void> {
    if (this.consoleBusy || this.stopping) return;
    this.consoleBusy = true;
    try {
      await sendQueuedConsoleMessages(this.now());
    } finally {
      this.consoleBusy = false;
    }
  }

  /** Starts the loop; resolves once it is running (listening, if it can). */
  async start(): Promise<void> {
    if (this.options.listen !== "off") this.listening = await this.startListening();
    this.timers.push(setInterval(() => void this.renewLeases(), Math.max(1_000, Math.floor(this.leaseMs / 3))));
    const sweepMs = this.options.delaySweepMs ?? 5_000;
    if (sweepMs > 0) this.timers.push(setInterval(() => void this.sweepDelays(), sweepMs));
    const overdueMs = this.options.overdueSweepMs ?? 300_000;
    if (overdueMs > 0) this.timers.push(setInterval(() => void sweepOverdueEstimates(this.now()), overdueMs));
    const domainMs = this.options.domainRecheckMs ?? 60_000;
    if (domainMs > 0) this.timers.push(setInterval(() => void this.housekeeping("domain recheck", () => recheckDomains(this.now())), domainMs));
    const shopMs = this.options.shopSweepMs ?? 60_000;
    if (shopMs > 0) this.timers.push(setInterval(() => void this.housekeeping("shop delivery sweep", () => sweepStuckShopDeliveries(this.now())), shopMs));
    const retentionMs = this.options.retentionSweepMs ?? 3_600_000;
    if (retentionMs > 0) this.timers.push(setInterval(() => void this.housekeeping("retention", () => runRetention(this.now())), retentionMs));
    const consoleMs = this.options.consoleMessagesMs ?? 1_000;
    if (consoleMs > 0) this.timers.push(setInterval(() => void this.sendConsoleMessages(), consoleMs));
    for (const timer of this.timers) timer.unref();
    logger.info({ worker: this.id, listening: this.listening, concurrency: this.concurrency }, "outbox worker started");
    this.loop = this.run();
  }

  /** Stops claiming, lets the messages in flight finish, and closes the listener. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.signal.stop();
    for (const timer of this.timers) clearInterval(timer);
    await this.loop;
    await this.listener?.end().catch(() => undefined);
    this.listener = null;
  }

  /** For tests and one-off runs, without start(): sends what is due (by this worker's clock) and returns. */
  async drain(): Promise<WorkerStats> {
    for (;;) {
      const claimed = await this.claimAndStart(this.concurrency - this.inflight.size);
      if (claimed === 0 && this.inflight.size === 0) return this.stats;
      if (claimed === 0) await Promise.race(this.inflight.values());
    }
  }

  wake(): void {
    this.signal.wake();
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      let claimed = 0;
      const free = this.concurrency - this.inflight.size;
      // Claim in batches: when at least half the slots are free, or nothing is in flight.
      if (free >= Math.ceil(this.concurrency / 2) || (free > 0 && this.inflight.size === 0)) {
        try {
          claimed = await this.claimAndStart(free);
        } catch (error) {
          logger.error({ worker: this.id, err: error instanceof Error ? error.message : String(error) }, "claim failed; retrying shortly");
          await this.sleep(1_000);
          continue;
        }
      }
      if (claimed > 0 && claimed === free) continue;
      await this.sleep(this.listening ? Math.max(this.pollMs, 1_000) : this.pollMs);
    }
    await Promise.allSettled(this.inflight.values());
  }

  private async claimAndStart(limit: number): Promise<number> {
    if (limit <= 0) return 0;
    const claims = await claimDue({ limit, leaseMs: this.leaseMs, now: this.now() });
    if (claims.length === 0) return 0;
    // Which rows this worker took, and which of them it took over from a worker whose lease ran out
    // (bench:alerts tells a killed worker's rows from the survivor's with it). Ids only.
    if (logger.isLevelEnabled("debug")) {
      const retaken = claims.filter((claim) => claim.previousStatus === "SENDING").map((claim) => claim.id);
      logger.debug({ worker: this.id, outboxIds: claims.map((claim) => claim.id), retaken }, "claimed");
    }
    this.stats.claimed += claims.length;
    this.stats.reclaimed += claims.filter((claim) => claim.previousStatus === "SENDING").length;
    const token = claims[0]!.claimToken;
    this.tokens.set(token, claims.length);
    let jobs;
    try {
      jobs = await loadJobs(claims, this.now());
    } catch (error) {
      this.tokens.delete(token);
      throw error;
    }
    const loaded = new Set(jobs.map((job) => job.claim.id));
    // A row deleted between claim and load (its order was deleted): nothing to send.
    for (const claim of claims) if (!loaded.has(claim.id)) this.release(claim);
    for (const job of jobs) {
      const task = this.process(job.claim, () => deliver(job, this.deliverOptions(), this.now));
      this.inflight.set(job.claim.id, task);
    }
    return claims.length;
  }

  private deliverOptions() {
    return {
      channels: this.options.channels,
      backoff: this.options.backoff ?? DEFAULT_BACKOFF,
      maxAttempts: this.options.maxAttempts ?? MAX_ATTEMPTS,
      messageIdDomain: messageIdDomain(),
    };
  }

  private async process(claim: ClaimedRow, send: () => Promise<DeliveryOutcome>): Promise<void> {
    try {
      const outcome = await send();
      this.stats[outcome] += 1;
    } catch (error) {
      // A database hiccup while recording: the lease runs out and the row is claimed again.
      logger.error({ worker: this.id, outboxId: claim.id, err: error instanceof Error ? error.message : String(error) }, "delivery failed unexpectedly");
    } finally {
      this.release(claim);
    }
  }

  private release(claim: ClaimedRow): void {
    this.inflight.delete(claim.id);
    const left = (this.tokens.get(claim.claimToken) ?? 1) - 1;
    if (left <= 0) this.tokens.delete(claim.claimToken);
    else this.tokens.set(claim.claimToken, left);
    this.wake();
  }

  private async renewLeases(): Promise<void> {
    try {
      await extendLeases([...this.tokens.keys()], this.leaseMs, this.now());
    } catch (error) {
      logger.warn({ worker: this.id, err: error instanceof Error ? error.message : String(error) }, "lease renewal failed");
    }
  }

  /** A periodic chore that must never stop the worker: failures are logged and tried again next time. */
  private async housekeeping(name: string, chore: () => Promise<unknown>): Promise<void> {
    try {
      await chore();
    } catch (error) {
      logger.warn({ worker: this.id, err: error instanceof Error ? error.message : String(error) }, `${name} failed`);
    }
  }

  private async sweepDelays(): Promise<void> {
    try {
      await announcePendingDelays(this.now());
    } catch (error) {
      logger.warn({ worker: this.id, err: error instanceof Error ? error.message : String(error) }, "delay sweep failed");
    }
  }

  private sleep(ms: number): Promise<void> {
    return this.signal.sleep(ms);
  }

  /** LISTEN where notifications cross connections (PostgreSQL); a lost connection falls back to polling. */
  private async startListening(): Promise<boolean> {
    this.listener = await listenForWake({
      channel: OUTBOX_NOTIFY_CHANNEL,
      workerId: this.id,
      onNotify: () => this.wake(),
      onLost: () => {
        this.listening = false;
        this.listener = null;
      },
    });
    return this.listener !== null;
  }
}
