import { z } from "zod";

/** WooCommerce's order webhook body (the REST v3 order), only the fields we read. */
const text = z.string().max(2_000).nullish();

const address = z
  .object({ first_name: text, last_name: text, email: text, phone: text, city: text, state: text, postcode: text, country: text })
  .nullish();

export const wooOrderSchema = z.object({
  id: z.union([z.number().int().nonnegative(), z.string().regex(/^\d{1,20}$/)]).transform(String),
  number: z.union([z.string().max(200), z.number()]).nullish(),
  status: text,
  date_created_gmt: text,
  date_modified_gmt: text,
  billing: address,
  shipping: address,
  meta_data: z.array(z.object({ key: z.string().max(255), value: z.unknown() })).max(1_000).nullish(),
});
export type WooOrder = z.infer<typeof wooOrderSchema>;

/**
 * One entry of the Shipment Tracking extension's `_wc_shipment_tracking_items` meta (its
 * add_tracking_item()): a predefined provider's slug, or '' and a custom provider name and link.
 * date_shipped is a Unix timestamp (a number, or digits in a string).
 */
export const wooTrackingItemSchema = z.object({
  tracking_provider: text,
  custom_tracking_provider: text,
  custom_tracking_link: text,
  tracking_number: z.union([z.string().max(200), z.number().int().nonnegative()]).transform(String),
  date_shipped: z.union([z.string().max(40), z.number()]).nullish(),
});
export type WooTrackingItem = z.infer<typeof wooTrackingItemSchema>;

export const TRACKING_META_KEY = "_wc_shipment_tracking_items";
