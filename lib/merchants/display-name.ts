import { hasUnsafeCharacter, replaceUnsafeCharacters, safeString } from "../validation/safe-text";

/**
 * A merchant's name (and other one-line strings merchants set) reaches email From and Subject headers,
 * SMS and calendar files: CR/LF there splits a header or an .ics line. The characters refused are the
 * "display" rule of lib/validation/safe-text.ts (C0, DEL, C1, U+2028/U+2029), the one place they are listed.
 */
export const ONE_LINE_MESSAGE = "must be one line without control characters";

export function isOneLine(text: string): boolean {
  return !hasUnsafeCharacter(text, { rule: "display" });
}

/** z.string() that refuses line breaks and control characters; chain trim/min/max as usual. */
export function oneLineString() {
  return safeString({ rule: "display", message: ONE_LINE_MESSAGE });
}

/**
 * For names stored before the rule above: line breaks and control characters become spaces where a name
 * is written into a header, a text or a subject line.
 */
export function toOneLine(text: string): string {
  return replaceUnsafeCharacters(text, "display", " ").trim();
}
