import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { foldToGsm7, isGsm7, smsSegments } from "../../../lib/notifications/templates/gsm7";

describe("GSM-7 segments", () => {
  it("counts 160 septets as one segment and 161 as two (153 each after that)", () => {
    expect(smsSegments("a".repeat(160))).toEqual({ encoding: "GSM-7", length: 160, segments: 1 });
    expect(smsSegments("a".repeat(161)).segments).toBe(2);
    expect(smsSegments("a".repeat(306)).segments).toBe(2);
    expect(smsSegments("a".repeat(307)).segments).toBe(3);
  });

  it("counts extension characters as two septets", () => {
    expect(smsSegments("€".repeat(80))).toEqual({ encoding: "GSM-7", length: 160, segments: 1 });
    expect(smsSegments(`${"a".repeat(159)}[`).segments).toBe(2);
  });

  it("falls back to UCS-2 (70, then 67 a segment) for anything outside the alphabet", () => {
    expect(smsSegments("ã".repeat(70))).toEqual({ encoding: "UCS-2", length: 70, segments: 1 });
    expect(smsSegments("ã".repeat(71)).segments).toBe(2);
    expect(smsSegments("😀").length).toBe(2);
  });

  it("keeps the accents GSM-7 has and folds the rest", () => {
    expect(foldToGsm7("é è à ù ñ ü ä ö ß É Ñ")).toBe("é è à ù ñ ü ä ö ß É Ñ");
    expect(foldToGsm7("ação, está, você, très, déjà, coração, «oui»")).toBe('acao, esta, voce, très, déjà, coracao, "oui"');
    expect(foldToGsm7("Dec 3 – 5 … ’quoted’")).toBe("Dec 3 - 5 ... 'quoted'");
    expect(foldToGsm7("Ship 🚚 now")).toBe("Ship now");
  });

  it("always produces GSM-7, whatever it is given", () => {
    fc.assert(fc.property(fc.string({ unit: "grapheme", maxLength: 200 }), (text) => isGsm7(foldToGsm7(text))));
  });
});
