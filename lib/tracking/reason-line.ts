/**
 * The reason line a tracking page shows under the window, in the page's language: worded from the facts
 * stored with the estimate (Shipment.etaReasonFacts). Windows computed before those facts were stored
 * carry only the English line; English pages still show it, other languages show none (never English
 * on a Spanish page).
 */
import { z } from "zod";
import { shopperReason, type ReasonFacts } from "../estimates";
import type { Locale } from "../i18n/locales";

const localDate = z.iso.date();
const LEVELS = ["lane-carrier", "lane", "destination", "carrier", "global", "prior"] as const;
const FLAGS = ["running_late", "stalled", "exception", "no_history"] as const;

// Stored JSON written by some version of lib/estimates: read it defensively, drop what does not fit.
const factsSchema = z.object({
  basis: z.object({ level: z.enum(LEVELS), label: z.string().max(200), deliveries: z.number().finite().nonnegative() }),
  holidays: z.number().int().nonnegative().max(366),
  flags: z.array(z.enum(FLAGS)).max(8),
  carrierWeight: z.number().finite(),
  quiet: z.object({ days: z.number().int().nonnegative(), usual: z.number().nonnegative() }).optional(),
  missedLatest: localDate.optional(),
  beyondHistory: z.boolean().optional(),
  behindPromise: localDate.optional(),
});

export function readReasonFacts(value: unknown): ReasonFacts | null {
  const parsed = factsSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

export function pageReason(shipment: { etaReasonFacts: unknown; etaReason: string | null }, locale: Locale): string | null {
  const facts = readReasonFacts(shipment.etaReasonFacts);
  if (facts) return shopperReason(facts, locale);
  return locale === "en" ? shipment.etaReason : null;
}
