import { describe, expect, it } from "vitest";
import { addBusinessDays, businessCalendar, dayAt, holidaysBetween, indexOf, MAX_SPAN_DAYS } from "@/lib/estimates/business-days";
import { shiftByBusinessDays } from "@/lib/estimates/fusion";
import { dayNumberOf } from "@/lib/estimates/local-date";

/**
 * Defence in depth behind the date window (issue 10, finding 3): a carrier estimate of 9999-12-31 made
 * these walks visit ~2.9 million days, each asking the holiday calendar, for seconds per request. Whatever
 * day or count they are given, they now stop within MAX_SPAN_DAYS.
 */
describe("business-day walks are bounded", () => {
  const calendar = businessCalendar({ country: "BR", region: "RJ" });
  const today = dayNumberOf(2026, 12, 6);
  const farFuture = dayNumberOf(9999, 12, 31);

  const timed = <T>(run: () => T): { value: T; ms: number } => {
    const started = performance.now();
    const value = run();
    return { value, ms: performance.now() - started };
  };

  it("indexOf to year 9999 saturates instead of walking there", () => {
    const { value, ms } = timed(() => indexOf(today, farFuture, calendar));
    expect(ms).toBeLessThan(2_000);
    expect(value).toBeLessThanOrEqual(MAX_SPAN_DAYS);
    expect(value).toBeGreaterThan(2_000);
  });

  it.each([[1e9], [Number.POSITIVE_INFINITY], [Number.MAX_SAFE_INTEGER]])("dayAt, addBusinessDays and shiftByBusinessDays with %s days stop", (n) => {
    for (const run of [() => dayAt(today, n, calendar), () => addBusinessDays(today, n, calendar), () => shiftByBusinessDays(today, -n, calendar)]) {
      const { value, ms } = timed(run);
      expect(ms).toBeLessThan(2_000);
      expect(Math.abs(value - today)).toBeLessThanOrEqual(MAX_SPAN_DAYS + 100);
    }
  });

  it("NaN counts walk nowhere", () => {
    expect(addBusinessDays(today, Number.NaN, calendar)).toBe(today);
    expect(indexOf(today, Number.NaN, calendar)).toBe(0);
  });

  it("holidaysBetween over 8,000 years lists at most ~10 years of holidays", () => {
    const { value, ms } = timed(() => holidaysBetween(today, farFuture, calendar));
    expect(ms).toBeLessThan(2_000);
    expect(value.at(-1)!.day).toBeLessThanOrEqual(today + MAX_SPAN_DAYS);
  });

  it("spans that matter are untouched: 10 business days from a Monday", () => {
    const monday = dayNumberOf(2026, 11, 2);
    expect(addBusinessDays(monday, 10, calendar) - monday).toBeGreaterThanOrEqual(14);
  });
});
