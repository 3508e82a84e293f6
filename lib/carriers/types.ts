import type { ShipmentStatus } from "./status";

export const PROVIDERS = ["easypost", "shippo", "aftership", "generic"] as const;
export type Provider = (typeof PROVIDERS)[number];

/** Where an event happened, as far as the provider says. Every part is optional. */
export interface EventLocation {
  city: string | null;
  region: string | null;
  postalCode: string | null;
  country: string | null;
}

/** One carrier scan in our model. Provider wire types never leave lib/carriers/<provider>/. */
export interface NormalizedEvent {
  status: ShipmentStatus;
  /** The provider's finer code beside the status (e.g. "arrived_at_facility"); null when none. */
  detailCode: string | null;
  /** The provider's own status code, kept verbatim so nothing is lost when it maps to UNKNOWN. */
  rawStatus: string;
  description: string;
  location: EventLocation | null;
  /** The instant it happened. */
  occurredAt: Date;
  /** The local UTC offset in minutes where the provider tells it; null when it does not (never guessed). */
  utcOffsetMinutes: number | null;
  /** The provider's id for this event, when it has one (used for de-duplication). */
  providerEventId: string | null;
}

/** Everything one webhook delivery says about one tracked parcel. */
export interface NormalizedUpdate {
  /** Lower-case carrier code, e.g. "usps", "fedex", "ups", "correios". */
  carrier: string;
  /** In the stored spelling (lib/shipments/tracking-number.ts): shipments are matched on it exactly. */
  trackingNumber: string;
  service: string | null;
  /** The current status the provider reports for the tracker as a whole. */
  status: ShipmentStatus;
  detailCode: string | null;
  /** The carrier's own delivery estimate, when it sends one. */
  carrierEstimate: Date | null;
  /** The merchant's order number, when the payload names it (lets us create unknown trackers). */
  orderNumber: string | null;
  /** The carrier's public tracking page, when given. */
  carrierUrl: string | null;
  events: NormalizedEvent[];
}

/** The raw delivery, exactly as received: what adapters verify and parse. */
export interface RawDelivery {
  body: string;
  headers: Headers;
  /** Query string parameters of the webhook URL (Shippo's ?token=). */
  query: URLSearchParams;
}

/** `scheme` names what verified the delivery (e.g. "hmac-sha256", "url-token"); it is stored with it. */
export type VerifyResult = { ok: true; scheme?: string } | { ok: false; reason: string };

export interface CarrierAdapter {
  provider: Provider;
  /** Constant-time signature check against the merchant's secret for this provider. `now` for replay windows. */
  verify(delivery: RawDelivery, secret: string, now: Date): VerifyResult;
  /**
   * Parses a verified body. Returns the updates it carries (empty for pings and events we do not track),
   * or throws a PayloadError naming the field at fault.
   */
  parse(body: unknown): NormalizedUpdate[];
}
