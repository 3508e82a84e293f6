/**
 * The REST API's own input schemas (query strings, update bodies). Create bodies reuse
 * lib/shipments/schemas.ts. The OpenAPI document is generated from these same objects.
 */
import { z } from "zod";
import { SHIPMENT_STATUSES } from "../carriers/status";
import { MAX_SECRET_LENGTH, MIN_SECRET_LENGTH } from "../merchants/secret-hint";
import { shipmentInputSchema } from "../shipments/schemas";
import { safeString } from "../validation/safe-text";

const booleanParam = z.enum(["true", "false"]).transform((value) => value === "true");

export const listQuerySchema = z.object({
  status: z.enum(SHIPMENT_STATUSES).optional().describe("Only shipments (or orders with a shipment) in this status."),
  delayed: booleanParam.optional().describe("true: only those whose delivery window ever moved later (or is running late now)."),
  exception: booleanParam.optional().describe("true: only those in EXCEPTION, DELIVERY_ATTEMPTED or RETURNED_TO_SENDER, or flagged as an exception."),
  createdAfter: z.iso.datetime({ offset: true }).optional().describe("Created at or after this instant (ISO 8601)."),
  createdBefore: z.iso.datetime({ offset: true }).optional().describe("Created before this instant (ISO 8601)."),
  limit: z.coerce.number().int().min(1).max(100).default(25).describe("Page size, 1–100."),
  cursor: safeString().max(200).optional().describe("`nextCursor` from the previous page."),
});
export type ListQuery = z.output<typeof listQuerySchema>;

const optionalText = (max: number) => safeString().trim().min(1).max(max).nullable().optional();

export const orderUpdateSchema = z
  .object({
    shopper: z
      .object({
        name: optionalText(120),
        email: z.email().max(254).nullable().optional(),
        phone: optionalText(32),
        timeZone: optionalText(64),
      })
      .strict()
      .optional(),
    destination: z
      .object({
        street: optionalText(200),
        city: optionalText(100),
        region: optionalText(100),
        postalCode: optionalText(20),
        country: safeString().trim().length(2, "a two-letter ISO country code").toUpperCase().optional(),
      })
      .strict()
      .optional(),
  })
  .strict()
  .refine((body) => body.shopper !== undefined || body.destination !== undefined, "send shopper and/or destination");
export type OrderUpdate = z.input<typeof orderUpdateSchema>;

export const shipmentUpdateSchema = z
  .object({
    carrier: shipmentInputSchema.shape.carrier.optional(),
    trackingNumber: shipmentInputSchema.shape.trackingNumber.optional(),
    service: shipmentInputSchema.shape.service.unwrap().nullable().optional(),
    carrierUrl: shipmentInputSchema.shape.carrierUrl.unwrap().nullable().optional(),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, "send at least one field");
export type ShipmentUpdate = z.input<typeof shipmentUpdateSchema>;

export const connectionInputSchema = z.object({ secret: safeString().min(MIN_SECRET_LENGTH).max(MAX_SECRET_LENGTH) }).strict();

export const shopConnectionInputSchema = z
  .object({
    shopDomain: safeString().trim().min(1).max(300).describe("The shop's address: its myshopify.com domain (Shopify) or the WordPress site URL (WooCommerce)."),
    secret: safeString().min(MIN_SECRET_LENGTH).max(MAX_SECRET_LENGTH).describe("The secret that signs the shop's webhooks (write-only)."),
  })
  .strict();
