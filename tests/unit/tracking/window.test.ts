import { describe, expect, it } from "vitest";
import { bannerFor, readFlags } from "@/lib/tracking/banner";
import { statusSummary } from "@/lib/tracking/summary";
import { windowLine, type WindowInput } from "@/lib/tracking/window";
import { messagesFor } from "@/lib/i18n/messages";

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const base: WindowInput = { status: "IN_TRANSIT", etaEarliest: null, etaLatest: null, deliveredAt: null, events: [] };

describe("the window line", () => {
  it("shows a window only when the estimate gave one", () => {
    expect(windowLine(base, "UTC", "en")).toEqual({ kind: "none" });
    expect(windowLine({ ...base, etaEarliest: day("2026-12-02"), etaLatest: day("2026-12-04") }, "UTC", "en")).toEqual({ kind: "range", start: "Wed, Dec 2", end: "Fri, Dec 4" });
    expect(windowLine({ ...base, etaEarliest: day("2026-12-02"), etaLatest: day("2026-12-02") }, "UTC", "pt-BR")).toEqual({ kind: "single", date: "quarta, 2 de dez" });
  });

  it("gives the delivered date, local time and place of the delivery scan", () => {
    const delivered = new Date("2026-12-02T23:10:00Z");
    const line = windowLine(
      { ...base, status: "DELIVERED", deliveredAt: delivered, events: [{ status: "DELIVERED", city: "San Francisco", region: "CA", occurredAt: delivered, utcOffsetMinutes: -480 }] },
      "America/New_York",
      "en",
    );
    expect(line).toEqual({ kind: "delivered", date: "Wed, Dec 2", time: "3:10 PM", place: "San Francisco, CA" });
  });

  it("promises nothing for returned or cancelled parcels", () => {
    expect(windowLine({ ...base, status: "RETURNED_TO_SENDER", etaEarliest: day("2026-12-02"), etaLatest: day("2026-12-03") }, "UTC", "en")).toEqual({ kind: "closed" });
  });
});

describe("the issue banner", () => {
  const delay = { previousEarliest: day("2026-11-27"), previousLatest: day("2026-11-28"), newEarliest: day("2026-11-30"), newLatest: day("2026-12-02") };
  const input = { status: "IN_TRANSIT" as const, statusDetail: null, etaFlag: null, etaEarliest: null, etaLatest: null, delays: [] };

  it("owns a slip: the new window from the estimate, the previous one from the Delay", () => {
    expect(bannerFor({ ...input, etaEarliest: delay.newEarliest, etaLatest: delay.newLatest, etaFlag: "running_late", delays: [delay] })).toEqual({
      kind: "late",
      newWindow: { earliest: delay.newEarliest, latest: delay.newLatest },
      previousWindow: { earliest: delay.previousEarliest, latest: delay.previousLatest },
    });
  });

  it("says late without inventing a date when the flag comes with no window", () => {
    expect(bannerFor({ ...input, etaFlag: "late" })).toEqual({ kind: "late", newWindow: null, previousWindow: null });
  });

  it("puts carrier-reported side states first, and shows nothing once delivered", () => {
    expect(bannerFor({ ...input, status: "EXCEPTION", statusDetail: "weather_delay", delays: [delay] })?.kind).toBe("exception");
    expect(bannerFor({ ...input, status: "EXCEPTION", statusDetail: "weather_delay" })?.reason).toBe("weatherDelay");
    expect(bannerFor({ ...input, status: "DELIVERY_ATTEMPTED" })?.kind).toBe("attempted");
    expect(bannerFor({ ...input, status: "AVAILABLE_FOR_PICKUP" })?.kind).toBe("pickup");
    expect(bannerFor({ ...input, status: "RETURNED_TO_SENDER" })?.kind).toBe("returned");
    expect(bannerFor({ ...input, status: "DELIVERED", etaFlag: "running_late", delays: [delay] })).toBeNull();
    expect(bannerFor({ ...input, etaFlag: "stalled" })?.kind).toBe("stalled");
    expect(bannerFor(input)).toBeNull();
  });

  it("reads the estimate's flags tolerantly", () => {
    expect([...readFlags("running_late,stalled")]).toEqual(["late", "stalled"]);
    expect([...readFlags("no_history")]).toEqual([]);
  });
});

describe("the order summary", () => {
  it("names one parcel's status, or counts each status across parcels", () => {
    expect(statusSummary(["IN_TRANSIT"], messagesFor("en"))).toBe("On its way");
    expect(statusSummary(["DELIVERED", "IN_TRANSIT", "IN_TRANSIT"], messagesFor("es"))).toBe("1 Entregado · 2 En camino");
  });
});
