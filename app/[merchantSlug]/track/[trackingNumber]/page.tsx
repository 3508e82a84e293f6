import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { cache } from "react";
import { BrandStyle } from "@/components/tracking/brand-style";
import { MerchantNote } from "@/components/tracking/merchant-note";
import { OrderHeadline } from "@/components/tracking/order-headline";
import { ParcelCard } from "@/components/tracking/parcel-card";
import { SupportContacts } from "@/components/tracking/support-contacts";
import { TrackingHeader } from "@/components/tracking/tracking-header";
import { fill, messagesFor } from "@/lib/i18n/messages";
import { isTimeZone } from "@/lib/tracking/dates";
import { AUTO_LOCALE, LANG_HEADER, resolvePageLocale } from "@/lib/tracking/page-locale";
import { getPublicTrackingView } from "@/lib/tracking/public-view";
import { nonceFromCsp } from "@/lib/tracking/request-nonce";

/**
 * /{merchant}/track/{trackingNumber} (and /track/{trackingNumber} on the merchant's proven domain): the link
 * a shop's own shipping email can build from the tracking number alone. It shows what the carrier's public
 * tracking shows for that number, in the merchant's colours, and nothing that needs the /t/{token} link:
 * no order number, no other parcels, no shopper, no alert sign-up (the opt-in is keyed by the token), no
 * calendar link or live refresh (both carry the token). proxy.ts rate-limits it and renders it per request.
 */
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ merchantSlug: string; trackingNumber: string }> };

const loadView = cache(getPublicTrackingView);

async function requestedLanguage(): Promise<string> {
  return (await headers()).get(LANG_HEADER) ?? AUTO_LOCALE;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { merchantSlug, trackingNumber } = await params;
  const view = await loadView(merchantSlug, trackingNumber);
  const robots = { index: false, follow: false };
  if (!view) return { robots, referrer: "no-referrer" };
  const locale = resolvePageLocale(await requestedLanguage(), view.merchant.defaultLocale) ?? "en";
  const m = messagesFor(locale);
  const status = m.status[view.shipment.status];
  return { title: `${status} · ${view.merchant.name}`, description: fill(m.meta.description, { merchant: view.merchant.name, status }), robots, referrer: "no-referrer" };
}

export default async function PublicTrackingPage({ params }: Props) {
  const { merchantSlug, trackingNumber } = await params;
  // Looked up before anything else is checked, so every 404 here costs the same.
  const view = await loadView(merchantSlug, trackingNumber);
  const lang = await requestedLanguage();
  if (!view) notFound();
  const locale = resolvePageLocale(lang, view.merchant.defaultLocale);
  if (!locale) notFound();
  const m = messagesFor(locale);
  const { merchant, shipment } = view;
  const fallbackZone = [view.shopperTimeZone, merchant.timeZone].find(isTimeZone) ?? "UTC";
  const contacts = { supportEmail: merchant.supportEmail, supportPhone: merchant.supportPhone, supportUrl: merchant.supportUrl };
  const nonce = nonceFromCsp((await headers()).get("content-security-policy"));
  return (
    <>
      <BrandStyle brandColor={merchant.brandColor} accentColor={merchant.accentColor} nonce={nonce} />
      <div lang={locale} data-pp-locale={locale} data-pp-view="public" className="flex min-h-screen flex-col">
        <TrackingHeader merchant={merchant} basePath={`/${merchant.slug}/track/${encodeURIComponent(shipment.trackingNumber)}`} locale={locale} m={m} />
        <main className="mx-auto w-full max-w-2xl flex-1 px-4 pb-12 pt-6">
          <OrderHeadline view={{ merchant, order: {}, shipments: [shipment] }} fallbackZone={fallbackZone} locale={locale} m={m} />
          <MerchantNote merchant={merchant} m={m} />
          <ParcelCard shipment={shipment} index={1} count={1} fallbackZone={fallbackZone} contacts={contacts} locale={locale} m={m} />
          <SupportContacts merchantName={merchant.name} contacts={contacts} m={m} />
        </main>
        <footer className="border-t border-slate-200 bg-white">
          <div className="mx-auto max-w-2xl px-4 py-4 text-xs text-slate-700">
            <p>{m.page.poweredBy}</p>
          </div>
        </footer>
      </div>
    </>
  );
}
