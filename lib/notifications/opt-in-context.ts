import "server-only";
import { db } from "../db";
import { isWellFormedToken } from "../shipments/tokens";
import { normalizeLocale, type AlertLocale } from "./locales";
import { copyFor } from "./templates/copy";
import { consentText, consentVersion } from "./templates/consent";

/**
 * What the opt-in form on a tracking page shows: the consent texts (and their versions, posted back so
 * the server stores exactly what was shown) and labels in the page's language. No shopper data.
 */
export async function getOptInContext(token: string, pageLocale: string) {
  if (!isWellFormedToken(token)) return null;
  const shipment = await db.shipment.findUnique({
    where: { token },
    select: { order: { select: { orderNumber: true, destCountry: true } }, merchant: { select: { name: true, defaultLocale: true } } },
  });
  if (!shipment) return null;
  const locale: AlertLocale = normalizeLocale(pageLocale, normalizeLocale(shipment.merchant.defaultLocale));
  const brand = shipment.merchant.name;
  const orderNumber = shipment.order.orderNumber;
  const country = regionName(shipment.order.destCountry, locale);
  const consent = (channel: "EMAIL" | "SMS") => {
    const text = consentText(channel, locale, brand, orderNumber);
    return { text, version: consentVersion(text) };
  };
  const form = copyFor(locale).form;
  return {
    token,
    locale,
    email: consent("EMAIL"),
    sms: consent("SMS"),
    labels: {
      intro: form.intro({ brand }),
      emailLegend: form.emailLegend,
      smsLegend: form.smsLegend,
      emailLabel: form.emailLabel,
      phoneLabel: form.phoneLabel,
      phoneHint: form.phoneHint({ country }),
      scopeLabel: form.scopeLabel,
      scopeAll: form.scopeAll,
      scopeKey: form.scopeKey,
      submitEmail: form.submitEmail,
      submitSms: form.submitSms,
      pending: form.pending,
    },
  };
}

export type OptInContext = NonNullable<Awaited<ReturnType<typeof getOptInContext>>>;

export function regionName(code: string, locale: AlertLocale): string {
  try {
    return new Intl.DisplayNames([locale], { type: "region" }).of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}
