import type { CarrierAdapter, NormalizedEvent, NormalizedUpdate } from "../types";
import { hmacSha256, reject, safeEqual, SCHEME, verified } from "../verify";
import { carrierCode, parseWire, toLocation } from "../wire";
import { mapEasyPostStatus } from "./map-status";
import {
  eventHeadSchema,
  headSchema,
  TRACKER_EVENTS,
  trackerEventSchema,
  trackerSchema,
  type EasyPostTracker,
  type EasyPostTrackingDetail,
} from "./schema";

const SIGNATURE_HEADER = "x-hmac-signature";
const SIGNATURE_PREFIX = "hmac-sha256-hex=";

export const easypostAdapter: CarrierAdapter = {
  provider: "easypost",

  /**
   * `X-Hmac-Signature: hmac-sha256-hex=<hex>` = HMAC-SHA256(raw body) keyed with the NFKD-normalized secret
   * (EasyPost's client libraries normalize, so a secret with accents only matches that way).
   * EasyPost signs no timestamp, so there is no replay window here: a replayed delivery is dropped by
   * ingestion's content-hash de-duplication instead.
   */
  verify(delivery, secret) {
    if (!secret) return reject("no secret configured");
    const header = delivery.headers.get(SIGNATURE_HEADER);
    if (!header) return reject("missing signature header");
    if (!header.startsWith(SIGNATURE_PREFIX)) return reject("malformed signature header");
    const expected = hmacSha256(secret.normalize("NFKD"), delivery.body).toString("hex");
    const received = header.slice(SIGNATURE_PREFIX.length).trim().toLowerCase();
    return safeEqual(expected, received) ? verified(SCHEME.hmac) : reject("signature mismatch");
  },

  parse(body) {
    const head = parseWire(headSchema, body);
    if (head.object === "Tracker") return [toUpdate(parseWire(trackerSchema, body))];
    const event = parseWire(eventHeadSchema, body);
    if (!TRACKER_EVENTS.has(event.description)) return [];
    return [toUpdate(parseWire(trackerEventSchema, body).result)];
  },
};

function toUpdate(tracker: EasyPostTracker): NormalizedUpdate {
  const mapped = mapEasyPostStatus(tracker.status, tracker.status_detail);
  const estimate = tracker.carrier_detail?.est_delivery_date_local ?? tracker.est_delivery_date ?? null;
  return {
    carrier: carrierCode(tracker.carrier),
    trackingNumber: tracker.tracking_code,
    service: tracker.carrier_detail?.service ?? null,
    status: mapped.status,
    detailCode: mapped.detailCode,
    carrierEstimate: estimate?.instant ?? null,
    orderNumber: orderNumberOf(tracker),
    carrierUrl: tracker.public_url,
    events: (tracker.tracking_details ?? []).map(toEvent),
  };
}

function toEvent(detail: EasyPostTrackingDetail): NormalizedEvent {
  const mapped = mapEasyPostStatus(detail.status, detail.status_detail);
  const where = detail.tracking_location;
  return {
    status: mapped.status,
    detailCode: mapped.detailCode,
    rawStatus: detail.status,
    description: detail.message ?? detail.description ?? detail.status,
    location: toLocation({ city: where?.city, region: where?.state, postalCode: where?.zip, country: where?.country }),
    // EasyPost's `datetime` is the local wall-clock at the scan location written with a "Z" suffix — it is
    // not UTC, and the payload does not say which zone it was. We keep the wall-clock exactly as given (so the
    // timeline shows what the carrier printed) and leave the offset unknown (null) instead of inventing one;
    // the instant may therefore be off by the location's UTC offset. A real numeric offset, if EasyPost ever
    // sends one, is trusted (parseTimestamp only fills utcOffsetMinutes for those).
    occurredAt: detail.datetime.instant,
    utcOffsetMinutes: detail.datetime.utcOffsetMinutes,
    // TrackingDetail has no id; ingestion de-duplicates by content hash.
    providerEventId: null,
  };
}

/** Only explicit order references; a tracker without one stays null (never derived from other text). */
function orderNumberOf(tracker: EasyPostTracker): string | null {
  if (tracker.options?.print_custom_1) return tracker.options.print_custom_1;
  if (tracker.reference) return tracker.reference;
  const metadata = tracker.metadata;
  if (typeof metadata === "string" && metadata.trim()) return metadata.trim();
  if (metadata && typeof metadata === "object" && !Array.isArray(metadata)) {
    const value = (metadata as Record<string, unknown>)["order_number"];
    if (typeof value === "string" && value.trim()) return value.trim();
  }
  return null;
}
