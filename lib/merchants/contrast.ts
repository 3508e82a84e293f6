/** WCAG 2.x contrast, pure (used by the server and by the console's live preview in the browser). */
export function relativeLuminance(hex: string): number {
  const value = hex.replace("#", "");
  const channels = [0, 2, 4].map((offset) => parseInt(value.slice(offset, offset + 2), 16) / 255);
  const [r, g, b] = channels.map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** The text colour that reads best on a brand colour, and whether it meets AA for normal text (4.5:1). */
export function brandContrast(brandColor: string) {
  const onWhite = contrastRatio(brandColor, "#ffffff");
  const onBlack = contrastRatio(brandColor, "#000000");
  const text = onWhite >= onBlack ? "#ffffff" : "#000000";
  const ratio = Math.max(onWhite, onBlack);
  return { text, ratio, onWhite, meetsAA: ratio >= 4.5, linksOnWhiteMeetAA: onWhite >= 4.5 };
}
