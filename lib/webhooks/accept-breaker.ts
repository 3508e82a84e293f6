import { db } from "../db";
import { logger } from "../logger";
import { setAcceptRefusing } from "./accept-refusing";
import { isDatabaseUnavailable } from "./database-unavailable";

/** While the database is down, one probe per process this often (not one connection attempt per request). */
export const PROBE_EVERY_MS = 500;
/** A probe that has not answered by then counts as failed (a host that swallows packets never refuses). */
export const PROBE_TIMEOUT_MS = 2_000;

const UNAVAILABLE = Symbol.for("parcelpage.acceptUnavailable");

/** Thrown instead of storing: the queue is full or the database was found down. The request answers 503. */
export class AcceptUnavailable extends Error {
  readonly [UNAVAILABLE] = true;
  constructor(readonly reason: "busy" | "database") {
    super(reason === "busy" ? "accept queue full" : "database unavailable");
  }
}

/**
 * Rather than `instanceof`: the breaker and the queue live on globalThis, shared by the two module graphs
 * of one server process (scripts/serve.ts's fast lane and the bundled Next.js route), so the class that
 * threw may be the other graph's copy.
 */
export function isAcceptUnavailable(error: unknown): error is AcceptUnavailable {
  return typeof error === "object" && error !== null && (error as { [UNAVAILABLE]?: unknown })[UNAVAILABLE] === true;
}

/**
 * The accept path's circuit breaker: once any of its database touches (the connection lookup, the INSERT)
 * finds the database unreachable, every request is refused at once (503) until a background probe gets
 * through, and touches already waiting are failed at once instead of each running into its own connect
 * error or timeout. `bench:ingest-faults` scenario c, traced per request, showed the chain this replaces:
 * when the old 1-second refusal ended, each of 16 concurrent requests made its own lookup, 14 connect
 * attempts, 8 at a time (the pool's max) with the rest queued in the pool, each refused after 58–116 ms on a
 * loaded machine. Now no request waits on the database while it is known down, and while it is down one
 * probe every PROBE_EVERY_MS tests it.
 */
export class AcceptBreaker {
  private isOpen = false;
  private probeTimer: NodeJS.Timeout | null = null;
  private readonly onOpen = new Set<() => void>();
  /** Probes run since the breaker last opened (how tests see "a probe now and then, not a flood"). */
  probes = 0;

  constructor(
    private readonly probe: () => Promise<unknown> = () => db.$queryRaw`SELECT 1`,
    /** Told each time the breaker opens (true) or closes (false). */
    private readonly onChange: (open: boolean) => void = () => {},
  ) {}

  /** True while the database is known down: refuse without trying. */
  get open(): boolean {
    return this.isOpen;
  }

  /** A touch found the database unreachable: refuse from now on, fail whoever waits, probe until it answers. */
  trip(): void {
    if (this.open) return;
    this.isOpen = true;
    this.probes = 0;
    this.onChange(true);
    for (const listener of [...this.onOpen]) listener();
    this.scheduleProbe();
  }

  /** Calls `listener` each time the breaker opens (the accept queue fails the rows waiting for an INSERT). */
  whenOpened(listener: () => void): () => void {
    this.onOpen.add(listener);
    return () => this.onOpen.delete(listener);
  }

  /**
   * Runs one database touch of the accept path: refused at once while open; trips the breaker when the
   * touch finds the database unreachable; and fails at once (AcceptUnavailable) when another touch trips it
   * meanwhile. Only for reads: a write abandoned this way might still commit.
   */
  async guard<T>(touch: () => Promise<T>): Promise<T> {
    if (this.open) throw new AcceptUnavailable("database");
    let stop = () => {};
    const opened = new Promise<never>((_, reject) => {
      stop = this.whenOpened(() => reject(new AcceptUnavailable("database")));
    });
    try {
      return await Promise.race([this.watch(touch), opened]);
    } finally {
      stop();
    }
  }

  /** Runs a touch and trips the breaker when it finds the database unreachable. */
  async watch<T>(touch: () => Promise<T>): Promise<T> {
    try {
      return await touch();
    } catch (error) {
      if (isDatabaseUnavailable(error)) this.trip();
      throw error;
    }
  }

  private scheduleProbe(): void {
    if (this.probeTimer) return;
    this.probeTimer = setTimeout(() => void this.runProbe(), PROBE_EVERY_MS);
    // A process that is otherwise done does not stay alive for a probe.
    this.probeTimer.unref();
  }

  private async runProbe(): Promise<void> {
    this.probes++;
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.probe(),
        new Promise((_, reject) => (timer = setTimeout(() => reject(new Error("probe timed out")), PROBE_TIMEOUT_MS))),
      ]);
      this.isOpen = false;
      this.onChange(false);
    } catch {
      // Still down (or answering something else than SELECT 1): try again later.
    } finally {
      clearTimeout(timer);
      this.probeTimer = null;
      if (this.open) this.scheduleProbe();
    }
  }
}

const globalForBreaker = globalThis as unknown as { parcelpageAcceptBreaker?: AcceptBreaker };

/** The process's one breaker for the accept path (on globalThis: dev reloads and test files share it). */
export function acceptBreaker(): AcceptBreaker {
  globalForBreaker.parcelpageAcceptBreaker ??= new AcceptBreaker(undefined, (open) => {
    // Mirrored where scripts/serve.ts can see it, to refuse webhooks before Next.js routes them.
    setAcceptRefusing(open);
    if (open) logger.error("database unreachable: webhooks are answered 503 until a probe gets through");
    else logger.warn("database reachable again: webhooks are accepted");
  });
  return globalForBreaker.parcelpageAcceptBreaker;
}
