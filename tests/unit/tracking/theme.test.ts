import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { contrast, parseHex, readableOn, WHITE } from "@/lib/tracking/color";
import { brandTheme, themeCss } from "@/lib/tracking/theme";

const hex = fc
  .tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }))
  .map(([r, g, b]) => `#${[r, g, b].map((c) => c.toString(16).padStart(2, "0")).join("")}`);

const PANELS = ["#ffffff", "#f8fafc", "#fffbeb", "#fef2f2"];

describe("brand theme", () => {
  it("keeps text on the brand band at 4.5:1 or better for any colour a merchant picks", () => {
    fc.assert(
      fc.property(hex, (colour) => {
        const theme = brandTheme(colour);
        expect(contrast(parseHex(theme.brand)!, parseHex(theme.onBrand)!)).toBeGreaterThanOrEqual(4.5);
      }),
      { numRuns: 2000 },
    );
  });

  it("makes the brand ink readable (4.5:1) on every panel it is used on, and on its own tint", () => {
    fc.assert(
      fc.property(hex, fc.option(hex, { nil: null }), (brand, accent) => {
        const theme = brandTheme(brand, accent);
        for (const panel of [...PANELS, theme.tint]) {
          expect(contrast(parseHex(theme.ink)!, parseHex(panel)!)).toBeGreaterThanOrEqual(4.5);
        }
        expect(contrast(parseHex(theme.tint)!, parseHex("#111827")!)).toBeGreaterThanOrEqual(4.5);
      }),
      { numRuns: 2000 },
    );
  });

  it("leaves a colour that already reads well unchanged", () => {
    expect(brandTheme("#0f766e").ink).toBe("#0f766e");
    expect(readableOn([0, 0, 0], WHITE)).toEqual([0, 0, 0]);
  });

  it("darkens a pale brand colour for text but keeps it for the band, with dark text on it", () => {
    const theme = brandTheme("#ffd400");
    expect(theme.brand).toBe("#ffd400");
    expect(theme.onBrand).toBe("#000000");
    expect(theme.ink).not.toBe("#ffd400");
  });

  it("falls back to the default colour for anything that is not #rrggbb (no CSS injection)", () => {
    expect(brandTheme("red; } body { display:none").brand).toBe("#1f6feb");
    expect(themeCss(brandTheme("#0F766E"))).toBe(":root{--brand:#0f766e;--brand-contrast:#ffffff;--brand-ink:#0f766e;--brand-tint:#e7f1f1}");
  });
});
