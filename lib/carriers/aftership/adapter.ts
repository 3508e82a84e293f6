import type { CarrierAdapter, NormalizedEvent, NormalizedUpdate } from "../types";
import { hmacSha256, reject, safeEqual, SCHEME, verified } from "../verify";
import { carrierCode, parseWire, toLocation } from "../wire";
import { mapAfterShipStatus } from "./map-status";
import {
  headSchema,
  TRACKING_EVENT,
  trackingUpdateSchema,
  type AfterShipCheckpoint,
  type AfterShipTracking,
} from "./schema";

const SIGNATURE_HEADER = "aftership-hmac-sha256";

export const aftershipAdapter: CarrierAdapter = {
  provider: "aftership",

  /**
   * `aftership-hmac-sha256: <base64 HMAC-SHA256 of the raw body>` keyed with the webhook secret.
   * AfterShip signs no timestamp; replays are dropped by ingestion's de-duplication.
   */
  verify(delivery, secret) {
    if (!secret) return reject("no secret configured");
    const header = delivery.headers.get(SIGNATURE_HEADER);
    if (!header) return reject("missing signature header");
    const expected = hmacSha256(secret, delivery.body).toString("base64");
    return safeEqual(expected, header.trim()) ? verified(SCHEME.hmac) : reject("signature mismatch");
  },

  parse(body) {
    const head = parseWire(headSchema, body);
    if (head.event !== TRACKING_EVENT) return [];
    return [toUpdate(parseWire(trackingUpdateSchema, body).msg)];
  },
};

function toUpdate(tracking: AfterShipTracking): NormalizedUpdate {
  const mapped = mapAfterShipStatus(tracking.tag, tracking.subtag);
  const estimate = tracking.courier_estimated_delivery_date?.estimated_delivery_date ?? tracking.expected_delivery;
  return {
    carrier: carrierCode(tracking.slug),
    trackingNumber: tracking.tracking_number,
    service: tracking.shipment_type,
    status: mapped.status,
    detailCode: mapped.detailCode,
    carrierEstimate: estimate?.instant ?? null,
    orderNumber: tracking.order_number ?? tracking.order_id,
    carrierUrl: tracking.courier_tracking_link,
    events: (tracking.checkpoints ?? []).map(toEvent),
  };
}

function toEvent(checkpoint: AfterShipCheckpoint): NormalizedEvent {
  const mapped = mapAfterShipStatus(checkpoint.tag, checkpoint.subtag);
  return {
    status: mapped.status,
    detailCode: mapped.detailCode,
    rawStatus: checkpoint.tag,
    description: checkpoint.message ?? checkpoint.subtag_message ?? checkpoint.tag,
    location: toLocation({
      city: checkpoint.city ?? (hasStructuredPlace(checkpoint) ? null : checkpoint.location),
      region: checkpoint.state,
      postalCode: checkpoint.zip,
      country: checkpoint.country_region ?? checkpoint.country_iso3,
    }),
    // "2026-07-01T10:00:00+08:00" gives the instant and the local offset. A bare "2026-07-01T10:00:00" is the
    // checkpoint's local wall-clock with no zone: it is kept as written (read into UTC fields, so the timeline
    // shows the carrier's time) and the offset stays null — the true instant is unknown to within a day's offsets.
    occurredAt: checkpoint.checkpoint_time.instant,
    utcOffsetMinutes: checkpoint.checkpoint_time.utcOffsetMinutes,
    // AfterShip checkpoints have no id; ingestion de-duplicates by content hash.
    providerEventId: null,
  };
}

/** `location` is AfterShip's free-text place; used as the city only when no structured part is given. */
function hasStructuredPlace(checkpoint: AfterShipCheckpoint): boolean {
  return Boolean(checkpoint.state || checkpoint.zip || checkpoint.country_region || checkpoint.country_iso3);
}
