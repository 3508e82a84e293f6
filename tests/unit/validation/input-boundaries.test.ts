import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isInDateWindow } from "@/lib/validation/date-window";
import { isWellFormedId, isWellFormedSlug } from "@/lib/validation/ids";
import { findUnsafeValue, MAX_JSON_DEPTH, safeString } from "@/lib/validation/safe-text";

describe("input boundaries", () => {
  it("safeString refuses every C0 control character and DEL, and allows tab and line breaks only in free text", () => {
    for (let code = 0; code < 0x20; code += 1) {
      const text = `a${String.fromCharCode(code)}b`;
      expect(safeString().safeParse(text).success, `U+${code.toString(16)}`).toBe(false);
      expect(safeString({ multiline: true }).safeParse(text).success, `U+${code.toString(16)}`).toBe([9, 10, 13].includes(code));
    }
    expect(safeString().safeParse("a\u007fb").success).toBe(false);
    expect(safeString().safeParse("Zürich 😀 – “ok”").success).toBe(true);
  });

  it("findUnsafeValue names the field (keys included) and finds a NUL wherever it is", () => {
    expect(findUnsafeValue({ a: [{ b: "ok" }, { c: "x\u0000" }] })).toEqual({ path: "a.1.c", message: "must not contain control characters" });
    expect(findUnsafeValue({ "k\u0000": 1 })?.path).toBe("k\\u0000");
    expect(findUnsafeValue({ a: "line\r\nbreak\ttab" })).toBeNull();
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (left, right) => {
        expect(findUnsafeValue([left, { deep: [right, "\u0000"] }])).not.toBeNull();
      }),
    );
  });

  it("deep nesting is refused without recursion (20,000 levels)", () => {
    const deep = JSON.parse("[".repeat(20_000) + "]".repeat(20_000)) as unknown;
    expect(findUnsafeValue(deep)?.message).toBe(`is nested deeper than ${MAX_JSON_DEPTH} levels`);
  });

  it("the date window: 2000-01-01 up to a year after now", () => {
    const now = new Date("2026-12-06T12:00:00Z");
    expect(isInDateWindow(new Date("2000-01-01T00:00:00Z"), now)).toBe(true);
    expect(isInDateWindow(new Date("1999-12-31T23:59:59Z"), now)).toBe(false);
    expect(isInDateWindow(new Date("2027-12-06T12:00:00Z"), now)).toBe(true);
    expect(isInDateWindow(new Date("2027-12-08T12:00:00Z"), now)).toBe(false);
    expect(isInDateWindow(new Date("9999-12-31T23:59:59Z"), now)).toBe(false);
    expect(isInDateWindow(new Date(Number.NaN), now)).toBe(false);
  });

  it("ids and slugs: only what we issue", () => {
    expect(isWellFormedId("cmxc5v8bc00dj4f7d2qqjjtyd")).toBe(true);
    for (const bad of ["", "\u0000", "a b", "a%00", "x".repeat(65), "../x", "ä"]) expect(isWellFormedId(bad), bad).toBe(false);
    expect(isWellFormedSlug("northwind")).toBe(true);
    expect(isWellFormedSlug("North\u0000wind")).toBe(false);
  });
});
