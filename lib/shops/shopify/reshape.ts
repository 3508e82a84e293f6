import { carrierCodeFromUrl, normalizeCarrierCode } from "../../carriers/carrier-code";
import { fromZodError } from "../../errors";
import type { ShopOrderUpdate, ShopParcel } from "../shop-order";
import { cleanCountry, cleanEmail, cleanInstant, cleanText, cleanTrackingNumber, cleanUrl, joinName, MAX_PARCELS } from "../reshape-helpers";
import { shopifyFulfillmentSchema, shopifyOrderSchema, type ShopifyFulfillment, type ShopifyOrder } from "./schema";

/** Fulfillment statuses that mean nothing is (or will be) on its way: their parcels are cancelled, none created. */
const NOT_SHIPPING = new Set(["cancelled", "error", "failure"]);

type Address = NonNullable<ShopifyOrder["shipping_address"]>;

function destinationOf(address: Address | null | undefined) {
  return {
    city: cleanText(address?.city, 100),
    region: cleanText(address?.province_code ?? address?.province, 100),
    postalCode: cleanText(address?.zip, 20),
    country: cleanCountry(address?.country_code),
  };
}

/** The order id from "gid://shopify/Order/820982911946154508", exact whatever the JSON number did. */
function orderIdOf(order: ShopifyOrder): string {
  return /^gid:\/\/shopify\/Order\/(\d{1,20})$/.exec(order.admin_graphql_api_id ?? "")?.[1] ?? order.id;
}

/** A fulfillment's parcels: every tracking number with the fulfillment's one company (Shopify has one per fulfillment). */
function parcelsOf(fulfillment: ShopifyFulfillment, skipped: string[]): ShopParcel[] {
  const numbers = fulfillment.tracking_numbers?.length ? fulfillment.tracking_numbers : fulfillment.tracking_number ? [fulfillment.tracking_number] : [];
  const urls = fulfillment.tracking_urls?.length ? fulfillment.tracking_urls : fulfillment.tracking_url ? [fulfillment.tracking_url] : [];
  const parcels: ShopParcel[] = [];
  numbers.forEach((raw, index) => {
    const trackingNumber = cleanTrackingNumber(raw);
    if (!trackingNumber || parcels.length >= MAX_PARCELS) {
      skipped.push(raw.slice(0, 64));
      return;
    }
    const carrierUrl = cleanUrl(urls[index] ?? (urls.length === 1 ? urls[0] : null));
    // No company named (older payloads, custom fulfillment services): the tracking link may still say whose it is.
    const company = cleanText(fulfillment.tracking_company, 40);
    const carrier = company ? normalizeCarrierCode(company) : (carrierCodeFromUrl(carrierUrl) ?? "unknown");
    if (!parcels.some((parcel) => parcel.trackingNumber === trackingNumber)) parcels.push({ carrier, trackingNumber, carrierUrl });
  });
  return parcels;
}

function splitFulfillments(fulfillments: ShopifyFulfillment[], now: Date) {
  const skipped: string[] = [];
  const parcels: ShopParcel[] = [];
  const cancelled: ShopParcel[] = [];
  let cancelledAt: Date | null = null;
  for (const fulfillment of fulfillments) {
    const mine = parcelsOf(fulfillment, skipped);
    if (NOT_SHIPPING.has(fulfillment.status?.toLowerCase() ?? "")) {
      cancelled.push(...mine);
      cancelledAt = cleanInstant(fulfillment.updated_at, now) ?? cancelledAt ?? now;
    } else parcels.push(...mine);
  }
  return { parcels, cancelled, cancelledAt, skipped };
}

/** orders/create and orders/updated: the order's contact, destination and placed-at, and any fulfillments it already lists. */
export function reshapeShopifyOrder(value: unknown, now: Date): ShopOrderUpdate {
  const parsed = shopifyOrderSchema.safeParse(value);
  if (!parsed.success) throw fromZodError(parsed.error);
  const order = parsed.data;
  const destination = destinationOf(order.shipping_address ?? order.billing_address);
  return {
    platform: "shopify",
    externalId: orderIdOf(order),
    orderNumber: cleanText(order.name, 64) ?? (order.order_number != null ? `#${order.order_number}` : null),
    kind: "order",
    sourceUpdatedAt: cleanInstant(order.updated_at, now),
    placedAt: cleanInstant(order.processed_at ?? order.created_at, now),
    shopper: {
      name: joinName(order.customer?.first_name, order.customer?.last_name) ?? cleanText(order.billing_address?.name ?? order.shipping_address?.name, 120),
      email: cleanEmail(order.email) ?? cleanEmail(order.contact_email) ?? cleanEmail(order.customer?.email),
      phone: cleanText(order.phone ?? order.customer?.phone ?? order.shipping_address?.phone ?? order.billing_address?.phone, 32),
    },
    destination,
    ...splitFulfillments(order.fulfillments ?? [], now),
  };
}

/**
 * fulfillments/create and fulfillments/update: the parcels of one fulfillment. Its name ("#1001.1") gives
 * the order's ("#1001"), so a fulfillment that arrives before its order (Shopify does not promise order)
 * still lands on the right one; older payloads without a name are matched by order_id alone.
 */
export function reshapeShopifyFulfillment(value: unknown, now: Date): ShopOrderUpdate {
  const parsed = shopifyFulfillmentSchema.safeParse(value);
  if (!parsed.success) throw fromZodError(parsed.error);
  const fulfillment = parsed.data;
  const name = cleanText(fulfillment.name, 70);
  return {
    platform: "shopify",
    externalId: fulfillment.order_id ?? null,
    orderNumber: name ? cleanText(name.replace(/\.\d+$/, ""), 64) : null,
    kind: "fulfillment",
    sourceUpdatedAt: null,
    placedAt: null,
    shopper: { name: null, email: cleanEmail(fulfillment.email), phone: null },
    destination: destinationOf(fulfillment.destination),
    ...splitFulfillments([fulfillment], now),
  };
}
