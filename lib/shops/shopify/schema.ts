import { z } from "zod";

/**
 * Shopify's webhook bodies (the REST resource of the topic), only the fields we read. Everything is
 * optional and nullable as Shopify sends it; ids arrive as numbers or, when longer than a JavaScript
 * number holds, as strings (lib/shops/parse-shop-json.ts), and are kept as text.
 */
const text = z.string().max(2_000).nullish();
const id = z.union([z.string().regex(/^\d{1,20}$/), z.number().int().nonnegative()]).transform(String);

const address = z
  .object({
    name: text, first_name: text, last_name: text, phone: text,
    city: text, province: text, province_code: text, zip: text, country_code: text,
  })
  .nullish();

export const shopifyFulfillmentSchema = z.object({
  id: id.nullish(),
  order_id: id.nullish(),
  name: text,
  status: text,
  updated_at: text,
  created_at: text,
  tracking_company: text,
  tracking_number: text,
  tracking_numbers: z.array(z.string().max(200)).max(200).nullish(),
  tracking_url: text,
  tracking_urls: z.array(z.string().max(2_000)).max(200).nullish(),
  email: text,
  destination: address,
});
export type ShopifyFulfillment = z.infer<typeof shopifyFulfillmentSchema>;

export const shopifyOrderSchema = z.object({
  id,
  admin_graphql_api_id: text,
  name: text,
  order_number: z.union([z.number().int().nonnegative(), z.string().max(40)]).nullish(),
  email: text,
  contact_email: text,
  phone: text,
  created_at: text,
  processed_at: text,
  updated_at: text,
  customer: z.object({ first_name: text, last_name: text, email: text, phone: text }).nullish(),
  shipping_address: address,
  billing_address: address,
  fulfillments: z.array(shopifyFulfillmentSchema).max(100).nullish(),
});
export type ShopifyOrder = z.infer<typeof shopifyOrderSchema>;
