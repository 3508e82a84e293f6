import { describe, expect, it } from "vitest";
import { VersionMemo } from "../../../lib/tracking/version-memo";

describe("VersionMemo (the tracking page's freshness check, per instance)", () => {
  it("asks the database once per token per TTL, however many tabs poll, and sees a change after it", async () => {
    let now = 0;
    let version = "v1";
    let lookups = 0;
    const memo = new VersionMemo({ ttlMs: 250, now: () => now, lookup: async () => (lookups++, version) });
    const polls = await Promise.all(Array.from({ length: 100 }, () => memo.get("tok")));
    expect(new Set(polls)).toEqual(new Set(["v1"]));
    expect(lookups).toBe(1);
    version = "v2";
    now = 249;
    expect(await memo.get("tok")).toBe("v1");
    now = 250;
    expect(await memo.get("tok")).toBe("v2");
    expect(lookups).toBe(2);
  });

  it("stamps an entry with when it asked, so a change during a slow lookup is not hidden for a whole TTL", async () => {
    let now = 0;
    let release!: (value: string) => void;
    const memo = new VersionMemo({ ttlMs: 250, now: () => now, lookup: () => new Promise<string>((resolve) => (release = resolve)) });
    const pending = memo.get("tok");
    now = 200;
    release("old");
    expect(await pending).toBe("old");
    now = 260; // 260 ms after asking, though only 60 ms after the answer
    const again = memo.get("tok");
    release("new");
    expect(await again).toBe("new");
  });

  it("stays bounded and forgets on request", async () => {
    const memo = new VersionMemo({ ttlMs: 10_000, maxEntries: 10, lookup: async (token) => token });
    for (let i = 0; i < 25; i++) await memo.get(`t${i}`);
    expect(memo.size).toBeLessThanOrEqual(10);
    memo.forget("t24");
    expect(memo.size).toBeLessThanOrEqual(9);
  });
});
