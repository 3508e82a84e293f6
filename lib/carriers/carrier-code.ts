/**
 * One spelling per carrier, whatever the source ("FedEx", "fedex", "UPS", "usps"): shipments created
 * through the API, events from aggregators and tracking numbers from shops (Shopify's `tracking_company`,
 * the WooCommerce Shipment Tracking extension's provider slugs) must meet on the same key. This is the
 * one table; keys are compared lower-cased with spaces and underscores removed, so "DHL Express",
 * "dhl_express" and "dhlexpress" are one entry.
 */
const ALIASES = new Map<string, string>(Object.entries({
  "fedex": "fedex",
  "fed-ex": "fedex",
  "fedexsmartpost": "fedex",
  "fedex-sameday": "fedex",
  "ups": "ups",
  "upsmailinnovations": "ups",
  "usps": "usps",
  "unitedstatespostalservice": "usps",
  "dhl": "dhl",
  "dhlexpress": "dhl",
  "dhl-express": "dhl",
  "dhl-us": "dhl",
  // DHL eCommerce and DHL Parcel track on other systems than DHL Express: kept apart.
  "dhlecommerce": "dhl-ecommerce",
  "dhl-ecommerce": "dhl-ecommerce",
  "dhlecommerceasia": "dhl-ecommerce",
  "dhlparcel": "dhl-parcel",
  "dhl-parcel": "dhl-parcel",
  "dhl-parcel-uk": "dhl-parcel",
  "canadapost": "canada-post",
  "canada-post": "canada-post",
  "correios": "correios",
  "brazil-correios": "correios",
  "royalmail": "royal-mail",
  "royal-mail": "royal-mail",
  "parcelforce": "parcelforce",
  "parcelforceworldwide": "parcelforce",
  "australiapost": "australia-post",
  "australia-post": "australia-post",
  "auspost": "australia-post",
  "purolator": "purolator",
  "ontrac": "ontrac",
  "lasership": "lasership",
  "dpd": "dpd",
  "dpd-uk": "dpd",
  "dpd-de": "dpd",
  "postnl": "postnl",
  "postnlinternational": "postnl",
  "tnt": "tnt",
  "tnt-express-consignment": "tnt",
  "tnt-express-reference": "tnt",
  "gls": "gls",
  "deutschepost": "deutsche-post",
  "deutsche-post": "deutsche-post",
  "laposte": "la-poste",
  "la-poste": "la-poste",
  "colissimo": "la-poste",
  "evri": "evri",
  "hermes": "evri",
  "newzealandpost": "nz-post",
  "nz-post": "nz-post",
}));

/** The code for a carrier name or slug. An unknown carrier keeps its own name as its code; only an empty one is "unknown". */
export function normalizeCarrierCode(raw: string): string {
  const key = raw.trim().toLowerCase().replace(/[\s_]+/g, "");
  return ALIASES.get(key) ?? (key.replace(/[^a-z0-9-]/g, "") || "unknown");
}

/** Carrier sites by host, for a shop that names no carrier but links to the carrier's tracking page. */
const HOSTS: [suffix: string, code: string][] = [
  ["ups.com", "ups"], ["usps.com", "usps"], ["fedex.com", "fedex"], ["dhl.com", "dhl"],
  ["canadapost-postescanada.ca", "canada-post"], ["canadapost.ca", "canada-post"], ["royalmail.com", "royal-mail"],
  ["auspost.com.au", "australia-post"], ["purolator.com", "purolator"],
];

/** The carrier a tracking URL points at (https or http, any subdomain), or null. */
export function carrierCodeFromUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return null;
  }
  return HOSTS.find(([suffix]) => host === suffix || host.endsWith(`.${suffix}`))?.[1] ?? null;
}
