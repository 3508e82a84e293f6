import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkTrackingNumber, normalizeTrackingNumber, trackingNumberFragment, trackingNumberSchema } from "../../../lib/shipments/tracking-number";

describe("the one spelling of a tracking number", () => {
  it("drops spaces and dashes (Unicode ones too) and upper-cases", () => {
    expect(normalizeTrackingNumber("1z827wk74630")).toBe("1Z827WK74630");
    expect(normalizeTrackingNumber("1Z 827 WK7 4630")).toBe("1Z827WK74630");
    expect(normalizeTrackingNumber("1234-5678-9012")).toBe("123456789012");
    // No-break space, narrow no-break space, ideographic space, en dash, non-breaking hyphen, minus sign.
    expect(normalizeTrackingNumber("1z\u00a0827\u202fwk7\u30004630")).toBe("1Z827WK74630");
    expect(normalizeTrackingNumber("1z\u2013827\u2011wk7\u22124630")).toBe("1Z827WK74630");
    expect(normalizeTrackingNumber("  9400 1118 9956\n")).toBe("940011189956");
  });

  it("refuses what cannot be a number, saying why", () => {
    const message = (raw: string) => (checkTrackingNumber(raw) as { message: string }).message;
    expect(message("1Z\u0000827")).toContain("control characters");
    expect(message("1Z\t827")).toContain("control characters");
    expect(message("1Z\u0085827")).toContain("letters and digits");
    expect(message("1Z📦827")).toContain("letters and digits");
    expect(message("1Z/827")).toContain("letters and digits");
    expect(message("ı".repeat(3))).toContain("letters and digits"); // upper-cases to ASCII "I": refused before that
    expect(message("１２３")).toContain("letters and digits"); // full-width digits are not ASCII
    expect(message(" - ")).toContain("letters or digits");
    expect(message("")).toContain("letters or digits");
    expect(message("1".repeat(65))).toContain("at most 64");
    expect(message("1".repeat(10_000))).toContain("at most 64");
    expect(normalizeTrackingNumber("1".repeat(64))).toBe("1".repeat(64));
  });

  it("is idempotent, and any accepted result is 1-64 upper-case ASCII letters and digits", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 140 }), (raw) => {
        const once = normalizeTrackingNumber(raw);
        if (once === null) return;
        expect(once).toMatch(/^[A-Z0-9]{1,64}$/);
        expect(normalizeTrackingNumber(once)).toBe(once);
      }),
    );
  });

  it("two spellings meet exactly when they differ only in case, spaces and dashes", () => {
    const number = fc.stringMatching(/^[A-Za-z0-9]{1,20}$/);
    fc.assert(
      fc.property(number, fc.array(fc.constantFrom(" ", "-", "\u00a0", "\u2010"), { maxLength: 5 }), (raw, separators) => {
        const spaced = separators.reduce((text, separator, index) => {
          const at = Math.min(text.length, index * 3);
          return `${text.slice(0, at)}${separator}${text.slice(at)}`;
        }, raw.toLowerCase());
        expect(normalizeTrackingNumber(spaced)).toBe(raw.toUpperCase());
      }),
    );
  });

  it("the zod field hands on the normalized form and names the problem", () => {
    expect(trackingNumberSchema().parse("1z 827")).toBe("1Z827");
    const failed = trackingNumberSchema().safeParse("1Z/827");
    expect(failed.success).toBe(false);
    expect(failed.error?.issues[0]?.message).toContain("letters and digits");
  });

  it("a search fragment is normalized the same way, or null when it cannot be part of a number", () => {
    expect(trackingNumberFragment("wk7 46")).toBe("WK746");
    expect(trackingNumberFragment("jon@example.com")).toBeNull();
    expect(trackingNumberFragment("#1001")).toBeNull();
  });
});
