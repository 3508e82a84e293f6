import { z } from "zod";
import { optionalText, requiredText, timestamp, trackingNumber } from "../wire";

/** Shippo's track webhook (OpenAPI `WebhookPayloadTrack`, docs.goshippo.com/docs/tracking/webhooks). Loose objects. */

const location = z
  .looseObject({ city: optionalText, state: optionalText, zip: optionalText, country: optionalText })
  .nullish();

export const trackingStatusSchema = z.looseObject({
  status: requiredText,
  substatus: z
    .looseObject({ code: requiredText, text: optionalText, action_required: z.boolean().nullish() })
    .nullish(),
  status_details: optionalText,
  // Shippo sends ISO instants with "Z"; null happens on UNKNOWN trackers that were never scanned.
  status_date: timestamp(["utc", "offset", "floating"]).nullish(),
  location,
  object_id: optionalText,
});

export type ShippoTrackingStatus = z.infer<typeof trackingStatusSchema>;

export const trackSchema = z.looseObject({
  data: z.looseObject({
    carrier: requiredText,
    tracking_number: trackingNumber,
    eta: timestamp().nullish(),
    original_eta: timestamp().nullish(),
    servicelevel: z.looseObject({ name: optionalText, token: optionalText }).nullish(),
    tracking_status: trackingStatusSchema.nullish(),
    tracking_history: z.array(trackingStatusSchema).nullish(),
    // Free text set by the merchant when registering the track; only read when it is a string.
    metadata: z.unknown().optional(),
  }),
});

export type ShippoTrack = z.infer<typeof trackSchema>["data"];

/** `event` is absent in Shippo's OpenAPI example; when present, only track_updated is a tracking event. */
export const headSchema = z.looseObject({ event: z.string().optional() });

export const TRACK_EVENT = "track_updated";
