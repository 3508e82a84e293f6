import { contrast, INK, luminance, mix, parseHex, readableOn, textOn, toHex, WHITE, type Rgb } from "./color";

const FALLBACK_BRAND: Rgb = [31, 111, 235]; // #1f6feb, the schema default

/** Panels brand-coloured text can sit on: white, slate-50, amber-50 and red-50 (banners). */
const PANELS: Rgb[] = [WHITE, [248, 250, 252], [255, 251, 235], [254, 242, 242]];

export interface BrandTheme {
  /** The merchant's colour as chosen: the header band. */
  brand: string;
  /** Text on the header band: white or black, whichever reaches ≥ 4.5:1. */
  onBrand: string;
  /** The brand (or accent) colour adjusted to ≥ 4.5:1 on every panel it sits on: links, progress bar. */
  ink: string;
  /** A pale tint of the brand for panels; body text on it stays ≥ 4.5:1. */
  tint: string;
  /** Contrast of onBrand on brand, for tests and the console preview. */
  bandContrast: number;
}

export function brandTheme(brandColor: string | null | undefined, accentColor?: string | null): BrandTheme {
  const brand = parseHex(brandColor) ?? FALLBACK_BRAND;
  const onBrand = textOn(brand);
  const accent = parseHex(accentColor) ?? brand;
  // Rounded now, so every check below sees the colour that is actually sent.
  const tint = mix(brand, WHITE, 0.9).map((channel) => Math.round(channel)) as Rgb;
  // Body text must read on the tint too; a tint that is somehow too dark falls back to white.
  const safeTint = contrast(INK, tint) >= 7 ? tint : WHITE;
  // Dark text on light panels: the darkest panel is the one that decides.
  const darkest = [...PANELS, safeTint].reduce((a, b) => (luminance(a) <= luminance(b) ? a : b));
  const ink = readableOn(accent, darkest, 4.5);
  return {
    brand: toHex(brand),
    onBrand: toHex(onBrand),
    ink: toHex(ink),
    tint: toHex(safeTint),
    bandContrast: contrast(brand, onBrand),
  };
}

/** The theme as a CSS rule: one <style> element, so no inline style attributes (strict CSP). */
export function themeCss(theme: BrandTheme, selector = ":root"): string {
  return `${selector}{--brand:${theme.brand};--brand-contrast:${theme.onBrand};--brand-ink:${theme.ink};--brand-tint:${theme.tint}}`;
}
