import type { CarrierAdapter, NormalizedEvent, NormalizedUpdate } from "../types";
import { verifyTimestampedSignature } from "../verify";
import { carrierCode, parseWire, toLocation } from "../wire";
import { genericBodySchema, type GenericBody, type GenericEvent } from "./schema";

const SIGNATURE_HEADER = "parcelpage-signature";

export const genericAdapter: CarrierAdapter = {
  provider: "generic",

  /** `Parcelpage-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`, ±5 minutes, several v1= during rotation. */
  verify(delivery, secret, now) {
    return verifyTimestampedSignature(delivery.headers.get(SIGNATURE_HEADER), delivery.body, secret, now);
  },

  parse(body) {
    return [toUpdate(parseWire(genericBodySchema, body))];
  },
};

function toUpdate(body: GenericBody): NormalizedUpdate {
  const newest = newestEvent(body.events);
  return {
    carrier: carrierCode(body.carrier),
    trackingNumber: body.trackingNumber,
    service: body.service ?? null,
    status: newest.status,
    detailCode: newest.detail ?? null,
    carrierEstimate: body.carrierEstimate?.instant ?? null,
    orderNumber: body.orderNumber ?? null,
    carrierUrl: body.carrierUrl ?? null,
    events: body.events.map(toEvent),
  };
}

/** The update's status is the newest event's; on equal times the later one in the array wins (senders append). */
function newestEvent(events: GenericEvent[]): GenericEvent {
  return events.reduce((newest, candidate) =>
    candidate.occurredAt.instant.getTime() >= newest.occurredAt.instant.getTime() ? candidate : newest,
  );
}

function toEvent(event: GenericEvent): NormalizedEvent {
  const where = event.location;
  return {
    status: event.status,
    detailCode: event.detail ?? null,
    rawStatus: event.status,
    description: event.description,
    location: where ? toLocation(where) : null,
    occurredAt: event.occurredAt.instant,
    // Filled from the numeric offset in occurredAt; a "Z" gives the instant but not the zone of the scan.
    utcOffsetMinutes: event.occurredAt.utcOffsetMinutes,
    providerEventId: event.id ?? null,
  };
}
