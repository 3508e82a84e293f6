import { createHash } from "node:crypto";
import type { AlertLocale } from "../locales";
import type { AlertChannel } from "../triggers";
import { copyFor } from "./copy";

/** The exact consent text shown beside a channel's submit button (and stored with the opt-in). */
export function consentText(channel: AlertChannel, locale: AlertLocale, brand: string, orderNumber: string): string {
  const consent = copyFor(locale).consent;
  return channel === "EMAIL" ? consent.email({ brand, order: orderNumber }) : consent.sms({ brand, order: orderNumber });
}

/** Sent with the form, so the server can tell the text it stores is the text the shopper saw. */
export function consentVersion(text: string): string {
  return createHash("sha256").update(text).digest("base64url").slice(0, 16);
}
