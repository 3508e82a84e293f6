import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js/max";
import { z } from "zod";
import { safeString } from "../validation/safe-text";

/**
 * Who a privacy request is about: an email, a phone number, or both. Stored orders keep the phone as the
 * merchant sent it, so matching happens on E.164 (each order's number read in its destination country).
 */
export const privacySubjectSchema = z
  .object({
    email: safeString().trim().pipe(z.email().max(254)).optional(),
    phone: safeString()
      .trim()
      .max(32)
      .regex(/^\+?[\d\s().\-/]+$/, "digits, spaces, dashes, dots, slashes, parentheses and a leading + only")
      .refine((value) => value.replace(/\D/g, "").length >= 7, "at least 7 digits")
      .optional(),
  })
  .strict()
  .refine((subject) => subject.email !== undefined || subject.phone !== undefined, { message: "give an email, a phone, or both" });

export type PrivacySubjectInput = z.input<typeof privacySubjectSchema>;

export interface PrivacySubject {
  /** Lower-cased. */
  email: string | null;
  /** As given (trimmed); compared through phoneE164. */
  phone: string | null;
}

export function normalizeSubject(input: z.output<typeof privacySubjectSchema>): PrivacySubject {
  return { email: input.email?.toLowerCase() ?? null, phone: input.phone ?? null };
}

/** E.164 for a number written in `country`'s format (or internationally); null when it cannot be a number. */
export function phoneE164(raw: string, country: string | null): string | null {
  const parsed = parsePhoneNumberFromString(raw.trim(), (country ?? "US").toUpperCase() as CountryCode);
  // isPossible, not isValid: Shopify's own sample numbers (555-…) are not valid, and erasure must still find them.
  return parsed && parsed.isPossible() ? parsed.number : null;
}

/** The stored number (read in its order's country) and the requested one name the same line. */
export function samePhone(requested: string, stored: string, storedCountry: string): boolean {
  const a = phoneE164(requested, storedCountry);
  const b = phoneE164(stored, storedCountry);
  if (a && b) return a === b;
  return requested.replace(/\D/g, "") === stored.replace(/\D/g, "");
}

/** The last seven digits: the SQL pre-filter before samePhone decides (an index-free LIKE, per merchant). */
export function phoneTail(phone: string): string {
  return phone.replace(/\D/g, "").slice(-7);
}
