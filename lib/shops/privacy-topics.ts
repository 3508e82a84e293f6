import { z } from "zod";
import { AppError, fromZodError } from "../errors";
import { eraseShopper } from "../privacy/erase-shopper";
import { eraseShopShoppers } from "../privacy/erase-shop-shoppers";
import { exportShopper } from "../privacy/export-shopper";
import { privacySubjectSchema } from "../privacy/subject";
import { safeString } from "../validation/safe-text";
import { normalizeShopDomain } from "./shop-domain";

export type PrivacyTopic = "customers/redact" | "shop/redact" | "customers/data_request";

const shopifyId = z.union([z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER), safeString().regex(/^\d{1,20}$/)]);
const customer = z.object({
  id: shopifyId.nullish(),
  email: safeString().max(254).nullish(),
  phone: safeString().max(64).nullish(),
});
const shop = { shop_id: shopifyId, shop_domain: safeString().min(1).max(255) };

/** Shopify's mandatory compliance payloads (see tests/fixtures/shops/shopify-*.json): only what we act on is required. */
export const privacyPayloadSchemas = {
  "customers/redact": z.object({ ...shop, customer, orders_to_redact: z.array(shopifyId).max(10_000).default([]) }),
  "customers/data_request": z.object({ ...shop, customer, orders_requested: z.array(shopifyId).max(10_000).default([]), data_request: z.object({ id: shopifyId }).nullish() }),
  "shop/redact": z.object(shop),
} as const;

/**
 * The subject a Shopify customer payload names, keeping only the contact details that pass our own rules
 * (a malformed phone must not stop the email from being honoured). Null when nothing usable is left.
 */
function subjectOf(payloadCustomer: z.infer<typeof customer>) {
  const email = privacySubjectSchema.safeParse({ email: payloadCustomer.email ?? undefined }).success ? payloadCustomer.email ?? undefined : undefined;
  const phone = privacySubjectSchema.safeParse({ phone: payloadCustomer.phone ?? undefined }).success ? payloadCustomer.phone ?? undefined : undefined;
  return email || phone ? { email, phone } : null;
}

/**
 * What the Shopify webhook route calls for the three compliance topics, after it verified the HMAC and the
 * shop domain (`shopDomain`, normalized: the store the delivery came from). Throws
 * AppError("validation_failed") for a payload that does not fit (the route answers 4xx).
 * - customers/redact → eraseShopper by the customer's email and phone (Shopify order ids are not matched:
 *   orders are keyed by order number here, and the customer's contacts find every one of their orders).
 * - shop/redact → the shoppers of the orders this Shopify store brought (ShopOrder links each to its store;
 *   a payload's shop_domain naming another store is refused); orders created through the API, by the merchant's
 *   other store or another platform are the merchant's own and stay.
 * - customers/data_request → the export is assembled and its counts logged (privacy_data_request, with
 *   Shopify's request id); the merchant fetches the data itself with POST /api/v1/privacy/export, so no copy
 *   of the shopper's data is kept anywhere just for the request.
 */
export async function handlePrivacyTopic(merchantId: string, shopDomain: string, topic: PrivacyTopic, payload: unknown): Promise<void> {
  if (topic === "shop/redact") {
    const data = parse(topic, payload);
    // The store erased is the one the delivery came from (its header, checked against the connection). A
    // signed body naming another store is refused; one whose shop_domain is no host name at all (Shopify's
    // sample payloads, sent by its test triggers, say "{shop}.myshopify.com") names none and is honoured.
    const named = normalizeShopDomain(data.shop_domain);
    if (named !== null && named !== shopDomain) {
      throw new AppError("validation_failed", "payload.shop_domain: not the store this delivery came from.");
    }
    await eraseShopShoppers(merchantId, { platform: "shopify", shopDomain }, "shopify", { shopId: String(data.shop_id) });
  } else if (topic === "customers/redact") {
    const data = parse(topic, payload);
    await eraseShopper(merchantId, requireSubject(data.customer), "shopify");
  } else if (topic === "customers/data_request") {
    const data = parse(topic, payload);
    const reference: Record<string, string> = data.data_request ? { shopifyRequestId: String(data.data_request.id) } : {};
    await exportShopper(merchantId, requireSubject(data.customer), "shopify", reference);
  } else {
    throw new AppError("validation_failed", "Unknown privacy topic.");
  }
}

function parse<T extends PrivacyTopic>(topic: T, payload: unknown): z.output<(typeof privacyPayloadSchemas)[T]> {
  const parsed = privacyPayloadSchemas[topic].safeParse(payload);
  if (!parsed.success) throw fromZodError(parsed.error, "validation_failed", "payload");
  return parsed.data as z.output<(typeof privacyPayloadSchemas)[T]>;
}

function requireSubject(payloadCustomer: z.infer<typeof customer>) {
  const subject = subjectOf(payloadCustomer);
  if (!subject) throw new AppError("validation_failed", "payload.customer: neither a usable email nor a usable phone.");
  return subject;
}
