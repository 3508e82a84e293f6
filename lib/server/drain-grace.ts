/**
 * How long a stopping server keeps accepting after SIGTERM (scripts/serve.ts → scripts/graceful-stop.ts).
 * The grace exists for a load balancer's active health check: /api/ready answers 503 at once, and the
 * balancer needs a check or two to take the instance out before it stops listening (deploy/Caddyfile
 * checks every second, so 2 s). With nothing in front — `npm start` on one box, the e2e and bench
 * servers — nobody would ever see that 503, and every stop would just wait 2 s for nothing.
 *
 * The signal is the health check itself: an instance something polls is watched. TRUST_PROXY_HOPS is not
 * it (a proxy need not health-check, and the e2e server sets it to play a proxy). DRAIN_GRACE_MS, when
 * set, always wins: for a balancer whose checks are further apart than WATCH_WINDOW_MS or that needs
 * several failed checks, set it to what that balancer needs.
 */
export const WATCHED_GRACE_MS = 2_000;
/** A poll this recent means a health checker is watching; Caddy's every second leaves a wide margin. */
export const WATCH_WINDOW_MS = 10_000;

// In the global symbol registry: the route handler that notes the poll and scripts/serve.ts that reads
// it are separate module graphs in one process (as lib/server/draining.ts).
const KEY = Symbol.for("parcelpage.readiness-polled-at");
type Store = { [KEY]?: number };

/** /api/ready was asked (app/api/ready/route.ts). */
export function noteReadinessPoll(now = Date.now()): void {
  (globalThis as Store)[KEY] = now;
}

export function lastReadinessPollAt(): number | null {
  return (globalThis as Store)[KEY] ?? null;
}

export interface DrainGrace {
  ms: number;
  /** Why, for the stop's log line. */
  reason: string;
}

export function drainGrace(configured: string | undefined, lastPollAt: number | null, now: number): DrainGrace {
  if (configured !== undefined && configured.trim() !== "") {
    const ms = Number(configured);
    if (Number.isFinite(ms) && ms >= 0) return { ms, reason: "DRAIN_GRACE_MS" };
  }
  if (lastPollAt !== null && now - lastPollAt <= WATCH_WINDOW_MS) {
    return { ms: WATCHED_GRACE_MS, reason: `/api/ready polled ${now - lastPollAt} ms before the signal: a health check is watching` };
  }
  return { ms: 0, reason: `nothing polled /api/ready in the last ${WATCH_WINDOW_MS / 1000} s` };
}
