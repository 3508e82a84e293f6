import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { cache } from "react";
import { BrandStyle } from "@/components/tracking/brand-style";
import { LookupForm } from "@/components/tracking/lookup-form";
import { SupportContacts } from "@/components/tracking/support-contacts";
import { TrackingHeader } from "@/components/tracking/tracking-header";
import { toLocale } from "@/lib/i18n/locales";
import { messagesFor } from "@/lib/i18n/messages";
import { getLookupMerchant } from "@/lib/lookup/queries";
import { AUTO_LOCALE, LANG_HEADER, resolvePageLocale } from "@/lib/tracking/page-locale";
import { nonceFromCsp } from "@/lib/tracking/request-nonce";
import { lookupAction } from "./actions";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ merchantSlug: string }> };

const loadMerchant = cache(getLookupMerchant);

async function localeFor(merchantDefault: string) {
  const segment = (await headers()).get(LANG_HEADER) ?? AUTO_LOCALE;
  return resolvePageLocale(segment, merchantDefault) ?? toLocale(merchantDefault);
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const merchant = await loadMerchant((await params).merchantSlug);
  const robots = { index: false, follow: false };
  if (!merchant) return { robots };
  const m = messagesFor(await localeFor(merchant.defaultLocale));
  return { title: `${m.lookup.title} · ${merchant.name}`, robots, referrer: "no-referrer" };
}

/** /{merchant}/lookup: find your tracking page from an order number and the order's email or postal code. */
export default async function LookupPage({ params }: Props) {
  const merchant = await loadMerchant((await params).merchantSlug);
  if (!merchant) notFound();
  const locale = await localeFor(merchant.defaultLocale);
  const m = messagesFor(locale);
  const contacts = { supportEmail: merchant.supportEmail, supportPhone: merchant.supportPhone, supportUrl: merchant.supportUrl };
  // Set only when this render is per request (not cached): proxy.ts put it in the request's CSP header.
  const nonce = nonceFromCsp((await headers()).get("content-security-policy"));
  return (
    <>
      <BrandStyle brandColor={merchant.brandColor} accentColor={merchant.accentColor} nonce={nonce} />
      <div lang={locale} data-pp-locale={locale} className="flex min-h-screen flex-col">
        <TrackingHeader merchant={merchant} basePath={`/${merchant.slug}/lookup`} locale={locale} m={m} />
        <main className="mx-auto w-full max-w-md flex-1 px-4 pb-12 pt-8">
          <h1 className="text-3xl font-bold tracking-tight text-slate-900">{m.lookup.title}</h1>
          <p className="mt-2 text-slate-700">{m.lookup.intro}</p>
          <LookupForm
            action={lookupAction}
            merchant={merchant.slug}
            locale={locale}
            labels={{
              orderNumber: m.lookup.orderNumber,
              contact: m.lookup.contact,
              submit: m.lookup.submit,
              invalid: m.lookup.invalid,
              no_match: m.lookup.notFound,
              rate_limited: m.lookup.rateLimited,
            }}
          />
          <SupportContacts merchantName={merchant.name} contacts={contacts} m={m} />
        </main>
      </div>
    </>
  );
}
