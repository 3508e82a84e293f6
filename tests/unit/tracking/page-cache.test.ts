import { describe, expect, it } from "vitest";
import { PageCache, type RenderedPage } from "@/lib/tracking/page-cache";

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
});
