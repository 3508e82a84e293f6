import { z } from "zod";
import { optionalText, requiredText, timestamp, trackingNumber } from "../wire";

/**
 * EasyPost's wire format (docs.easypost.com: Event, Tracker, TrackingDetail). Loose objects: EasyPost adds
 * fields freely and we must not break on them; only what we read is checked.
 */

const trackingLocation = z
  .looseObject({
    city: optionalText,
    state: optionalText,
    zip: optionalText,
    country: optionalText,
  })
  .nullish();

export const trackingDetailSchema = z.looseObject({
  // EasyPost writes the scan's local wall-clock followed by a literal "Z"; see adapter.ts for how it is read.
  datetime: timestamp(["utc", "offset", "floating"]),
  status: requiredText,
  status_detail: optionalText,
  message: optionalText,
  description: optionalText,
  tracking_location: trackingLocation,
});

export const trackerSchema = z.looseObject({
  tracking_code: trackingNumber,
  carrier: requiredText,
  status: requiredText,
  status_detail: optionalText,
  est_delivery_date: timestamp().nullish(),
  public_url: optionalText,
  tracking_details: z.array(trackingDetailSchema).nullish(),
  carrier_detail: z
    .looseObject({
      service: optionalText,
      est_delivery_date_local: timestamp(["date"]).nullish(),
    })
    .nullish(),
  // Where a merchant's order reference can ride along (shipment options, reference, metadata).
  options: z.looseObject({ print_custom_1: optionalText }).nullish(),
  reference: optionalText,
  metadata: z.unknown().optional(),
});

export type EasyPostTracker = z.infer<typeof trackerSchema>;
export type EasyPostTrackingDetail = z.infer<typeof trackingDetailSchema>;

/** First look: which kind of object arrived. Webhooks send Events; a bare Tracker (API response) is accepted for replays. */
export const headSchema = z.looseObject({ object: z.enum(["Event", "Tracker"]) });

export const eventHeadSchema = z.looseObject({ description: requiredText });

export const trackerEventSchema = z.looseObject({ result: trackerSchema });

/** The only Event descriptions that carry a Tracker; everything else (batch.updated, refund.successful…) is ignored. */
export const TRACKER_EVENTS: ReadonlySet<string> = new Set(["tracker.created", "tracker.updated"]);
