import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { cache } from "react";
import { PageViewBeacon } from "@/components/analytics/page-view-beacon";
import { AlertsOptIn } from "@/components/tracking/alerts-opt-in";
import { AlertsSlot } from "@/components/tracking/alerts-slot";
import { BrandStyle } from "@/components/tracking/brand-style";
import { MerchantNote } from "@/components/tracking/merchant-note";
import { LiveRefresh } from "@/components/tracking/live-refresh";
import { OrderHeadline } from "@/components/tracking/order-headline";
import { ParcelCard } from "@/components/tracking/parcel-card";
import { SupportContacts } from "@/components/tracking/support-contacts";
import { TrackingHeader } from "@/components/tracking/tracking-header";
import { fill, messagesFor } from "@/lib/i18n/messages";
import { getTrackingView } from "@/lib/shipments/queries";
import { isTimeZone } from "@/lib/tracking/dates";
import { AUTO_LOCALE, LANG_HEADER, resolvePageLocale } from "@/lib/tracking/page-locale";
import { nonceFromCsp } from "@/lib/tracking/request-nonce";
import { statusSummary } from "@/lib/tracking/summary";

/**
 * The public tracking page, /t/{token}. proxy.ts negotiates the language (passed in a request header)
 * and serves cached renders of this page (lib/tracking/page-cache.ts), so it renders once per data
 * change and language, not once per visit.
 */
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ token: string }> };

// generateMetadata and the page share one lookup per render.
const loadView = cache(getTrackingView);

async function requestedLanguage(): Promise<string> {
  return (await headers()).get(LANG_HEADER) ?? AUTO_LOCALE;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { token } = await params;
  const view = await loadView(token);
  const lang = await requestedLanguage();
  const robots = { index: false, follow: false };
  if (!view) return { robots, referrer: "no-referrer" };
  const locale = resolvePageLocale(lang, view.merchant.defaultLocale) ?? "en";
  const m = messagesFor(locale);
  const status = statusSummary(view.shipments.map((shipment) => shipment.status), m);
  // The merchant and the status only: no order number, names or places in link previews.
  const title = `${status} · ${view.merchant.name}`;
  const description = fill(m.meta.description, { merchant: view.merchant.name, status });
  return {
    title,
    description,
    robots,
    referrer: "no-referrer",
    openGraph: {
      type: "website",
      title,
      description,
      siteName: view.merchant.name,
      locale: locale.replace("-", "_"),
      images: view.merchant.logoUrl ? [{ url: view.merchant.logoUrl, alt: view.merchant.name }] : undefined,
    },
    twitter: { card: "summary", title, description },
  };
}

export default async function TrackingPage({ params }: Props) {
  const { token } = await params;
  // Looked up before anything else is checked, so every 404 here costs the same.
  const view = await loadView(token);
  const lang = await requestedLanguage();
  if (!view) notFound();
  const locale = resolvePageLocale(lang, view.merchant.defaultLocale);
  if (!locale) notFound();
  const m = messagesFor(locale);
  const { merchant } = view;
  const fallbackZone = [view.order.shopperTimeZone, merchant.timeZone].find(isTimeZone) ?? "UTC";
  const contacts = { supportEmail: merchant.supportEmail, supportPhone: merchant.supportPhone, supportUrl: merchant.supportUrl };

  // Set only when this render is per request (not cached): proxy.ts put it in the request's CSP header.
  const nonce = nonceFromCsp((await headers()).get("content-security-policy"));
  return (
    <>
      <BrandStyle brandColor={merchant.brandColor} accentColor={merchant.accentColor} nonce={nonce} />
      <div lang={locale} data-pp-locale={locale} className="flex min-h-screen flex-col">
        <TrackingHeader merchant={merchant} basePath={`/t/${token}`} locale={locale} m={m} />
        <main className="mx-auto w-full max-w-2xl flex-1 px-4 pb-12 pt-6">
          <OrderHeadline view={view} fallbackZone={fallbackZone} locale={locale} m={m} />
          <MerchantNote merchant={merchant} m={m} />
          {view.shipments.map((shipment, index) => (
            <ParcelCard
              key={shipment.token}
              shipment={shipment}
              index={index + 1}
              count={view.shipments.length}
              fallbackZone={fallbackZone}
              contacts={contacts}
              locale={locale}
              m={m}
            />
          ))}
          <AlertsSlot m={m}>
            <AlertsOptIn token={token} locale={locale} />
          </AlertsSlot>
          <SupportContacts merchantName={merchant.name} contacts={contacts} m={m} />
        </main>
        <footer className="border-t border-slate-200 bg-white">
          <div className="mx-auto max-w-2xl px-4 py-4 text-xs text-slate-700">
            <p>{m.page.liveUpdates}</p>
            <p className="mt-1">{m.page.poweredBy}</p>
          </div>
        </footer>
        <LiveRefresh token={token} version={view.version} />
        <PageViewBeacon token={token} />
      </div>
    </>
  );
}
