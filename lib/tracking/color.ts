/**
 * WCAG 2.x colour arithmetic for merchant brand colours. Pure: the theme is computed on the server and
 * sent as CSS variables, so any colour a merchant picks still gives readable text.
 */
export type Rgb = [number, number, number];

const HEX = /^#([0-9a-f]{6})$/i;

export function parseHex(value: string | null | undefined): Rgb | null {
  const match = HEX.exec(value?.trim() ?? "");
  if (!match) return null;
  const hex = match[1]!;
  return [0, 2, 4].map((offset) => parseInt(hex.slice(offset, offset + 2), 16)) as Rgb;
}

export function toHex([r, g, b]: Rgb): string {
  return `#${[r, g, b].map((channel) => Math.round(channel).toString(16).padStart(2, "0")).join("")}`;
}

export function luminance([r, g, b]: Rgb): number {
  const linear = (channel: number) => {
    const c = channel / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

export function contrast(a: Rgb, b: Rgb): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** Mixes `color` toward `target` by `amount` (0 = unchanged, 1 = target). */
export function mix(color: Rgb, target: Rgb, amount: number): Rgb {
  return color.map((channel, index) => channel + (target[index]! - channel) * amount) as Rgb;
}

export const WHITE: Rgb = [255, 255, 255];
export const BLACK: Rgb = [0, 0, 0];
export const INK: Rgb = [17, 24, 39]; // body text (#111827, Tailwind slate-900's neighbour)

/**
 * White or black, whichever reads better on `background`. One of them always reaches 4.58:1 (the worst
 * case is a background of luminance ≈ 0.18); a softer near-black would drop to 4.27:1 there.
 */
export function textOn(background: Rgb): Rgb {
  return contrast(background, WHITE) >= contrast(background, BLACK) ? WHITE : BLACK;
}

/**
 * The brand colour moved toward black or white just enough to reach `minimum` contrast on `background`,
 * so it can colour text, links and the progress bar. An already readable colour is returned unchanged.
 */
export function readableOn(color: Rgb, background: Rgb, minimum = 4.5): Rgb {
  if (contrast(color, background) >= minimum) return color;
  const toward: Rgb = luminance(background) > 0.5 ? [0, 0, 0] : WHITE;
  let low = 0;
  let high = 1;
  for (let step = 0; step < 20; step++) {
    const middle = (low + high) / 2;
    if (contrast(mix(color, toward, middle), background) >= minimum) high = middle;
    else low = middle;
  }
  const result = mix(color, toward, high).map((channel) => Math.round(channel)) as Rgb;
  // Rounding can land a hair under the threshold: nudge until it holds.
  let nudged = result;
  for (let extra = 0.01; contrast(nudged, background) < minimum && extra <= 1; extra += 0.01) {
    nudged = mix(result, toward, extra).map((channel) => Math.round(channel)) as Rgb;
  }
  return nudged;
}
