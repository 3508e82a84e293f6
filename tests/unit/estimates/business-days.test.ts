import { describe, expect, it } from "vitest";
import {
  addBusinessDays,
  businessCalendar,
  dayAt,
  expectedShipDay,
  handlingStartDay,
  holidaysBetween,
  indexOf,
  rollForward,
} from "@/lib/estimates/business-days";
import { fromDayNumber, toDayNumber } from "@/lib/estimates/local-date";
import type { Place } from "@/lib/estimates/types";

const d = toDayNumber;
const BR_SP = businessCalendar({ country: "BR", region: "SP" });
const BR_RJ = businessCalendar({ country: "BR", region: "RJ" });
const US_NY = businessCalendar({ country: "US", region: "NY" });

describe("business days", () => {
  it("skips weekends", () => {
    expect(fromDayNumber(addBusinessDays(d("2018-03-16"), 1, BR_SP))).toBe("2018-03-19"); // Fri → Mon
    expect(fromDayNumber(addBusinessDays(d("2018-03-17"), 1, BR_SP))).toBe("2018-03-19"); // Sat → Mon
    expect(fromDayNumber(addBusinessDays(d("2018-03-14"), 5, BR_SP))).toBe("2018-03-21");
    expect(fromDayNumber(rollForward(d("2018-03-18"), BR_SP))).toBe("2018-03-19");
  });

  it("skips Brazilian national holidays: Christmas and Tiradentes on a Friday", () => {
    expect(fromDayNumber(addBusinessDays(d("2017-12-22"), 1, BR_SP))).toBe("2017-12-26"); // Fri → (Mon 25 Natal) → Tue
    expect(fromDayNumber(addBusinessDays(d("2017-04-20"), 1, BR_SP))).toBe("2017-04-24"); // Thu → (Fri 21 Tiradentes) → Mon
    expect(BR_SP.holidayOn(d("2018-04-21"))).toBe("Dia de Tiradentes");
  });

  it("does not count a holiday that falls on a weekend (Tiradentes 2018 is a Saturday) as one on the way", () => {
    expect(fromDayNumber(addBusinessDays(d("2018-04-20"), 1, BR_SP))).toBe("2018-04-23");
    expect(holidaysBetween(d("2018-04-19"), d("2018-04-24"), BR_SP)).toEqual([]);
  });

  it("uses Brazilian state holidays: São Jorge (2018-04-23) closes Rio but not São Paulo", () => {
    expect(fromDayNumber(addBusinessDays(d("2018-04-20"), 1, BR_RJ))).toBe("2018-04-24");
    expect(holidaysBetween(d("2018-04-19"), d("2018-04-24"), BR_RJ)).toEqual([{ day: d("2018-04-23"), name: "Dia de São Jorge" }]);
  });

  it("skips Thanksgiving in the US but not the day after, nor New York's state-only holidays", () => {
    expect(fromDayNumber(addBusinessDays(d("2026-11-25"), 1, US_NY))).toBe("2026-11-27");
    expect(fromDayNumber(addBusinessDays(d("2026-11-25"), 2, US_NY))).toBe("2026-11-30");
    expect(US_NY.isBusinessDay(d("2026-02-12"))).toBe(true); // Lincoln's Birthday: USPS delivers
  });

  it("indexes delivery days so that 'on or before dayAt(base, k)' ⇔ 'index ≤ k', weekends included", () => {
    const base = d("2018-03-14"); // Wednesday
    expect(indexOf(base, d("2018-03-14"), BR_SP)).toBe(0);
    expect(indexOf(base, d("2018-03-16"), BR_SP)).toBe(2); // Friday
    expect(indexOf(base, d("2018-03-17"), BR_SP)).toBe(3); // Saturday counts with Monday…
    expect(fromDayNumber(dayAt(base, 3, BR_SP))).toBe("2018-03-19"); // …and is on or before it
    expect(indexOf(base, d("2018-03-10"), BR_SP)).toBe(0); // before the base
    expect(indexOf(d("2018-03-17"), d("2018-03-17"), BR_SP)).toBe(0); // a Saturday hand-off counts from Monday
    expect(fromDayNumber(dayAt(d("2018-03-17"), 0, BR_SP))).toBe("2018-03-19");
    for (let day = base; day < base + 30; day += 1) {
      const k = indexOf(base, day, BR_SP);
      expect(day <= dayAt(base, k, BR_SP)).toBe(true);
      if (k > 0) expect(day > dayAt(base, k - 1, BR_SP)).toBe(true);
    }
  });
});

describe("handling start: cutoff in the merchant's time zone", () => {
  const newYork: Place = { country: "US", region: "NY", timeZone: "America/New_York" };
  const policy = { handlingDays: 2, cutoff: "14:00" };

  it("uses the daylight-saving offset in force (2026-03-08 change)", () => {
    // 18:30Z is 13:30 EST on Friday 03-06 (before the cutoff) but 14:30 EDT on Monday 03-09 (after it).
    expect(fromDayNumber(handlingStartDay(new Date("2026-03-06T18:30:00Z"), policy, newYork, US_NY))).toBe("2026-03-06");
    expect(fromDayNumber(handlingStartDay(new Date("2026-03-09T18:30:00Z"), policy, newYork, US_NY))).toBe("2026-03-10");
    expect(fromDayNumber(handlingStartDay(new Date("2026-03-09T17:59:00Z"), policy, newYork, US_NY))).toBe("2026-03-09");
  });

  it("uses the fall-back offset (2026-11-01 change) and rolls weekend orders to Monday", () => {
    // Friday 10-30 13:59 EDT is before the cutoff; 23:30 EDT that night is after it → Monday 11-02.
    expect(fromDayNumber(handlingStartDay(new Date("2026-10-30T17:59:00Z"), policy, newYork, US_NY))).toBe("2026-10-30");
    expect(fromDayNumber(handlingStartDay(new Date("2026-10-31T03:30:00Z"), policy, newYork, US_NY))).toBe("2026-11-02");
    // Sunday 11-01 01:30, the second (EST) time round, is still Sunday → Monday.
    expect(fromDayNumber(handlingStartDay(new Date("2026-11-01T06:30:00Z"), policy, newYork, US_NY))).toBe("2026-11-02");
    // Monday 11-02 13:30 EST = 18:30Z, before the cutoff now that New York is UTC-5 again.
    expect(fromDayNumber(handlingStartDay(new Date("2026-11-02T18:30:00Z"), policy, newYork, US_NY))).toBe("2026-11-02");
  });

  it("puts an order at 23:30 in New York on its New York day even though it is the next day in UTC", () => {
    // 2026-11-25T04:30Z = Tuesday 11-24 23:30 EST → after the cutoff → Wednesday; +2 handling days skips Thanksgiving.
    const ordered = new Date("2026-11-25T04:30:00Z");
    expect(fromDayNumber(handlingStartDay(ordered, policy, newYork, US_NY))).toBe("2026-11-25");
    expect(fromDayNumber(expectedShipDay(ordered, policy, newYork, US_NY))).toBe("2026-11-30");
  });
});
