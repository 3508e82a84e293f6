import { describe, expect, it } from "vitest";
import { buildIcs, escapeText, fold } from "@/lib/tracking/ics";

describe("calendar file", () => {
  const ics = buildIcs({
    uid: "abc@parcelpage",
    earliest: "2026-12-30",
    latest: "2026-12-31",
    title: "Entrega: pedido NW-1; Northwind, Inc.",
    description: "Síguelo aquí: https://example.com/t/x",
    url: "https://example.com/t/x",
    now: new Date("2026-12-01T10:00:00.123Z"),
  });

  it("is an all-day event over the window, with an exclusive end (across a year boundary)", () => {
    expect(ics).toContain("DTSTART;VALUE=DATE:20261230\r\n");
    expect(ics).toContain("DTEND;VALUE=DATE:20270101\r\n");
    expect(ics).toContain("DTSTAMP:20261201T100000Z\r\n");
    expect(ics.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
    expect(ics.endsWith("END:VCALENDAR\r\n")).toBe(true);
  });

  it("escapes text values", () => {
    expect(ics).toContain("SUMMARY:Entrega: pedido NW-1\\; Northwind\\, Inc.");
  });

  it("escapes every kind of line break, a lone CR too, and drops other control characters: no line of the file can be injected", () => {
    expect(escapeText("a\r\nb\nc\rd")).toBe("a\\nb\\nc\\nd");
    const hostile = buildIcs({
      uid: "x@parcelpage",
      earliest: "2026-12-30",
      latest: "2026-12-31",
      title: "Shop\rATTENDEE:mailto:evil@example.com\u0007",
      description: "d",
      url: "https://example.com/t/x",
      now: new Date("2026-12-01T10:00:00Z"),
    });
    expect(hostile.split("\r\n").some((line) => line.startsWith("ATTENDEE"))).toBe(false);
    expect(hostile).not.toMatch(/\r(?!\n)/);
    expect(hostile).not.toContain("\u0007");
  });

  it("folds long lines at 75 octets without splitting characters", () => {
    const folded = fold(`DESCRIPTION:${"é".repeat(80)}`);
    for (const line of folded.split("\r\n")) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    expect(folded.replace(/\r\n /g, "")).toBe(`DESCRIPTION:${"é".repeat(80)}`);
  });
});
