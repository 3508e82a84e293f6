/**
 * Shippo has no order field; merchants put free text in `metadata`, and Shippo's own docs use "Order 000123".
 * Only that exact shape is trusted ("Order 123", "Order #123", "Order number: 123"); any other text is not
 * an order number we can rely on, so it gives null rather than a guess.
 */
const ORDER_PATTERN = /^\s*order\s*(?:number|no\.?|#)?\s*[:#]?\s*([A-Za-z0-9][A-Za-z0-9._/-]{0,63})\s*$/i;

export function orderNumberFromMetadata(metadata: unknown): string | null {
  if (typeof metadata !== "string" || metadata.length > 200) return null;
  return ORDER_PATTERN.exec(metadata)?.[1] ?? null;
}
