import { describe, expect, it } from "vitest";
import { isOneLine, ONE_LINE_MESSAGE, oneLineString, toOneLine } from "@/lib/merchants/display-name";
import { safeString } from "@/lib/validation/safe-text";

/** The "display" rule (names and one-line branding), built on lib/validation/safe-text like every other string rule. */
describe("one-line display strings", () => {
  const refused = [
    ...Array.from({ length: 0x20 }, (_, code) => code),
    0x7f,
    ...Array.from({ length: 0x20 }, (_, code) => 0x80 + code),
    0x2028,
    0x2029,
  ];

  it("oneLineString refuses C0, DEL, C1 and the Unicode line/paragraph separators, with its own message", () => {
    for (const code of refused) {
      const result = oneLineString().safeParse(`Shop${String.fromCharCode(code)}Name`);
      expect(result.success, `U+${code.toString(16)}`).toBe(false);
      expect(result.error?.issues[0]?.message).toBe(ONE_LINE_MESSAGE);
      expect(isOneLine(`a${String.fromCharCode(code)}`), `U+${code.toString(16)}`).toBe(false);
    }
    for (const name of ["Zürich Bikes", "Café 😀 – “ok”", "Ünïcödé\u00a0shop", "東京ストア"]) expect(oneLineString().safeParse(name).success, name).toBe(true);
  });

  it("is stricter than the stranger-input rule: C1 and U+2028 pass safeString but not oneLineString", () => {
    for (const text of ["a\u0085b", "a\u2028b", "a\u009bb"]) {
      expect(safeString().safeParse(text).success, text).toBe(true);
      expect(oneLineString().safeParse(text).success, text).toBe(false);
    }
  });

  it("toOneLine turns each run of those characters into one space and trims", () => {
    expect(toOneLine("Evil\r\nBcc: x@example.com")).toBe("Evil Bcc: x@example.com");
    expect(toOneLine("\u0000Shop\u2028\u2029\u0085Name\n")).toBe("Shop Name");
    expect(toOneLine("Plain shop")).toBe("Plain shop");
  });
});
