/**
 * The rendered-page cache in front of the tracking page (used by proxy.ts). A page is rendered once per
 * data change, not once per visit: entries are re-checked against the cheap version endpoint at most
 * once per `freshMs` (in the background while under `maxStaleMs`), and re-rendered only when the
 * version moved. Every instance checks the shared database itself, so instances converge within about
 * `freshMs` plus one render, whichever instance ingested the event.
 */
export interface RenderedPage {
  status: number;
  html: string;
  /** The data version the page was rendered from (null for pages not to be cached, e.g. 404s). */
  version: string | null;
}

export interface CachedPage {
  status: number;
  version: string | null;
  /** The finished document, encoded once: every hit sends these same bytes. */
  body: Uint8Array;
  headers: Record<string, string>;
  checkedAt: number;
}

export interface PageCacheOptions {
  /** Renders the page; must give up when `signal` aborts (the cache aborts it after `timeoutMs`). */
  render(key: string, signal: AbortSignal): Promise<RenderedPage>;
  /** The current data version for the key's token; null when it no longer exists. */
  version(key: string, signal: AbortSignal): Promise<string | null>;
  /** Response headers for a rendered page (CSP hashes, lang fix-up happen in `finish`). */
  finish(page: RenderedPage): { html: string; headers: Record<string, string> };
  now?: () => number;
  freshMs?: number;
  maxStaleMs?: number;
  maxEntries?: number;
  maxBytes?: number;
  /**
   * How long a render or version check may take. Every visitor of a page waits on the same render, so
   * one render that never finishes would hold all of them: past this it is aborted, its waiters get an
   * error (the proxy then renders per request) and the next visitor starts afresh.
   */
  timeoutMs?: number;
}

/** Names no key: keys hold tracking tokens, which never reach logs. */
export class PageRenderTimeout extends Error {
  constructor(ms: number) {
    super(`a page render took longer than ${ms} ms`);
  }
}

const encoder = new TextEncoder();

export class PageCache {
  private readonly entries = new Map<string, CachedPage>();
  private readonly inflight = new Map<string, Promise<CachedPage>>();
  private bytes = 0;
  private readonly now: () => number;
  private readonly freshMs: number;
  private readonly maxStaleMs: number;
  private readonly maxEntries: number;
  private readonly maxBytes: number;
  private readonly timeoutMs: number;

  constructor(private readonly options: PageCacheOptions) {
    this.now = options.now ?? Date.now;
    this.freshMs = options.freshMs ?? 1_000;
    this.maxStaleMs = options.maxStaleMs ?? 15_000;
    this.maxEntries = options.maxEntries ?? 1_000;
    this.maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
    this.timeoutMs = options.timeoutMs ?? 8_000;
  }

  async get(key: string, { revalidate = false } = {}): Promise<CachedPage> {
    const entry = this.entries.get(key);
    if (!entry) return this.once(key, (signal) => this.render(key, signal));
    // Least recently used goes first: re-inserting moves the key to the end.
    this.entries.delete(key);
    this.entries.set(key, entry);
    const age = this.now() - entry.checkedAt;
    if (!revalidate && age <= this.freshMs) return entry;
    const check = this.once(key, (signal) => this.revalidate(key, entry, signal));
    if (!revalidate && age <= this.maxStaleMs) {
      check.catch(() => undefined); // a failed background check leaves the entry as it was
      return entry;
    }
    return check;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Runs `work` once for every concurrent caller of `key`, bounded by timeoutMs. */
  private once(key: string, work: (signal: AbortSignal) => Promise<CachedPage>): Promise<CachedPage> {
    const running = this.inflight.get(key);
    if (running) return running;
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    // Rejects the waiters even if `work` ignores the signal.
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const error = new PageRenderTimeout(this.timeoutMs);
        controller.abort(error);
        reject(error);
      }, this.timeoutMs);
    });
    const promise: Promise<CachedPage> = Promise.race([work(controller.signal), timedOut]).finally(() => {
      clearTimeout(timer);
      // Only our own entry: after a timeout a newer attempt may already have taken the slot.
      if (this.inflight.get(key) === promise) this.inflight.delete(key);
    });
    this.inflight.set(key, promise);
    return promise;
  }

  private async revalidate(key: string, entry: CachedPage, signal: AbortSignal): Promise<CachedPage> {
    const startedAt = this.now();
    const version = await this.options.version(key, signal);
    if (version !== null && version === entry.version) {
      entry.checkedAt = startedAt;
      return entry;
    }
    return this.render(key, signal);
  }

  private async render(key: string, signal: AbortSignal): Promise<CachedPage> {
    // Stamped before rendering: whatever changes during the render is caught by the next check.
    const startedAt = this.now();
    const rendered = await this.options.render(key, signal);
    const { html, headers } = this.options.finish(rendered);
    const page: CachedPage = { status: rendered.status, version: rendered.version, body: encoder.encode(html), headers, checkedAt: startedAt };
    this.forget(key);
    if (rendered.status === 200 && rendered.version !== null) this.store(key, page);
    return page;
  }

  private store(key: string, page: CachedPage) {
    this.entries.set(key, page);
    this.bytes += page.body.byteLength;
    while (this.entries.size > this.maxEntries || this.bytes > this.maxBytes) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.forget(oldest.value);
    }
  }

  private forget(key: string) {
    const existing = this.entries.get(key);
    if (!existing) return;
    this.entries.delete(key);
    this.bytes -= existing.body.byteLength;
  }
}
