import { z } from "zod";
import { safeString } from "../validation/safe-text";

/** The lookup form: an order number and one proof of ownership (the order's email or postal code). */
export const lookupFormSchema = z.object({
  orderNumber: safeString()
    .trim()
    .transform((value) => value.replace(/^#/, "").trim())
    .pipe(z.string().min(1).max(64)),
  contact: safeString().trim().min(2).max(254),
});

export type LookupForm = z.infer<typeof lookupFormSchema>;

/** "12345-678" / "sw1a 1aa" / "80202" alike: upper case, no spaces or dashes. */
export function normalizePostalCode(value: string): string {
  return value.toUpperCase().replace(/[\s-]/g, "");
}

export function normalizeEmail(value: string): string {
  return value.trim().toLowerCase();
}

export function looksLikeEmail(value: string): boolean {
  return value.includes("@");
}
