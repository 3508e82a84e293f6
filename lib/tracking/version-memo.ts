/**
 * The tracking page's data version, remembered per process for a moment: every open tab polls
 * /api/tracking/{token}/version, and the page cache (proxy-routes.ts) re-checks hot pages, so without
 * this each poll of each tab is a database query. With it, one instance asks the database at most once
 * per token per `ttlMs`, however many tabs poll; concurrent misses share one query. A change made through
 * any instance (or a worker) is seen within `ttlMs` here — the cluster's freshness promise is 2 s, and the
 * page cache's own re-check interval is added on top (see proxy-routes.ts).
 */
export interface VersionMemoOptions {
  lookup(token: string): Promise<string | null>;
  ttlMs?: number;
  maxEntries?: number;
  now?: () => number;
}

interface Entry {
  version: string | null;
  until: number;
}

export class VersionMemo {
  private readonly entries = new Map<string, Entry>();
  private readonly inflight = new Map<string, Promise<string | null>>();
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(private readonly options: VersionMemoOptions) {
    this.ttlMs = options.ttlMs ?? 250;
    this.maxEntries = options.maxEntries ?? 50_000;
    this.now = options.now ?? Date.now;
  }

  async get(token: string): Promise<string | null> {
    const hit = this.entries.get(token);
    if (hit && hit.until > this.now()) return hit.version;
    const running = this.inflight.get(token);
    if (running) return running;
    // Stamped before asking: a change committed while the query runs is caught by the next lookup.
    const askedAt = this.now();
    const promise = this.options
      .lookup(token)
      .then((version) => {
        if (this.entries.size >= this.maxEntries) this.entries.clear();
        this.entries.set(token, { version, until: askedAt + this.ttlMs });
        return version;
      })
      .finally(() => this.inflight.delete(token));
    this.inflight.set(token, promise);
    return promise;
  }

  /** Forgets a token (after a change made in this process, so it shows here at once). */
  forget(token: string): void {
    this.entries.delete(token);
  }

  get size(): number {
    return this.entries.size;
  }
}
