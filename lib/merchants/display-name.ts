import { z } from "zod";

/**
 * A merchant's name (and other one-line strings merchants set) reaches email From and Subject headers,
 * SMS and calendar files: CR/LF there splits a header or an .ics line, and other control characters
 * (C0, DEL, C1) have no business in a name. Unicode line/paragraph separators count as line breaks.
 */
const NOT_ONE_LINE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

export const ONE_LINE_MESSAGE = "must be one line without control characters";

export function isOneLine(text: string): boolean {
  return !NOT_ONE_LINE.test(text);
}

/** z.string() that refuses line breaks and control characters; chain trim/min/max as usual. */
export function oneLineString() {
  return z.string().refine(isOneLine, ONE_LINE_MESSAGE);
}

/**
 * For names stored before the rule above: line breaks and control characters become spaces where a name
 * is written into a header, a text or a subject line.
 */
export function toOneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, " ").trim();
}
