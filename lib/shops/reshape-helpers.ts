import { z } from "zod";
import { normalizeTrackingNumber } from "../shipments/tracking-number";
import { isInDateWindow } from "../validation/date-window";

/**
 * Shops send what their merchants typed. An order is never refused for one odd field: a value that
 * cannot be ours (an invalid email, a country that is not two letters, a date outside the window) is
 * left out, and text is cut to the column's limit (lib/shipments/schemas.ts).
 */
export function cleanText(value: string | null | undefined, max: number): string | null {
  const text = value?.trim().replace(/\s+/g, " ");
  return text ? text.slice(0, max) : null;
}

export function joinName(...parts: (string | null | undefined)[]): string | null {
  return cleanText(parts.filter(Boolean).join(" "), 120);
}

const email = z.email().max(254);

export function cleanEmail(value: string | null | undefined): string | null {
  const text = value?.trim().toLowerCase();
  return text && email.safeParse(text).success ? text : null;
}

export function cleanCountry(value: string | null | undefined): string | null {
  const text = value?.trim().toUpperCase();
  return text && /^[A-Z]{2}$/.test(text) ? text : null;
}

/** An instant with an offset ("2021-12-31T19:00:00-05:00") or, with `assumeUtc`, WooCommerce's *_gmt form without one. */
export function cleanInstant(value: string | null | undefined, now: Date, { assumeUtc = false } = {}): Date | null {
  const text = value?.trim();
  if (!text || text.length > 40) return null;
  const withZone = assumeUtc && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?$/.test(text) ? `${text}Z` : text;
  if (!z.iso.datetime({ offset: true }).safeParse(withZone).success) return null;
  const date = new Date(withZone);
  return isInDateWindow(date, now) ? date : null;
}

/** The stored spelling (lib/shipments/tracking-number.ts: spaces and dashes dropped, upper case), or null when it cannot be a number. */
export function cleanTrackingNumber(value: string): string | null {
  return normalizeTrackingNumber(value);
}

export function cleanUrl(value: string | null | undefined): string | null {
  const text = value?.trim();
  if (!text || text.length > 500) return null;
  try {
    const url = new URL(text);
    return url.protocol === "https:" || url.protocol === "http:" ? url.toString() : null;
  } catch {
    return null;
  }
}

/** Parcels per delivery at most, as for an order created through the API. */
export const MAX_PARCELS = 20;
