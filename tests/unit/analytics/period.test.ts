import { describe, expect, it } from "vitest";
import { periodFrom } from "@/lib/analytics/period";

const now = new Date("2026-12-06T12:00:00Z");
const last30 = { from: new Date("2026-11-07T00:00:00Z"), to: new Date("2026-12-07T00:00:00Z"), label: "last 30 days", days: 30 };

describe("analytics period from the query string", () => {
  it("takes a real custom period, inclusive of its last day", () => {
    expect(periodFrom({ from: "2026-11-01", to: "2026-11-30" }, now)).toEqual({
      from: new Date("2026-11-01T00:00:00Z"), to: new Date("2026-12-01T00:00:00Z"), label: "2026-11-01 – 2026-11-30",
    });
    expect(periodFrom({ days: "7" }, now)).toMatchObject({ label: "last 7 days", days: 7 });
  });

  // Found by the abuse suite: ?from=0000-01-01 reached PostgreSQL (22008) and the page answered 500.
  it.each([
    ["year 0", "0000-01-01", "0000-01-01"],
    ["before 2000", "1999-12-31", "2026-11-01"],
    ["far future", "2026-11-01", "9999-12-31"],
    ["not a day", "2026-02-30", "2026-03-01"],
    ["reversed", "2026-11-30", "2026-11-01"],
    ["longer than 400 days", "2024-01-01", "2026-11-30"],
    ["not a date", "yesterday", "today"],
  ])("falls back to the last 30 days for %s", (_name, from, to) => {
    expect(periodFrom({ from, to, days: from }, now)).toEqual(last30);
  });
});
