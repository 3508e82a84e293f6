import { z } from "zod";
import { SHIPMENT_STATUSES } from "../status";
import { safeString } from "../../validation/safe-text";
import { timestamp, trackingNumber } from "../wire";

/**
 * Our own webhook body, for carriers and systems without an aggregator (documented in docs/webhooks.md).
 * Strict objects, unlike the provider schemas: this format is ours, so an unknown key is most likely a typo
 * ("occured_at") and saying so beats silently dropping the value.
 */

function text(max: number, multiline = false) {
  return safeString({ multiline }).trim().min(1, "must not be empty").max(max, `must be at most ${max} characters`);
}

function optionalText(max: number) {
  return text(max).nullish();
}

const location = z.strictObject({
  city: optionalText(100),
  region: optionalText(100),
  postalCode: optionalText(20),
  country: optionalText(56),
});

export const MAX_EVENTS = 100;

const event = z.strictObject({
  id: optionalText(128),
  status: z.enum(SHIPMENT_STATUSES),
  detail: optionalText(64),
  description: text(500, true),
  location: location.nullish(),
  // An instant needs its zone; a bare wall-clock would force us to guess one.
  occurredAt: timestamp(["offset", "utc"]),
});

export type GenericEvent = z.infer<typeof event>;

export const genericBodySchema = z.strictObject({
  carrier: text(64),
  trackingNumber,
  service: optionalText(100),
  orderNumber: optionalText(64),
  carrierEstimate: timestamp(["date", "offset", "utc"]).nullish(),
  carrierUrl: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).max(2048).nullish(),
  events: z
    .array(event)
    .min(1, "must contain at least one event")
    .max(MAX_EVENTS, `must contain at most ${MAX_EVENTS} events`),
});

export type GenericBody = z.infer<typeof genericBodySchema>;
