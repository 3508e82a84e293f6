/** Display names and public tracking pages of the carriers we know; anything else shows its code. */
const CARRIERS = new Map<string, { name: string; url?: (trackingNumber: string) => string }>([
  ["ups", { name: "UPS", url: (n) => `https://www.ups.com/track?tracknum=${n}` }],
  ["usps", { name: "USPS", url: (n) => `https://tools.usps.com/go/TrackConfirmAction?tLabels=${n}` }],
  ["fedex", { name: "FedEx", url: (n) => `https://www.fedex.com/fedextrack/?trknbr=${n}` }],
  ["dhl", { name: "DHL", url: (n) => `https://www.dhl.com/global-en/home/tracking/tracking-express.html?submit=1&tracking-id=${n}` }],
  ["canada-post", { name: "Canada Post", url: (n) => `https://www.canadapost-postescanada.ca/track-reperage/en#/search?searchFor=${n}` }],
  ["correios", { name: "Correios" }],
]);

export function carrierName(code: string): string {
  return CARRIERS.get(code)?.name ?? code.toUpperCase();
}

/** The carrier's own page for this parcel: the URL the provider sent when it is https, else our template. */
export function carrierTrackingUrl(code: string, trackingNumber: string, carrierUrl: string | null | undefined): string | null {
  if (carrierUrl) {
    try {
      if (new URL(carrierUrl).protocol === "https:") return carrierUrl;
    } catch {
      // fall through to the template
    }
  }
  const template = CARRIERS.get(code)?.url;
  return template ? template(encodeURIComponent(trackingNumber)) : null;
}
