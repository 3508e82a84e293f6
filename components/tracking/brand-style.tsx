import { brandTheme, themeCss } from "@/lib/tracking/theme";

/**
 * The merchant's colours as CSS variables in one <style> element (no style attributes, so the page's
 * Content-Security-Policy can allow exactly this stylesheet by its hash).
 */
export function BrandStyle({ brandColor, accentColor }: { brandColor: string; accentColor: string | null }) {
  return <style>{themeCss(brandTheme(brandColor, accentColor))}</style>;
}
