import { describe, expect, it } from "vitest";
import { backoffDelay, DEFAULT_BACKOFF } from "../../../lib/notifications/outbox/backoff";
import { mergeInto } from "../../../lib/notifications/payload";
import { localDay, quietHoursRelease } from "../../../lib/notifications/policy";
import { inScope, isUrgent, triggerForChange } from "../../../lib/notifications/triggers";
import { normalizeLocale } from "../../../lib/notifications/locales";

describe("which status changes are news", () => {
  it("maps the main line and the side states", () => {
    expect(triggerForChange("INFO_RECEIVED", "IN_TRANSIT", 1)).toBe("SHIPPED");
    expect(triggerForChange("IN_TRANSIT", "IN_TRANSIT", 1)).toBeNull();
    expect(triggerForChange("EXCEPTION", "IN_TRANSIT", 1)).toBeNull();
    expect(triggerForChange("IN_TRANSIT", "OUT_FOR_DELIVERY", 1)).toBe("OUT_FOR_DELIVERY");
    expect(triggerForChange("INFO_RECEIVED", "DELIVERED", 3)).toBe("DELIVERED");
    expect(triggerForChange("OUT_FOR_DELIVERY", "DELIVERY_ATTEMPTED", 1)).toBe("DELIVERY_ATTEMPTED");
    expect(triggerForChange("OUT_FOR_DELIVERY", "AVAILABLE_FOR_PICKUP", 1)).toBe("AVAILABLE_FOR_PICKUP");
    expect(triggerForChange("IN_TRANSIT", "RETURNED_TO_SENDER", 1)).toBe("RETURNED");
    expect(triggerForChange("IN_TRANSIT", "CANCELLED", 1)).toBeNull();
  });

  it("treats every new exception or failed attempt as news, and a replay as nothing", () => {
    expect(triggerForChange("EXCEPTION", "EXCEPTION", 1)).toBe("EXCEPTION");
    expect(triggerForChange("DELIVERY_ATTEMPTED", "DELIVERY_ATTEMPTED", 1)).toBe("DELIVERY_ATTEMPTED");
    expect(triggerForChange("EXCEPTION", "EXCEPTION", 0)).toBeNull();
    expect(triggerForChange("OUT_FOR_DELIVERY", "OUT_FOR_DELIVERY", 2)).toBeNull();
  });

  it("keeps 'shipped' for 'every step' subscribers, and lets delivered and exceptions through quiet hours", () => {
    expect(inScope("KEY", "SHIPPED")).toBe(false);
    expect(inScope("KEY", "DELAY")).toBe(true);
    expect(inScope("ALL", "SHIPPED")).toBe(true);
    expect(["DELIVERED", "EXCEPTION"].every((t) => isUrgent(t as "DELIVERED"))).toBe(true);
    expect(isUrgent("OUT_FOR_DELIVERY")).toBe(false);
  });
});

describe("quiet hours", () => {
  const zone = "America/New_York";
  it("leaves the day alone and holds the night until 08:00 local", () => {
    expect(quietHoursRelease(new Date("2026-07-01T16:00:00Z"), zone)).toEqual(new Date("2026-07-01T16:00:00Z")); // 12:00 EDT
    expect(quietHoursRelease(new Date("2026-07-02T01:30:00Z"), zone)).toEqual(new Date("2026-07-02T12:00:00Z")); // 21:30 → 08:00 EDT
    expect(quietHoursRelease(new Date("2026-07-02T09:00:00Z"), zone)).toEqual(new Date("2026-07-02T12:00:00Z")); // 05:00 → 08:00
    expect(quietHoursRelease(new Date("2026-07-02T12:00:00Z"), zone)).toEqual(new Date("2026-07-02T12:00:00Z")); // 08:00 exactly
    expect(quietHoursRelease(new Date("2026-07-02T00:59:00Z"), zone)).toEqual(new Date("2026-07-02T00:59:00Z")); // 20:59
  });

  it("uses the right offset across a daylight-saving change", () => {
    // 2026-11-01 02:00 EDT → EST. 23:00 EDT on Oct 31 is held to 08:00 EST on Nov 1.
    expect(quietHoursRelease(new Date("2026-11-01T03:00:00Z"), zone)).toEqual(new Date("2026-11-01T13:00:00Z"));
  });

  it("counts days in the shopper's zone", () => {
    expect(localDay(new Date("2026-07-02T03:00:00Z"), zone)).toBe("2026-07-01");
    expect(localDay(new Date("2026-07-02T03:00:00Z"), "Europe/Berlin")).toBe("2026-07-02");
  });
});

describe("backoff", () => {
  it("grows exponentially with jitter, capped", () => {
    const low = () => 0;
    const high = () => 1;
    expect(backoffDelay(1, DEFAULT_BACKOFF, low)).toBe(2_500);
    expect(backoffDelay(1, DEFAULT_BACKOFF, high)).toBe(5_000);
    expect(backoffDelay(3, DEFAULT_BACKOFF, high)).toBe(20_000);
    expect(backoffDelay(20, DEFAULT_BACKOFF, high)).toBe(DEFAULT_BACKOFF.capMs);
    const samples = new Set(Array.from({ length: 50 }, () => backoffDelay(4)));
    expect(samples.size).toBeGreaterThan(10);
    for (const sample of samples) expect(sample).toBeGreaterThanOrEqual(20_000);
  });
});

describe("coalescing", () => {
  const payload = { statusAt: null, event: null, delay: null, mergedKeys: ["a"] };
  it("lets the newest status win and keeps a delay's first old date and last new window", () => {
    const merged = mergeInto(
      { trigger: "DELAY", payload: { ...payload, delay: { previousLatest: "2026-12-05", newEarliest: "2026-12-07", newLatest: "2026-12-08" } }, dedupeKey: "a" },
      { trigger: "DELAY", payload: { ...payload, delay: { previousLatest: "2026-12-08", newEarliest: "2026-12-09", newLatest: "2026-12-10" } }, key: "b" },
    );
    expect(merged.payload.delay).toEqual({ previousLatest: "2026-12-05", newEarliest: "2026-12-09", newLatest: "2026-12-10" });
    expect(merged.payload.mergedKeys).toEqual(["a", "b"]);
    expect(mergeInto({ trigger: "OUT_FOR_DELIVERY", payload, dedupeKey: "a" }, { trigger: "DELAY", payload, key: "c" }).trigger).toBe("OUT_FOR_DELIVERY");
    expect(mergeInto({ trigger: "OUT_FOR_DELIVERY", payload, dedupeKey: "a" }, { trigger: "DELIVERED", payload, key: "d" }).trigger).toBe("DELIVERED");
  });
});

describe("languages", () => {
  it("maps page languages to the five we write in", () => {
    expect(normalizeLocale("pt")).toBe("pt-BR");
    expect(normalizeLocale("PT-br")).toBe("pt-BR");
    expect(normalizeLocale("es-MX")).toBe("es");
    expect(normalizeLocale("fr_CA")).toBe("fr");
    expect(normalizeLocale("ja")).toBe("en");
    expect(normalizeLocale(undefined, "de")).toBe("de");
  });
});
