/**
 * OpenAPI 3.1 for /api/v1, generated from the same zod schemas the endpoints validate with
 * (zod 4's built-in z.toJSONSchema, JSON Schema 2020-12 = OpenAPI 3.1's dialect).
 */
import { z } from "zod";
import { PROVIDERS } from "../carriers/types";
import { brandingInputSchema } from "../merchants/branding";
import { privacySubjectSchema } from "../privacy/subject";
import { orderInputSchema, shipmentInputSchema } from "../shipments/schemas";
import { SHOP_PLATFORMS } from "../shops/platforms";
import { connectionInputSchema, shopConnectionInputSchema, listQuerySchema, orderUpdateSchema, shipmentUpdateSchema } from "./schemas";
import {
  apiRegistry, brandingSchema, connectionSchema, shopConnectionSchema, notificationSchema, orderPageSchema, orderSchema, shipmentPageSchema, shipmentSchema, shipmentWithEventsSchema, subscriptionSchema,
} from "./response-schemas";

type Json = Record<string, unknown>;

function schemaOf(schema: z.ZodType, io: "input" | "output"): Json {
  const json = z.toJSONSchema(schema, { io, target: "draft-2020-12", unrepresentable: "any" }) as Json;
  delete json.$schema;
  return json;
}

/** Named response schemas are components (referenced); request bodies are inlined. */
function ref(schema: z.ZodType): Json {
  const id = apiRegistry.get(schema)?.id;
  return id ? { $ref: `#/components/schemas/${id}` } : schemaOf(schema, "output");
}

function componentSchemas(): Record<string, Json> {
  const { schemas } = z.toJSONSchema(apiRegistry, {
    target: "draft-2020-12",
    io: "output",
    uri: (id) => `#/components/schemas/${id}`,
  }) as { schemas: Record<string, Json> };
  for (const schema of Object.values(schemas)) {
    delete schema.$schema;
    delete schema.id;
    delete schema.$id;
  }
  return schemas;
}

const json = (schema: Json) => ({ content: { "application/json": { schema } } });
const ok = (description: string, schema: z.ZodType) => ({ description, ...json(ref(schema)) });
const error = (description: string) => ({ description, ...json({ $ref: "#/components/schemas/Error" }) });

const commonErrors = {
  "401": error("Missing, wrong or revoked API key."),
  "429": { ...error("Rate limit reached; see Retry-After."), headers: { "Retry-After": { schema: { type: "integer" }, description: "Seconds to wait." } } },
};
const notFound = { "404": error("Not found (or another merchant's: the API never tells which).") };
const invalid = {
  "400": error("Body is not JSON."),
  "422": error("Validation failed; `details` lists every field at fault."),
};

function queryParameters(schema: z.ZodObject) {
  return Object.entries(schema.shape).map(([name, field]) => {
    const fieldSchema = schemaOf(field as z.ZodType, "input");
    return { name, in: "query", required: false, description: fieldSchema.description, schema: fieldSchema };
  });
}

const idempotencyHeader = {
  name: "Idempotency-Key",
  in: "header",
  required: false,
  description: "Any unique string (e.g. a UUID). Retrying with the same key and body returns the first answer (with `Idempotent-Replayed: true`); the same key with another body is 409. Kept 24 h.",
  schema: { type: "string", maxLength: 255 },
};
const pathId = (name: string) => ({ name, in: "path", required: true, schema: { type: "string" } });

