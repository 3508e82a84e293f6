import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AppError } from "../../../lib/errors";
import { parseShopJson, quoteLongIntegers } from "../../../lib/shops/parse-shop-json";

describe("parseShopJson keeps 64-bit ids exact", () => {
  it("turns integers too long for a JavaScript number into strings, and leaves everything else", () => {
    expect(parseShopJson('{"id": 820982911946154508, "n": 42, "f": 1.5e3, "neg": -9007199254740993}')).toEqual({
      id: "820982911946154508", n: 42, f: 1500, neg: "-9007199254740993",
    });
  });

  it("does not touch digits inside strings, escaped quotes included", () => {
    const text = '{"a": "820982911946154508", "b": "x\\"820982911946154508", "c": [820982911946154508]}';
    expect(parseShopJson(text)).toEqual({ a: "820982911946154508", b: 'x"820982911946154508', c: ["820982911946154508"] });
  });

  it("refuses what is not JSON, and control characters in values, as 400s", () => {
    expect(() => parseShopJson("{")).toThrow(AppError);
    expect(() => parseShopJson('{"name": "a\\u0000b"}')).toThrow(/body\.name/);
  });

  it("is JSON.parse for any value without long integers", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = JSON.stringify(value);
        if (/\d{16,}/.test(text)) return;
        expect(quoteLongIntegers(text)).toBe(text);
      }),
    );
  });
});
