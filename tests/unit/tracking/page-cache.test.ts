import { describe, expect, it } from "vitest";
import { PageCache, PageRenderTimeout, type RenderedPage } from "@/lib/tracking/page-cache";

function setup(options: { freshMs?: number; maxStaleMs?: number; maxEntries?: number } = {}) {
  let now = 0;
  let version = "v1";
  const renders: string[] = [];
  const checks: string[] = [];
  const cache = new PageCache({
    async render(key): Promise<RenderedPage> {
      renders.push(key);
      if (key.startsWith("missing")) return { status: 404, html: "not found", version: null };
      return { status: 200, html: `${key}@${version}`, version };
    },
    async version(key) {
      checks.push(key);
      return key.startsWith("missing") ? null : version;
    },
    finish: (page) => ({ html: page.html, headers: { "x-test": "1" } }),
    now: () => now,
    ...options,
  });
  return {
    cache,
    renders,
    checks,
    advance: (ms: number) => (now += ms),
    setVersion: (next: string) => (version = next),
  };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));
const text = (page: { body: Uint8Array }) => new TextDecoder().decode(page.body);

describe("rendered page cache", () => {
  it("renders once, then serves from memory while fresh", async () => {
    const { cache, renders, checks } = setup();
    expect(text(await cache.get("a"))).toBe("a@v1");
    expect((await cache.get("a")).headers).toEqual({ "x-test": "1" });
    expect(renders).toEqual(["a"]);
    expect(checks).toEqual([]);
  });

  it("coalesces concurrent misses into one render", async () => {
    const { cache, renders } = setup();
    await Promise.all([cache.get("a"), cache.get("a"), cache.get("a")]);
    expect(renders).toEqual(["a"]);
  });

  it("after freshMs checks the version in the background and re-renders only on a change", async () => {
    const { cache, renders, checks, advance, setVersion } = setup({ freshMs: 1000, maxStaleMs: 10_000 });
    await cache.get("a");
    advance(1500);
    expect(text(await cache.get("a"))).toBe("a@v1"); // served at once; checked behind
    await flush();
    expect(checks).toEqual(["a"]);
    expect(renders).toEqual(["a"]);
    setVersion("v2");
    advance(1500);
    expect(text(await cache.get("a"))).toBe("a@v1"); // stale once...
    await flush();
    await flush();
    expect(text(await cache.get("a"))).toBe("a@v2"); // ...then the new render
    expect(renders).toEqual(["a", "a"]);
  });

  it("checks before answering when an entry is older than maxStaleMs, or when asked to", async () => {
    const { cache, advance, setVersion } = setup({ freshMs: 1000, maxStaleMs: 5000 });
    await cache.get("a");
    setVersion("v2");
    advance(6000);
    expect(text(await cache.get("a"))).toBe("a@v2");
    setVersion("v3");
    expect(text(await cache.get("a", { revalidate: true }))).toBe("a@v3");
  });

  it("never keeps 404s", async () => {
    const { cache, renders } = setup();
    expect((await cache.get("missing-1")).status).toBe(404);
    await cache.get("missing-1");
    expect(renders).toEqual(["missing-1", "missing-1"]);
    expect(cache.size).toBe(0);
  });

  it("evicts the least recently used entries past its bound", async () => {
    const { cache, renders } = setup({ maxEntries: 2 });
    await cache.get("a");
    await cache.get("b");
    await cache.get("a");
    await cache.get("c"); // evicts b
    await cache.get("a");
    await cache.get("b");
    expect(renders).toEqual(["a", "b", "c", "b"]);
    expect(cache.size).toBe(2);
  });

  it("aborts a render that never answers, fails its waiters, and lets the next visitor start afresh", async () => {
    let hang = true;
    const aborted: unknown[] = [];
    const cache = new PageCache({
      render: (key, signal) =>
        hang
          ? new Promise<RenderedPage>(() => signal.addEventListener("abort", () => aborted.push(signal.reason))) // ignores the abort
          : Promise.resolve({ status: 200, html: key, version: "v1" }),
      version: async () => "v1",
      finish: (page) => ({ html: page.html, headers: {} }),
      timeoutMs: 30,
    });
    // Every visitor of the page waits on the one render; none waits past the timeout.
    const key = "Tok3nTok3nTok3n en 1";
    const waiters = [cache.get(key), cache.get(key), cache.get(key)].map((waiting) => waiting.then(() => "served", (error: unknown) => error));
    const outcomes = await Promise.all(waiters);
    expect(outcomes.every((outcome) => outcome instanceof PageRenderTimeout)).toBe(true);
    expect(aborted).toHaveLength(1);
    expect(aborted[0]).toBeInstanceOf(PageRenderTimeout);
    expect(String(aborted[0])).not.toContain("Tok3n"); // keys hold tracking tokens: never in logs
    hang = false;
    expect(text(await cache.get(key))).toBe(key);
  });

  it("aborts a version check that never answers, and the entry stays served", async () => {
    let now = 0;
    const cache = new PageCache({
      render: async (key) => ({ status: 200, html: key, version: "v1" }),
      version: (_key, signal) => new Promise<string>((_, reject) => signal.addEventListener("abort", () => reject(signal.reason))),
      finish: (page) => ({ html: page.html, headers: {} }),
      now: () => now,
      freshMs: 10,
      maxStaleMs: 100,
      timeoutMs: 30,
    });
    await cache.get("a");
    now = 50; // stale: served at once, checked behind
    expect(text(await cache.get("a"))).toBe("a");
    now = 500; // too stale: the check is awaited, and gives up in time
    await expect(cache.get("a")).rejects.toBeInstanceOf(PageRenderTimeout);
  });
});
