import { z } from "zod";
import { CONTROL_MESSAGE, hasUnsafeCharacter } from "../validation/safe-text";

/**
 * The one spelling of a tracking number, for every way one arrives (API, shop webhooks, carrier webhooks,
 * the track link, console search). Carriers print and send the same number differently — Shopify's sample
 * "1z827wk74630", UPS's "1Z827WK74630", a merchant's "1Z 827 WK7 4630", Japan Post's "1234-5678-9012" — and
 * no carrier's number is told apart by case, spaces or dashes (all are letters and digits; see
 * docs/api.md). So: spaces and dashes (Unicode space separators, dash punctuation and the minus sign, as
 * copy-paste from a PDF brings them) are dropped, then ASCII letters are upper-cased. What is left must be 1–64 ASCII
 * letters and digits, or the number is refused with a message naming what is wrong.
 */
export const TRACKING_NUMBER_MAX = 64;
/** Raw input read at most, separators included; past this nobody is formatting a real number. */
const RAW_MAX = 128;
/** Unicode space separators and dash punctuation, plus the minus sign (U+2212) that fonts draw as a dash. */
const SEPARATORS = /[\p{Zs}\p{Pd}\u2212]/gu;
const LETTERS_AND_DIGITS = /^[A-Za-z0-9]+$/;

export const TRACKING_NUMBER_RULE = "letters and digits; spaces and dashes are ignored and letters are upper-cased";

export type TrackingNumberCheck = { ok: true; value: string } | { ok: false; message: string };

export function checkTrackingNumber(raw: string): TrackingNumberCheck {
  if (raw.length > RAW_MAX) return { ok: false, message: `must be at most ${TRACKING_NUMBER_MAX} letters and digits` };
  // A line break or tab around the number (a pasted cell) is trimmed; inside it, it is refused like any control character.
  const trimmed = raw.trim();
  if (hasUnsafeCharacter(trimmed)) return { ok: false, message: CONTROL_MESSAGE };
  const stripped = trimmed.replace(SEPARATORS, "");
  if (stripped === "") return { ok: false, message: "must contain letters or digits" };
  // Checked before upper-casing: toUpperCase turns some non-ASCII letters into ASCII ("ı" → "I", "ſ" → "S").
  if (!LETTERS_AND_DIGITS.test(stripped)) return { ok: false, message: "must be letters and digits only (spaces and dashes are ignored)" };
  if (stripped.length > TRACKING_NUMBER_MAX) return { ok: false, message: `must be at most ${TRACKING_NUMBER_MAX} letters and digits` };
  return { ok: true, value: stripped.toUpperCase() };
}

/** The normalized number, or null when the text cannot be one (for paths that skip rather than refuse). */
export function normalizeTrackingNumber(raw: string): string | null {
  const check = checkTrackingNumber(raw);
  return check.ok ? check.value : null;
}

/** The zod field for every boundary that takes a tracking number: validates and hands on the normalized form. */
export function trackingNumberSchema() {
  return z
    .string()
    .transform((raw, ctx) => {
      const check = checkTrackingNumber(raw);
      if (check.ok) return check.value;
      ctx.addIssue({ code: "custom", message: check.message });
      return z.NEVER;
    })
    .describe(`The carrier's tracking number: ${TRACKING_NUMBER_RULE} ("1z 827-wk7" is stored as "1Z827WK7"). At most ${TRACKING_NUMBER_MAX} letters and digits.`);
}

/**
 * An agent's search text as a piece of a stored number: the same separators dropped and upper-cased, or
 * null when it holds anything else (then it cannot be part of a number and only the order arms apply).
 */
export function trackingNumberFragment(text: string): string | null {
  const stripped = text.replace(SEPARATORS, "");
  return stripped && LETTERS_AND_DIGITS.test(stripped) ? stripped.toUpperCase() : null;
}
