import { afterEach, describe, expect, it, vi } from "vitest";
import { AcceptBreaker, AcceptUnavailable, PROBE_EVERY_MS } from "@/lib/webhooks/accept-breaker";

/** What pg gives when nothing listens on the port: what the breaker must read as "the database is down". */
const refused = () => Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
const never = () => new Promise<never>(() => {});
/** The deadline waits one turn of the event loop (setImmediate, faked too) before it trips. */
const nextTurn = () => vi.advanceTimersToNextTimerAsync();

afterEach(() => {
  vi.useRealTimers();
});

describe("the accept path's circuit breaker", () => {
  it("one touch finding the database down fails every touch still waiting at once, and refuses new ones without running them", async () => {
    const breaker = new AcceptBreaker(never);
    const waiting = [breaker.guard(never), breaker.guard(never)];
    await expect(breaker.guard(() => Promise.reject(refused()))).rejects.toBeDefined();
    expect(breaker.open).toBe(true);
    for (const touch of waiting) await expect(touch).rejects.toBeInstanceOf(AcceptUnavailable);
    const touch = vi.fn(() => Promise.resolve("row"));
    await expect(breaker.guard(touch)).rejects.toBeInstanceOf(AcceptUnavailable);
    expect(touch).not.toHaveBeenCalled();
  });

  it("any other failure is the caller's: the breaker stays closed", async () => {
    const breaker = new AcceptBreaker(never);
    await expect(breaker.guard(() => Promise.reject(new Error("a bug")))).rejects.toThrow("a bug");
    expect(breaker.open).toBe(false);
    await expect(breaker.guard(() => Promise.resolve(42))).resolves.toBe(42);
  });

  it("while open, one probe per interval whatever the traffic; closes when a probe gets through and says so", async () => {
    vi.useFakeTimers();
    let up = false;
    const probe = vi.fn(() => (up ? Promise.resolve(1) : Promise.reject(refused())));
    const changes: boolean[] = [];
    const breaker = new AcceptBreaker(probe, (open) => changes.push(open));
    breaker.trip();
    breaker.trip();
    expect(changes).toEqual([true]);
    // Many requests meanwhile: none of them probes.
    for (let request = 0; request < 100; request++) await expect(breaker.guard(() => Promise.resolve(0))).rejects.toBeInstanceOf(AcceptUnavailable);
    await vi.advanceTimersByTimeAsync(PROBE_EVERY_MS * 3);
    expect(probe).toHaveBeenCalledTimes(3);
    expect(breaker.open).toBe(true);
    up = true;
    await vi.advanceTimersByTimeAsync(PROBE_EVERY_MS);
    expect(breaker.open).toBe(false);
    expect(changes).toEqual([true, false]);
    expect(breaker.probes).toBe(4);
    // Closed: no more probes.
    await vi.advanceTimersByTimeAsync(PROBE_EVERY_MS * 5);
    expect(probe).toHaveBeenCalledTimes(4);
  });

  it("a probe that never answers counts as failed, and the next one still runs", async () => {
    vi.useFakeTimers();
    let answer: () => Promise<unknown> = never;
    const breaker = new AcceptBreaker(() => answer());
    breaker.trip();
    await vi.advanceTimersByTimeAsync(PROBE_EVERY_MS + 2_000);
    expect(breaker.probes).toBe(1);
    answer = () => Promise.resolve(1);
    await vi.advanceTimersByTimeAsync(PROBE_EVERY_MS);
    expect(breaker.probes).toBe(2);
    expect(breaker.open).toBe(false);
  });
});

describe("the accept path's deadline", () => {
  it("a touch that never answers (a host that stopped answering) opens the breaker at the deadline and fails every waiting touch", async () => {
    vi.useFakeTimers();
    const breaker = new AcceptBreaker(never);
    const lookup = breaker.guard(never);
    const insert = breaker.guard(never);
    const settled = Promise.allSettled([lookup, insert]);
    await vi.advanceTimersByTimeAsync(breaker.deadlineMs - 1);
    expect(breaker.open).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await nextTurn();
    expect(breaker.open).toBe(true);
    expect(breaker.lastTrip).toBe("deadline");
    for (const result of await settled) expect(result).toMatchObject({ status: "rejected", reason: expect.any(AcceptUnavailable) });
  });

  it("a touch abandoned at the deadline that fails later does not open the breaker again once a probe has closed it", async () => {
    vi.useFakeTimers();
    let fail: (error: unknown) => void = () => {};
    const breaker = new AcceptBreaker(() => Promise.resolve(1));
    // Its refusal is read at once, as the request does: a rejection nobody handles before the timers run is
    // an unhandled rejection, and vitest counts it as an error of the run.
    const abandoned = breaker.guard(() => new Promise((_, reject) => (fail = reject))).catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(breaker.deadlineMs);
    await nextTurn();
    expect(await abandoned).toBeInstanceOf(AcceptUnavailable);
    await vi.advanceTimersByTimeAsync(PROBE_EVERY_MS);
    expect(breaker.open).toBe(false);
    // The abandoned INSERT's connection finally drops: stale news, the database answered the probe since.
    fail(refused());
    await vi.advanceTimersByTimeAsync(0);
    expect(breaker.open).toBe(false);
  });

  it("a touch that answers in time leaves the breaker closed, and its timer does not outlive it", async () => {
    vi.useFakeTimers();
    const breaker = new AcceptBreaker(never);
    await expect(breaker.guard(() => Promise.resolve("row"))).resolves.toBe("row");
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(breaker.deadlineMs * 2);
    await nextTurn();
    expect(breaker.open).toBe(false);
  });
});
