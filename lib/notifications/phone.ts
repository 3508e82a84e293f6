import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js/max";

export type PhoneParse =
  | { ok: true; e164: string; country: string }
  | { ok: false; reason: "invalid" | "not_mobile" | "other_country"; country?: string };

/**
 * A shopper's mobile number as E.164. National numbers are read in the destination's country. Numbers of
 * another country are refused: our sender is registered per country (10DLC / toll-free verification in
 * the US, sender rules elsewhere) and quiet hours follow the destination's clock.
 */
export function parseMobileNumber(input: string, destinationCountry: string): PhoneParse {
  const country = destinationCountry.toUpperCase() as CountryCode;
  const trimmed = input.trim();
  if (trimmed.length < 4 || trimmed.length > 32 || !/^[+\d\s().\-/]+$/.test(trimmed)) return { ok: false, reason: "invalid" };
  const number = parsePhoneNumberFromString(trimmed, country);
  if (!number || !number.isValid()) return { ok: false, reason: "invalid" };
  if (number.country !== country) return { ok: false, reason: "other_country", country: number.country };
  const type = number.getType();
  if (type && !["MOBILE", "FIXED_LINE_OR_MOBILE", "PERSONAL_NUMBER"].includes(type)) return { ok: false, reason: "not_mobile" };
  return { ok: true, e164: number.number, country };
}
