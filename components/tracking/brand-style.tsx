import { brandTheme, themeCss } from "@/lib/tracking/theme";

/**
 * The merchant's colours as CSS variables in one <style> element (no style attributes, so the page's
 * Content-Security-Policy can allow exactly this stylesheet: by its hash in cached documents, by the
 * request's nonce in documents rendered per request).
 */
export function BrandStyle({ brandColor, accentColor, nonce }: { brandColor: string; accentColor: string | null; nonce?: string }) {
  return <style nonce={nonce}>{themeCss(brandTheme(brandColor, accentColor))}</style>;
}
