import { db } from "../db";
import { logger } from "../logger";
import { setAcceptRefusing } from "./accept-refusing";
import { isDatabaseUnavailable } from "./database-unavailable";

/** While the database is down, one probe per process this often (not one connection attempt per request). */
export const PROBE_EVERY_MS = 500;
/** A probe that has not answered by then counts as failed (a host that swallows packets never refuses). */
export const PROBE_TIMEOUT_MS = 2_000;
/**
 * The longest a request waits on one database touch of the accept path (the connection lookup, the
 * INSERT, including waiting for a pool connection). Past it the touch is abandoned, the breaker opens
 * (the probe decides when the database is back) and the request is answered 503. A crash is found in
 * milliseconds without it (connections refused or dropped); this bounds the rest: a host that stops
 * answering without closing anything, where a query already sent waits for TCP to give up (about 15
 * minutes, lib/pg-keepalive.ts). Why 2 s: an accept INSERT takes 3–7 ms, 15 ms at load 15 on these 2
 * cores (docs/webhooks.md), but a new connection's first INSERT outlived 500 ms twice in about ten loaded
 * test runs, and tripping the breaker on a healthy database refuses every delivery for a probe's turn —
 * the retry storm a burst must not start. Providers wait 10–30 s for an answer, so 2 s is still far from a
 * stall; what follows the first touch's trip is refused at once either way.
 */
export const TOUCH_DEADLINE_MS = 2_000;

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
 * finds the database unreachable or outlives TOUCH_DEADLINE_MS, every request is refused at once (503)
 * until a background probe gets through, and touches already waiting (the INSERT in flight included) are
 * failed at once instead of each running into its own connect error, dropped connection or timeout. `bench:ingest-faults` scenario c, traced per request, showed the chain this replaces:
 * when the old 1-second refusal ended, each of 16 concurrent requests made its own lookup, 14 connect
 * attempts, 8 at a time (the pool's max) with the rest queued in the pool, each refused after 58–116 ms on a
 * loaded machine. Now no request waits on the database while it is known down, and while it is down one
 * probe every PROBE_EVERY_MS tests it.
 */
export class AcceptBreaker {
  private isOpen = false;
  /** TOUCH_DEADLINE_MS; a field so a test can stretch or shorten it on the process's one breaker. */
  deadlineMs = TOUCH_DEADLINE_MS;
  /** Why the breaker last opened: a touch found the database unreachable, or one outlived the deadline. */
  lastTrip: "unreachable" | "deadline" | null = null;
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
  trip(reason: "unreachable" | "deadline" = "unreachable"): void {
    if (this.open) return;
    this.isOpen = true;
    this.lastTrip = reason;
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
   * Runs one database touch of the accept path and waits for it at most `deadlineMs`: refused at once
   * while open; trips the breaker when the touch finds the database unreachable or outlives the deadline;
   * and fails at once (AcceptUnavailable) when another touch trips it meanwhile, so a request whose
   * INSERT is in flight when the database dies is answered when the first touch notices, not when its own
   * connection drops (never, from a host that vanished) or TCP gives up.
   *
   * For the INSERT this is safe, though the abandoned statement may still commit (or have committed and
   * lost its answer, as with any dropped connection): the request is answered 503, the provider sends the
   * same delivery again, and it is stored twice. Nothing is lost, and nothing is doubled where it counts:
   * events are de-duplicated on (shipment, dedupe key) when a delivery is processed, so the second copy is
   * processed once with no new events (bench:ingest-faults counts such rows as storedButNotAcknowledged
   * and still requires each stored row processed once and 0 duplicated events).
   */
  async guard<T>(touch: () => Promise<T>): Promise<T> {
    if (this.open) throw new AcceptUnavailable("database");
    let stop = () => {};
    const opened = new Promise<never>((_, reject) => {
      stop = this.whenOpened(() => reject(new AcceptUnavailable("database")));
    });
    let settled = false;
    let deadline: NodeJS.Timeout | undefined;
    try {
      deadline = setTimeout(() => {
        // One turn of the event loop first: on a starved process the timer can fire before the answer that
        // arrived in time is read (timers run before I/O), and that answer must win.
        setImmediate(() => {
          if (!settled) this.trip("deadline");
        });
      }, this.deadlineMs);
      // A touch abandoned here that fails later trips nothing: the breaker opened already (or a probe has
      // closed it since, and a stale failure must not open it again).
      const attempt = touch().catch((error: unknown) => {
        if (!settled && isDatabaseUnavailable(error)) this.trip();
        throw error;
      });
      return await Promise.race([attempt, opened]);
    } finally {
      settled = true;
      clearTimeout(deadline);
      stop();
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
    if (open) logger.error({ reason: globalForBreaker.parcelpageAcceptBreaker?.lastTrip }, "database unreachable: webhooks are answered 503 until a probe gets through");
    else logger.warn("database reachable again: webhooks are accepted");
  });
  return globalForBreaker.parcelpageAcceptBreaker;
}
