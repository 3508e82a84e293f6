/**
 * One spelling per carrier, whatever the source ("FedEx", "fedex", "UPS", "usps"): shipments created
 * through the API and events from aggregators must meet on the same key.
 */
const ALIASES = new Map<string, string>(Object.entries({
  "fedex": "fedex",
  "fed-ex": "fedex",
  "fedexsmartpost": "fedex",
  "ups": "ups",
  "upsmailinnovations": "ups",
  "usps": "usps",
  "dhl": "dhl",
  "dhlexpress": "dhl",
  "dhl-express": "dhl",
  "canadapost": "canada-post",
  "canada-post": "canada-post",
  "correios": "correios",
  "brazil-correios": "correios",
}));

export function normalizeCarrierCode(raw: string): string {
  const key = raw.trim().toLowerCase().replace(/[\s_]+/g, "");
  return ALIASES.get(key) ?? (key.replace(/[^a-z0-9-]/g, "") || "unknown");
}
