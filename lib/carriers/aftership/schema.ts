import { z } from "zod";
import { optionalText, requiredText, timestamp, trackingNumber } from "../wire";

/**
 * AfterShip tracking webhook, API version 2026-07 (aftership.com/docs/tracking/webhook/webhook-specifications).
 * Loose objects: AfterShip sends dozens of tracking fields we do not read.
 */

export const checkpointSchema = z.looseObject({
  // "In the time zone of the checkpoint" — with an offset, a bare wall-clock, or just a date, depending on the carrier.
  checkpoint_time: timestamp(),
  tag: requiredText,
  subtag: optionalText,
  message: optionalText,
  subtag_message: optionalText,
  city: optionalText,
  state: optionalText,
  zip: optionalText,
  country_region: optionalText,
  country_iso3: optionalText,
  location: optionalText,
});

export type AfterShipCheckpoint = z.infer<typeof checkpointSchema>;

export const trackingSchema = z.looseObject({
  tracking_number: trackingNumber,
  slug: requiredText,
  tag: requiredText,
  subtag: optionalText,
  checkpoints: z.array(checkpointSchema).nullish(),
  // The carrier's own estimate (newer versions) and the legacy field; AfterShip's predicted date is its own model, not the carrier's.
  courier_estimated_delivery_date: z.looseObject({ estimated_delivery_date: timestamp().nullish() }).nullish(),
  expected_delivery: timestamp().nullish(),
  order_number: optionalText,
  order_id: optionalText,
  shipment_type: optionalText,
  courier_tracking_link: optionalText,
});

export type AfterShipTracking = z.infer<typeof trackingSchema>;

export const headSchema = z.looseObject({ event: requiredText });

export const trackingUpdateSchema = z.looseObject({ msg: trackingSchema });

/** The tracking webhook's event name; any other event (e.g. from another AfterShip product) is ignored. */
export const TRACKING_EVENT = "tracking_update";