export function buildOpenApiDocument(serverUrl: string) {
  const paths = {
    "/orders": {
      get: {
        operationId: "listOrders",
        summary: "List orders, newest first",
        parameters: queryParameters(listQuerySchema),
        responses: { "200": ok("A page of orders.", orderPageSchema), "422": invalid["422"], ...commonErrors },
      },
      post: {
        operationId: "createOrder",
        summary: "Create an order with its shipments",
        description: "Answers each shipment's `token` and `trackingUrl` (the link for your order email).",
        parameters: [idempotencyHeader],
        requestBody: { required: true, ...json(schemaOf(orderInputSchema, "input")) },
        responses: {
          "201": ok("Created.", orderSchema),
          ...invalid,
          "409": error("Order number or tracking number already exists, or Idempotency-Key reused with another body."),
          ...commonErrors,
        },
      },
    },
    "/orders/{orderId}": {
      parameters: [pathId("orderId")],
      get: { operationId: "getOrder", summary: "Get one order", responses: { "200": ok("The order.", orderSchema), ...notFound, ...commonErrors } },
      patch: {
        operationId: "updateOrder",
        summary: "Correct shopper contact or destination",
        requestBody: { required: true, ...json(schemaOf(orderUpdateSchema, "input")) },
        responses: { "200": ok("The updated order.", orderSchema), ...invalid, ...notFound, ...commonErrors },
      },
    },
    "/orders/{orderId}/shipments": {
      parameters: [pathId("orderId")],
      post: {
        operationId: "addShipment",
        summary: "Add a shipment to an order",
        parameters: [idempotencyHeader],
        requestBody: { required: true, ...json(schemaOf(shipmentInputSchema, "input")) },
        responses: { "201": ok("Created.", shipmentSchema), ...invalid, ...notFound, "409": error("Tracking number exists, or key reused."), ...commonErrors },
      },
    },
    "/shipments": {
      get: {
        operationId: "listShipments",
        summary: "List shipments, newest first",
        parameters: queryParameters(listQuerySchema),
        responses: { "200": ok("A page of shipments.", shipmentPageSchema), "422": invalid["422"], ...commonErrors },
      },
    },
    "/shipments/{shipmentId}": {
      parameters: [pathId("shipmentId")],
      get: {
        operationId: "getShipment",
        summary: "Get one shipment with its full timeline (raw provider codes included)",
        responses: { "200": ok("The shipment.", shipmentWithEventsSchema), ...notFound, ...commonErrors },
      },
      patch: {
        operationId: "updateShipment",
        summary: "Correct carrier, tracking number, service or carrier link",
        requestBody: { required: true, ...json(schemaOf(shipmentUpdateSchema, "input")) },
        responses: { "200": ok("The updated shipment.", shipmentSchema), ...invalid, ...notFound, "409": error("Tracking number exists."), ...commonErrors },
      },
    },
    "/shipments/{shipmentId}/subscriptions": {
      parameters: [pathId("shipmentId")],
      get: {
        operationId: "listShipmentSubscriptions",
        summary: "The shopper's alert opt-ins for this shipment's order",
        responses: { "200": { description: "Subscriptions.", ...json({ type: "object", properties: { data: { type: "array", items: ref(subscriptionSchema) } } }) }, ...notFound, ...commonErrors },
      },
    },
    "/shipments/{shipmentId}/notifications": {
      parameters: [pathId("shipmentId")],
      get: {
        operationId: "listShipmentNotifications",
        summary: "Every alert message for this shipment (and the order's opt-in confirmations), newest first",
        responses: { "200": { description: "Messages.", ...json({ type: "object", properties: { data: { type: "array", items: ref(notificationSchema) } } }) }, ...notFound, ...commonErrors },
      },
    },
    "/connections": {
      get: {
        operationId: "listConnections",
        summary: "Provider connections with their webhook URLs",
        responses: { "200": { description: "Every provider.", ...json({ type: "object", properties: { data: { type: "array", items: ref(connectionSchema) } } }) }, ...commonErrors },
      },
    },
    "/connections/{provider}": {
      parameters: [{ name: "provider", in: "path", required: true, schema: { type: "string", enum: [...PROVIDERS] } }],
      put: {
        operationId: "setConnection",
        summary: "Set or replace a provider's webhook secret (write-only)",
        requestBody: { required: true, ...json(schemaOf(connectionInputSchema, "input")) },
        responses: { "200": ok("Saved; the secret is never returned.", connectionSchema), ...invalid, ...notFound, ...commonErrors },
      },
    },
    "/shops/{platform}": {
      parameters: [{ name: "platform", in: "path", required: true, schema: { type: "string", enum: [...SHOP_PLATFORMS] } }],
      get: {
        operationId: "getShopConnection",
        summary: "The shop connection for a platform, with its webhook URL (connected or not)",
        responses: { "200": ok("The connection; the secret is never returned.", shopConnectionSchema), ...notFound, ...commonErrors },
      },
      put: {
        operationId: "setShopConnection",
        summary: "Connect or replace a shop: its domain and webhook secret (write-only)",
        requestBody: { required: true, ...json(schemaOf(shopConnectionInputSchema, "input")) },
        responses: { "200": ok("Saved; the secret is never returned.", shopConnectionSchema), ...invalid, ...notFound, ...commonErrors },
      },
      delete: {
        operationId: "removeShopConnection",
        summary: "Disconnect the shop: its webhooks are refused from now on (orders already in stay)",
        responses: { "200": ok("Disconnected.", shopConnectionSchema), ...notFound, ...commonErrors },
      },
    },
    "/privacy/erasure": {
      post: {
        operationId: "eraseShopper",
        summary: "Erase a shopper (by email and/or phone) from your data",
        description:
          "Name, email, phone and street leave the shopper's orders; their alert subscriptions end; message texts, raw webhook bodies and idempotency replays that mention them are scrubbed. Parcels and scans stay (statistics). One transaction; repeating it changes nothing. Logged in the audit log with a keyed hash, never the contact itself. Only your own data is searched.",
        requestBody: { required: true, ...json(schemaOf(privacySubjectSchema, "input")) },
        responses: {
          "200": {
            description: "What was erased, as counts.",
            ...json({
              type: "object",
              properties: Object.fromEntries(["ordersErased", "subscriptionsEnded", "messagesScrubbed", "deliveriesScrubbed", "replaysDropped"].map((name) => [name, { type: "integer" }])),
            }),
          },
          ...invalid,
          ...commonErrors,
        },
      },
    },
    "/privacy/export": {
      post: {
        operationId: "exportShopper",
        summary: "Everything you hold about a shopper (by email and/or phone), as JSON",
        description: "POST so the contact details stay out of URLs and access logs. Logged in the audit log without them.",
        requestBody: { required: true, ...json(schemaOf(privacySubjectSchema, "input")) },
        responses: {
          "200": {
            description: "Orders (with parcels and scans), alert subscriptions (with their messages), raw webhook bodies that mention the shopper; `truncated` past 500 of any.",
            ...json({
              type: "object",
              properties: {
                subject: { type: "object" },
                orders: { type: "array", items: { type: "object" } },
                alertSubscriptions: { type: "array", items: { type: "object" } },
                webhookBodies: { type: "array", items: { type: "object" } },
                truncated: { type: "boolean" },
              },
            }),
          },
          ...invalid,
          ...commonErrors,
        },
      },
    },
    "/branding": {
      get: { operationId: "getBranding", summary: "Tracking-page branding", responses: { "200": ok("Branding.", brandingSchema), ...commonErrors } },
      patch: {
        operationId: "updateBranding",
        summary: "Change branding (null clears an optional field)",
        requestBody: { required: true, ...json(schemaOf(brandingInputSchema, "input")) },
        responses: { "200": ok("The updated branding.", brandingSchema), ...invalid, "409": error("Custom domain in use."), ...commonErrors },
      },
    },
  };
  return {
    openapi: "3.1.0",
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    info: {
      title: "Parcelpage merchant API",
      version: "1.0.0",
      description: "Create orders and shipments, read tracking, set provider and shop connections and branding. See docs/api.md.",
    },
    servers: [{ url: `${serverUrl}/api/v1` }],
    security: [{ bearerAuth: [] }],
    paths,
    components: {
      securitySchemes: { bearerAuth: { type: "http", scheme: "bearer", description: "An API key from the console or `npm run cli -- apikey:create`." } },
      schemas: componentSchemas(),
    },
  };
}
