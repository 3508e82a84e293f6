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
  render(key: string): Promise<RenderedPage>;
  /** The current data version for the key's token; null when it no longer exists. */
  version(key: string): Promise<string | null>;
  /** Response headers for a rendered page (CSP hashes, lang fix-up happen in `finish`). */
  finish(page: RenderedPage): { html: string; headers: Record<string, string> };
  now?: () => number;
  freshMs?: number;
  maxStaleMs?: number;
  maxEntries?: number;
  maxBytes?: number;
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

  constructor(private readonly options: PageCacheOptions) {
    this.now = options.now ?? Date.now;
    this.freshMs = options.freshMs ?? 1_000;
    this.maxStaleMs = options.maxStaleMs ?? 15_000;
    this.maxEntries = options.maxEntries ?? 1_000;
    this.maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  }

  async get(key: string, { revalidate = false } = {}): Promise<CachedPage> {
    const entry = this.entries.get(key);
    if (!entry) return this.once(key, () => this.render(key));
    // Least recently used goes first: re-inserting moves the key to the end.
    this.entries.delete(key);
    this.entries.set(key, entry);
    const age = this.now() - entry.checkedAt;
    if (!revalidate && age <= this.freshMs) return entry;
    const check = this.once(key, () => this.revalidate(key, entry));
    if (!revalidate && age <= this.maxStaleMs) {
      check.catch(() => undefined); // a failed background check leaves the entry as it was
      return entry;
    }
    return check;
  }

  get size(): number {
    return this.entries.size;
  }

  private once(key: string, work: () => Promise<CachedPage>): Promise<CachedPage> {
    const running = this.inflight.get(key);
    if (running) return running;
    const promise = work().finally(() => this.inflight.delete(key));
    this.inflight.set(key, promise);
    return promise;
  }

  private async revalidate(key: string, entry: CachedPage): Promise<CachedPage> {
    const startedAt = this.now();
    const version = await this.options.version(key);
    if (version !== null && version === entry.version) {
      entry.checkedAt = startedAt;
      return entry;
    }
    return this.render(key);
  }

  private async render(key: string): Promise<CachedPage> {
    // Stamped before rendering: whatever changes during the render is caught by the next check.
    const startedAt = this.now();
    const rendered = await this.options.render(key);
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
