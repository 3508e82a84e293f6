import { TZDate } from "@date-fns/tz";
import { describe, expect, it } from "vitest";
import {
  fromDayNumber,
  instantOfLocal,
  isLocalDate,
  localClockOf,
  parseClock,
  toDayNumber,
  toLocalDate,
  weekdayOf,
} from "@/lib/estimates/local-date";

const NEW_YORK = "America/New_York";

describe("local dates", () => {
  it("round-trips day numbers and knows weekdays", () => {
    expect(toDayNumber("1970-01-01")).toBe(0);
    expect(fromDayNumber(toDayNumber("2018-04-21"))).toBe("2018-04-21");
    expect(weekdayOf(toDayNumber("2018-04-21"))).toBe(6); // Saturday
    expect(weekdayOf(toDayNumber("2026-11-26"))).toBe(4); // Thursday
  });

  it("rejects dates that do not exist", () => {
    expect(isLocalDate("2018-02-29")).toBe(false);
    expect(isLocalDate("2016-02-29")).toBe(true);
    expect(() => toDayNumber("2018-13-01")).toThrow(/not a local date/);
  });

  it("puts one instant on different local dates either side of midnight", () => {
    const instant = new Date("2026-03-10T05:30:00Z");
    expect(toLocalDate(instant, NEW_YORK)).toBe("2026-03-10"); // 01:30 EDT
    expect(toLocalDate(instant, "America/Los_Angeles")).toBe("2026-03-09"); // 22:30 PDT
    expect(toLocalDate(instant, "America/Sao_Paulo")).toBe("2026-03-10"); // 02:30
  });

  it("reads local clocks across the 2026 New York daylight-saving changes", () => {
    // Before the spring change New York is UTC-5, after it UTC-4.
    expect(localClockOf(new Date("2026-03-06T18:30:00Z"), NEW_YORK)).toEqual({ day: toDayNumber("2026-03-06"), minutes: 13 * 60 + 30 });
    expect(localClockOf(new Date("2026-03-09T18:30:00Z"), NEW_YORK)).toEqual({ day: toDayNumber("2026-03-09"), minutes: 14 * 60 + 30 });
    // 2026-11-01 01:30 happens twice; both are that local day.
    expect(localClockOf(new Date("2026-11-01T05:30:00Z"), NEW_YORK).minutes).toBe(90);
    expect(localClockOf(new Date("2026-11-01T06:30:00Z"), NEW_YORK).minutes).toBe(90);
  });

  it("turns wall times into instants, moving skipped times forward and taking the first of repeated ones", () => {
    expect(instantOfLocal(toDayNumber("2026-03-08"), 150, NEW_YORK).toISOString()).toBe("2026-03-08T07:30:00.000Z"); // 02:30 → 03:30 EDT
    expect(instantOfLocal(toDayNumber("2026-11-01"), 90, NEW_YORK).toISOString()).toBe("2026-11-01T05:30:00.000Z"); // first 01:30 (EDT)
    expect(instantOfLocal(toDayNumber("2026-11-02"), 0, NEW_YORK).toISOString()).toBe("2026-11-02T05:00:00.000Z"); // EST
  });

  it("agrees with a direct time-zone conversion every 97 minutes through a year of jumps, both ways", { timeout: 30_000 }, () => {
    // São Paulo and New York jump by an hour on different days; Lord Howe by half an hour.
    for (const zone of ["America/Sao_Paulo", NEW_YORK, "Australia/Lord_Howe"]) {
      for (let ms = Date.UTC(2018, 0, 1); ms < Date.UTC(2019, 0, 1); ms += 97 * 60_000) {
        const local = new TZDate(ms, zone);
        const day = Date.UTC(local.getFullYear(), local.getMonth(), local.getDate()) / 86_400_000;
        const minutes = local.getHours() * 60 + local.getMinutes();
        expect(localClockOf(new Date(ms), zone), `${zone} ${new Date(ms).toISOString()}`).toEqual({ day, minutes });
        const wall = new TZDate(local.getFullYear(), local.getMonth(), local.getDate(), local.getHours(), local.getMinutes(), 0, zone);
        expect(instantOfLocal(day, minutes, zone).getTime(), `${zone} ${day} ${minutes}`).toBe(wall.getTime());
      }
    }
  });

  it("parses cutoffs", () => {
    expect(parseClock("14:00")).toBe(840);
    expect(parseClock("24:00")).toBe(1440);
    expect(() => parseClock("2pm")).toThrow(/HH:MM/);
    expect(() => parseClock("25:00")).toThrow();
  });
});
