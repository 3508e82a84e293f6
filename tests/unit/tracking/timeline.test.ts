import { describe, expect, it } from "vitest";
import { zoneLabel, formatCalendarDay } from "@/lib/tracking/dates";
import { buildTimeline, type TimelineEventInput } from "@/lib/tracking/timeline";

function event(iso: string, offset: number | null, extra: Partial<TimelineEventInput> = {}): TimelineEventInput {
  return { status: "IN_TRANSIT", detailCode: "arrived_at_facility", description: "Arrived", city: "Omaha", region: "NE", occurredAt: new Date(iso), utcOffsetMinutes: offset, ...extra };
}

describe("timeline", () => {
  it("shows each event on its own local clock with its zone, newest first", () => {
    const timeline = buildTimeline([event("2026-12-01T15:05:00Z", -300), event("2026-12-02T03:30:00Z", -360)], "America/Los_Angeles", "en");
    const items = timeline.recent.flatMap((day) => day.items);
    expect(items.map((item) => `${item.time} ${item.zone}`)).toEqual(["9:30 PM GMT-6", "10:05 AM GMT-5"]);
    expect(items[0]!.dateTime).toBe("2026-12-01T21:30-06:00");
    // 03:30 UTC on Dec 2 is still Dec 1 in Omaha: grouped by the local day.
    expect(timeline.recent.map((day) => day.heading)).toEqual(["Tuesday, December 1"]);
  });

  it("falls back to the shopper's zone when the carrier gave no offset, and says so", () => {
    const timeline = buildTimeline([event("2026-12-01T20:00:00Z", null)], "America/Los_Angeles", "en");
    const item = timeline.recent[0]!.items[0]!;
    expect(`${item.time} ${item.zone}`).toBe("12:00 PM PST");
    expect(item.ownZone).toBe(false);
  });

  it("speaks the page's language for days, times and zone names", () => {
    const timeline = buildTimeline([event("2026-12-01T20:00:00Z", null)], "America/Los_Angeles", "de");
    expect(timeline.recent[0]!.heading).toBe("Dienstag, 1. Dezember");
    expect(timeline.recent[0]!.items[0]!.time).toBe("12:00");
    expect(zoneLabel(new Date("2026-12-01T20:00:00Z"), "-05:00", "pt-BR")).toBe("GMT-5");
  });

  it("folds long histories: the newest six show, the rest are counted", () => {
    const events = Array.from({ length: 9 }, (_, index) => event(`2026-12-0${index + 1}T12:00:00Z`, 0));
    const timeline = buildTimeline(events, "UTC", "en");
    expect(timeline.recent.flatMap((day) => day.items)).toHaveLength(6);
    expect(timeline.earlierCount).toBe(3);
    expect(timeline.recent[0]!.key).toBe("2026-12-09");
    expect(timeline.earlier.at(-1)!.key).toBe("2026-12-01");
  });

  it("labels events in words every language has, and keeps database ids out", () => {
    const item = buildTimeline([event("2026-12-01T12:00:00Z", 0, { detailCode: "constructor", status: "EXCEPTION" })], "UTC", "en").recent[0]!.items[0]!;
    expect(item.label).toBe("exception");
    expect(item.id).toMatch(/^[0-9a-z]+-0$/);
    expect(item.place).toBe("Omaha, NE");
  });

  it("formats stored calendar dates as that date wherever the server runs", () => {
    expect(formatCalendarDay(new Date("2026-12-02T00:00:00Z"), "en")).toBe("Wed, Dec 2");
    expect(formatCalendarDay(new Date("2026-12-02T00:00:00Z"), "es")).toBe("mié 2 de dic");
    expect(formatCalendarDay(new Date("2026-12-02T00:00:00Z"), "fr")).toBe("mer. 2 déc.");
  });
});
