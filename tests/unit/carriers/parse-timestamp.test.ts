import { describe, expect, it } from "vitest";
import { parseTimestamp } from "@/lib/carriers/parse-timestamp";

describe("parseTimestamp", () => {
  it("reads a numeric offset into the instant and utcOffsetMinutes", () => {
    expect(parseTimestamp("2026-07-01T10:00:00+08:00")).toEqual({
      instant: new Date("2026-07-01T02:00:00Z"),
      utcOffsetMinutes: 480,
      form: "offset",
    });
    expect(parseTimestamp("2026-11-29T14:05:00-05:00")?.instant.toISOString()).toBe("2026-11-29T19:05:00.000Z");
    expect(parseTimestamp("2026-11-29T14:05:00-05:00")?.utcOffsetMinutes).toBe(-300);
    expect(parseTimestamp("2026-07-01T10:00:00+0530")?.utcOffsetMinutes).toBe(330);
    expect(parseTimestamp("2026-07-01T10:00:00+05")?.utcOffsetMinutes).toBe(300);
    expect(parseTimestamp("2026-07-01T10:00:00-00:00")?.utcOffsetMinutes).toBe(0);
    expect(parseTimestamp("2026-07-01T10:00:00+00:00")?.form).toBe("offset");
  });

  it("keeps fractions of a second to the millisecond", () => {
    expect(parseTimestamp("2024-07-24T17:47:12.180Z")?.instant.toISOString()).toBe("2024-07-24T17:47:12.180Z");
    expect(parseTimestamp("2024-07-24T17:47:12.1234567+01:00")?.instant.toISOString()).toBe("2024-07-24T16:47:12.123Z");
  });

  it("reads Z as the instant but does not claim to know the local offset", () => {
    expect(parseTimestamp("2024-07-31T15:00:00Z")).toEqual({
      instant: new Date("2024-07-31T15:00:00Z"),
      utcOffsetMinutes: null,
      form: "utc",
    });
  });

  it("keeps a zone-less wall-clock as written, with no offset", () => {
    expect(parseTimestamp("2021-01-14T00:52:00")).toEqual({
      instant: new Date("2021-01-14T00:52:00Z"),
      utcOffsetMinutes: null,
      form: "floating",
    });
    expect(parseTimestamp("2021-01-14 00:52")?.form).toBe("floating");
  });

  it("reads a bare date as that calendar day", () => {
    expect(parseTimestamp("2024-08-05")).toEqual({ instant: new Date("2024-08-05T00:00:00Z"), utcOffsetMinutes: null, form: "date" });
  });

  it("does not depend on the server's time zone", () => {
    // Would differ between TZ=UTC and TZ=America/New_York if the host zone leaked in.
    expect(parseTimestamp("2021-01-14T00:52:00")?.instant.getTime()).toBe(Date.UTC(2021, 0, 14, 0, 52, 0));
  });

  it.each([
    "",
    "yesterday",
    "2026-02-30",
    "2026-13-01T00:00:00Z",
    "2026-01-01T24:00:00Z",
    "2026-01-01T10:60:00Z",
    "2026-01-01T10:00:61Z",
    "2026-01-01T10:00:00+25:00",
    "2026-01-01T10:00:00+05:75",
    "1712741696",
    "2026-01-01T10:00:00Z trailing",
    "0099-01-01",
  ])("rejects %j", (text) => {
    expect(parseTimestamp(text)).toBeNull();
  });
});
