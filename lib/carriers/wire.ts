import { z } from "zod";
import { fromZodError } from "../errors";
import { normalizeCarrierCode } from "./carrier-code";
import { parseTimestamp, type ParsedTimestamp, type TimestampForm } from "./parse-timestamp";
import type { EventLocation } from "./types";
import { safeString } from "../validation/safe-text";
import { trackingNumberSchema } from "../shipments/tracking-number";

/** Zod building blocks shared by the provider schemas, so every adapter reads timestamps and text the same way. */

/** Validates a wire payload; a failure becomes AppError("invalid_payload") whose message names the field. */
export function parseWire<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) throw fromZodError(result.error);
  return result.data;
}

const ALL_FORMS: readonly TimestampForm[] = ["offset", "utc", "floating", "date"];

/** A string read by parseTimestamp; `forms` narrows which shapes a field may take. */
export function timestamp(forms: readonly TimestampForm[] = ALL_FORMS) {
  return z.string().transform((text, ctx): ParsedTimestamp => {
    const parsed = parseTimestamp(text);
    if (!parsed || !forms.includes(parsed.form)) {
      ctx.addIssue({ code: "custom", message: `expected an ISO-8601 ${formsLabel(forms)}` });
      return z.NEVER;
    }
    return parsed;
  });
}

function formsLabel(forms: readonly TimestampForm[]): string {
  if (forms.length === 1 && forms[0] === "offset") return "timestamp with a UTC offset";
  if (forms.every((form) => form === "offset" || form === "utc")) return "timestamp with Z or a UTC offset";
  return forms.includes("date") ? "date or timestamp" : "timestamp";
}

/** Provider text that may be missing or null; blank counts as missing. Tab and line breaks may stay. */
export const optionalText = safeString({ multiline: true })
  .nullish()
  .transform((value) => (value === undefined || value === null || value.trim() === "" ? null : value.trim()));

/** Required provider text (identifiers we key on); trimmed, never blank. */
export const requiredText = safeString().trim().min(1, "must not be empty");

/**
 * The tracker's number, in the one spelling we store (lib/shipments/tracking-number.ts): a carrier's
 * "1Z827WK74630" meets the shop's "1z827wk74630". A number that cannot be one is refused naming the field.
 */
export const trackingNumber = trackingNumberSchema();

export function toLocation(parts: {
  city?: string | null;
  region?: string | null;
  postalCode?: string | null;
  country?: string | null;
}): EventLocation | null {
  const location: EventLocation = {
    city: blankToNull(parts.city),
    region: blankToNull(parts.region),
    postalCode: blankToNull(parts.postalCode),
    country: blankToNull(parts.country),
  };
  return Object.values(location).some((part) => part !== null) ? location : null;
}

function blankToNull(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

/** Carrier codes meet across providers and the API ("FedEx", "fedex", "fed-ex"): one spelling, from carrier-code.ts. */
export function carrierCode(raw: string): string {
  const code: unknown = normalizeCarrierCode(raw);
  // carrier-code.ts looks aliases up in an object literal, where a carrier called "constructor" finds
  // Object.prototype's function; a payload must never turn the carrier into a non-string.
  return typeof code === "string" ? code : "unknown";
}
