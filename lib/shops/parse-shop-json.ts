import { AppError } from "../errors";
import { findUnsafeValue } from "../validation/safe-text";

/** Integers longer than this lose digits as JavaScript numbers (2^53 has 16). */
const SAFE_DIGITS = 15;

/**
 * JSON.parse, except that integer literals too long for a JavaScript number become strings. Shopify ids
 * are 64-bit ("id": 820982911946154508 in its own samples): parsed as numbers, two orders could share an id
 * and a fulfillment's order_id would name the wrong one. Node 20 has no JSON.parse source access, so the
 * text is scanned once (strings skipped) and long integers quoted before parsing.
 * Then the same floor as every other body: no control characters in any value.
 */
export function parseShopJson(body: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(quoteLongIntegers(body)) as unknown;
  } catch {
    throw new AppError("invalid_payload", "body: is not valid JSON");
  }
  const unsafe = findUnsafeValue(value);
  if (unsafe) throw new AppError("invalid_payload", `body${unsafe.path ? `.${unsafe.path}` : ""}: ${unsafe.message}`);
  return value;
}

export function quoteLongIntegers(text: string): string {
  let out = "";
  let copiedTo = 0;
  let index = 0;
  while (index < text.length) {
    const char = text[index]!;
    if (char === '"') {
      // Skip the string, escapes included.
      index++;
      while (index < text.length && text[index] !== '"') index += text[index] === "\\" ? 2 : 1;
      index++;
      continue;
    }
    if ((char >= "0" && char <= "9") || char === "-") {
      let end = index + 1;
      while (end < text.length && /[0-9.eE+-]/.test(text[end]!)) end++;
      const literal = text.slice(index, end);
      if (/^-?\d+$/.test(literal) && literal.replace("-", "").length > SAFE_DIGITS) {
        out += `${text.slice(copiedTo, index)}"${literal}"`;
        copiedTo = end;
      }
      index = end;
      continue;
    }
    index++;
  }
  return copiedTo === 0 ? text : out + text.slice(copiedTo);
}
