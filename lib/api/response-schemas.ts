/** Shapes the API answers with, as zod, so the OpenAPI document describes responses from code too. */
import { z } from "zod";
import { SHIPMENT_STATUSES } from "../carriers/status";
import { PROVIDERS } from "../carriers/types";
import { LOCALES } from "../merchants/branding";

/** Named shapes, emitted as #/components/schemas/<id>. */
export const apiRegistry = z.registry<{ id: string }>();

const instant = z.iso.datetime();
const date = z.iso.date();

export const errorSchema = z
  .object({
    error: z.object({
      code: z.enum(["bad_request", "invalid_payload", "validation_failed", "unauthorized", "not_found", "conflict", "payload_too_large", "rate_limited", "internal"]),
      message: z.string(),
      details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    }),
  })
  .register(apiRegistry, { id: "Error" });

export const shipmentSchema = z
  .object({
    id: z.string(),
    orderId: z.string(),
    orderNumber: z.string(),
    carrier: z.string(),
    service: z.string().nullable(),
    trackingNumber: z.string(),
    token: z.string().describe("The key to the public tracking page."),
    trackingUrl: z.url().describe("Put this link in your order emails."),
    carrierUrl: z.string().nullable(),
    status: z.enum(SHIPMENT_STATUSES),
    statusDetail: z.string().nullable(),
    statusAt: instant.nullable(),
    lastEventAt: instant.nullable(),
    shippedAt: instant.nullable(),
    deliveredAt: instant.nullable(),
    estimate: z.object({
      earliest: date.nullable(),
      latest: date.nullable(),
      confidence: z.number().nullable(),
      stage: z.string().nullable(),
      reason: z.string().nullable(),
      flag: z.string().nullable(),
      computedAt: instant.nullable(),
      carrierEstimate: date.nullable(),
      promisedLatest: date.nullable().describe("The first latest date the shopper was shown."),
    }),
    delayed: z.boolean(),
    createdAt: instant,
    updatedAt: instant,
  })
  .register(apiRegistry, { id: "Shipment" });

export const eventSchema = z
  .object({
    id: z.string(),
    status: z.enum(SHIPMENT_STATUSES),
    detailCode: z.string().nullable(),
    rawStatus: z.string().describe("The provider's own status code, verbatim."),
    description: z.string(),
    location: z.object({ city: z.string().nullable(), region: z.string().nullable(), postalCode: z.string().nullable(), country: z.string().nullable() }),
    occurredAt: instant,
    utcOffsetMinutes: z.number().int().nullable(),
    source: z.string(),
  })
  .register(apiRegistry, { id: "TrackingEvent" });

export const shipmentWithEventsSchema = shipmentSchema.extend({ events: z.array(eventSchema) }).register(apiRegistry, { id: "ShipmentWithEvents" });

export const orderSchema = z
  .object({
    id: z.string(),
    orderNumber: z.string(),
    placedAt: instant,
    promisedBy: date.nullable().describe("The delivery date the shop promised at checkout, if it sent one."),
    shopper: z.object({ name: z.string().nullable(), email: z.string().nullable(), phone: z.string().nullable(), timeZone: z.string().nullable() }),
    destination: z.object({
      street: z.string().nullable(), city: z.string().nullable(), region: z.string().nullable(), postalCode: z.string().nullable(), country: z.string(),
    }),
    shipments: z.array(shipmentSchema),
    createdAt: instant,
    updatedAt: instant,
  })
  .register(apiRegistry, { id: "Order" });

const page = <T extends z.ZodType>(item: T, id: string) =>
  z.object({ data: z.array(item), nextCursor: z.string().nullable().describe("Pass as `cursor` for the next page; null on the last.") }).register(apiRegistry, { id });

export const orderPageSchema = page(orderSchema, "OrderPage");
export const shipmentPageSchema = page(shipmentSchema, "ShipmentPage");

export const connectionSchema = z
  .object({
    provider: z.enum(PROVIDERS),
    connected: z.boolean(),
    secretHint: z.string().nullable().describe("\"…\" and the secret's last four characters (secrets are at least 16 characters); the secret itself is never returned."),
    updatedAt: instant.nullable(),
    webhookUrl: z.url().describe("Paste this into the provider's webhook settings."),
  })
  .register(apiRegistry, { id: "ProviderConnection" });

export const shopConnectionSchema = z
  .object({
    platform: z.enum(["shopify", "woocommerce"]),
    connected: z.boolean(),
    shopDomain: z.string().nullable().describe("Deliveries from any other shop are refused (403)."),
    secretHint: z.string().nullable().describe("\"…\" and the secret's last four characters; the secret itself is never returned."),
    updatedAt: instant.nullable(),
    webhookUrl: z.url().describe("Paste this into the shop's webhook settings (docs/shops.md)."),
  })
  .register(apiRegistry, { id: "ShopConnection" });

export const brandingSchema = z
  .object({
    slug: z.string(),
    name: z.string(),
    brandColor: z.string(),
    accentColor: z.string().nullable(),
    logoUrl: z.string().nullable(),
    supportEmail: z.string().nullable(),
    supportPhone: z.string().nullable(),
    supportUrl: z.string().nullable(),
    customMessage: z.string().nullable(),
    defaultLocale: z.enum(LOCALES),
    timeZone: z.string(),
    customDomain: z.string().nullable().describe("The requested tracking host; it serves pages only once verified."),
    customDomainStatus: z.enum(["pending", "verified"]).nullable(),
    domainVerification: z
      .object({ type: z.literal("TXT"), name: z.string(), value: z.string() })
      .nullable()
      .describe("Publish this DNS TXT record to prove the domain is yours; it is re-checked every few minutes."),
    updatedAt: instant,
  })
  .register(apiRegistry, { id: "Branding" });

export const subscriptionSchema = z
  .object({
    id: z.string(),
    channel: z.enum(["EMAIL", "SMS"]),
    address: z.string().describe("Lower-cased email, or phone in E.164."),
    scope: z.enum(["ALL", "KEY"]),
    status: z.enum(["PENDING", "ACTIVE", "UNSUBSCRIBED"]),
    locale: z.string(),
    consentAt: instant,
    confirmedAt: instant.nullable(),
    unsubscribedAt: instant.nullable(),
    endReason: z.string().nullable(),
    createdAt: instant,
  })
  .register(apiRegistry, { id: "AlertSubscription" });

export const notificationSchema = z
  .object({
    id: z.string(),
    subscriptionId: z.string(),
    shipmentId: z.string().nullable().describe("Null for the opt-in confirmation, which is about the order."),
    channel: z.enum(["EMAIL", "SMS"]),
    trigger: z.string(),
    status: z.enum(["PENDING", "SENDING", "SENT", "FAILED", "CANCELLED", "SUPPRESSED"]),
    to: z.string(),
    content: z.string().nullable().describe("The SMS text or the email subject."),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    dueAt: instant,
    sentAt: instant.nullable(),
    createdAt: instant,
  })
  .register(apiRegistry, { id: "Notification" });
