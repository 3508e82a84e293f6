import type { CarrierAdapter, NormalizedEvent, NormalizedUpdate } from "../types";
import { reject, safeEqual, SCHEME, verified, verifyTimestampedSignature } from "../verify";
import { carrierCode, parseWire, toLocation } from "../wire";
import { mapShippoStatus } from "./map-status";
import { orderNumberFromMetadata } from "./order-number";
import { headSchema, TRACK_EVENT, trackSchema, type ShippoTrack, type ShippoTrackingStatus } from "./schema";

const SIGNATURE_HEADER = "shippo-auth-signature";

export const shippoAdapter: CarrierAdapter = {
  provider: "shippo",

  /**
   * Shippo webhooks carry no signature unless HMAC signing is enabled, so the webhook URL holds a
   * per-connection `?token=` (compared in constant time). When Shippo's `Shippo-Auth-Signature:
   * t=…,v1=…` header is present it is checked too (HMAC of "t.body", 5-minute window). Either passing is enough;
   * both are always evaluated so the timing does not tell which one failed.
   */
  verify(delivery, secret, now) {
    if (!secret) return reject("no secret configured");
    const token = delivery.query.get("token");
    const header = delivery.headers.get(SIGNATURE_HEADER);
    const tokenOk = token !== null && safeEqual(secret, token);
    const signatureOk = header !== null && verifyTimestampedSignature(header, delivery.body, secret, now).ok;
    if (signatureOk) return verified(SCHEME.timestampedHmac);
    if (tokenOk) return verified(SCHEME.urlToken);
    if (token === null && header === null) return reject("missing token and signature");
    return reject(header !== null ? "signature mismatch" : "token mismatch");
  },

  parse(body) {
    const head = parseWire(headSchema, body);
    if (head.event !== undefined && head.event !== TRACK_EVENT) return [];
    return [toUpdate(parseWire(trackSchema, body).data)];
  },
};

function toUpdate(track: ShippoTrack): NormalizedUpdate {
  const current = track.tracking_status ?? null;
  const mapped = current
    ? mapShippoStatus(current.status, current.substatus?.code ?? null)
    : { status: "UNKNOWN" as const, detailCode: null };
  const history = track.tracking_history ?? [];
  // tracking_history normally ends with the current status; only an empty history falls back to tracking_status.
  const scans = history.length > 0 ? history : current ? [current] : [];
  return {
    carrier: carrierCode(track.carrier),
    trackingNumber: track.tracking_number,
    service: track.servicelevel?.name ?? track.servicelevel?.token ?? null,
    status: mapped.status,
    detailCode: mapped.detailCode,
    // `eta` is the carrier's current estimate; `original_eta` is the first one it gave, better than none.
    carrierEstimate: (track.eta ?? track.original_eta)?.instant ?? null,
    orderNumber: orderNumberFromMetadata(track.metadata),
    carrierUrl: null,
    events: scans.flatMap(toEvent),
  };
}

/** A scan with no status_date cannot be placed on a timeline; it is left out rather than given a made-up time. */
function toEvent(scan: ShippoTrackingStatus): NormalizedEvent[] {
  if (!scan.status_date) return [];
  const mapped = mapShippoStatus(scan.status, scan.substatus?.code ?? null);
  const where = scan.location;
  return [
    {
      status: mapped.status,
      detailCode: mapped.detailCode,
      rawStatus: scan.status,
      description: scan.status_details ?? scan.substatus?.text ?? scan.status,
      location: toLocation({ city: where?.city, region: where?.state, postalCode: where?.zip, country: where?.country }),
      occurredAt: scan.status_date.instant,
      // A "Z" instant says nothing about the zone the scan happened in: offset only when Shippo writes one.
      utcOffsetMinutes: scan.status_date.utcOffsetMinutes,
      providerEventId: scan.object_id,
    },
  ];
}
