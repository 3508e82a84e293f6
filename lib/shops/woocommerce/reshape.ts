import { carrierCodeFromUrl, normalizeCarrierCode } from "../../carriers/carrier-code";
import { AppError, fromZodError } from "../../errors";
import type { ShopOrderUpdate, ShopParcel } from "../shop-order";
import { cleanCountry, cleanEmail, cleanInstant, cleanText, cleanTrackingNumber, cleanUrl, joinName, MAX_PARCELS } from "../reshape-helpers";
import { TRACKING_META_KEY, wooOrderSchema, wooTrackingItemSchema, type WooOrder } from "./schema";

type Address = NonNullable<WooOrder["billing"]>;

/** The tracking items of an order: the meta value is a list (or, from PHP, an object keyed by index). */
function trackingItems(order: WooOrder): unknown[] {
  const meta = order.meta_data?.find((entry) => entry.key === TRACKING_META_KEY);
  if (!meta || meta.value === null || meta.value === undefined || meta.value === "") return [];
  if (Array.isArray(meta.value)) return meta.value;
  if (typeof meta.value === "object") return Object.values(meta.value);
  throw new AppError("invalid_payload", `body.meta_data.${TRACKING_META_KEY}: must be a list of tracking items`);
}

function parcelsOf(order: WooOrder, skipped: string[]): ShopParcel[] {
  const parcels: ShopParcel[] = [];
  trackingItems(order).forEach((raw, index) => {
    const parsed = wooTrackingItemSchema.safeParse(raw);
    if (!parsed.success) throw fromZodError(parsed.error, "invalid_payload", `body.meta_data.${TRACKING_META_KEY}.${index}`);
    const item = parsed.data;
    const trackingNumber = cleanTrackingNumber(item.tracking_number);
    if (!trackingNumber || parcels.length >= MAX_PARCELS) {
      skipped.push(item.tracking_number.slice(0, 64));
      return;
    }
    const carrierUrl = cleanUrl(item.custom_tracking_link);
    // A predefined provider is a slug ("royal-mail"); a custom one is the name the merchant typed.
    const named = cleanText(item.tracking_provider, 40) ?? cleanText(item.custom_tracking_provider, 40);
    const carrier = named ? normalizeCarrierCode(named) : (carrierCodeFromUrl(carrierUrl) ?? "unknown");
    if (!parcels.some((parcel) => parcel.trackingNumber === trackingNumber)) parcels.push({ carrier, trackingNumber, carrierUrl });
  });
  return parcels;
}

function destinationOf(address: Address | null | undefined) {
  return {
    city: cleanText(address?.city, 100),
    region: cleanText(address?.state, 100),
    postalCode: cleanText(address?.postcode, 20),
    country: cleanCountry(address?.country),
  };
}

/** order.created / order.updated: the order, with parcels from the Shipment Tracking extension's meta. */
export function reshapeWooOrder(value: unknown, now: Date): ShopOrderUpdate {
  const parsed = wooOrderSchema.safeParse(value);
  if (!parsed.success) throw fromZodError(parsed.error);
  const order = parsed.data;
  const skipped: string[] = [];
  const parcels = parcelsOf(order, skipped);
  // Downloads-only orders have an empty shipping address: the billing one is the shopper's place.
  const shipping = cleanCountry(order.shipping?.country) ? order.shipping : order.billing;
  return {
    platform: "woocommerce",
    externalId: order.id,
    orderNumber: cleanText(order.number == null ? order.id : String(order.number), 64),
    kind: "order",
    sourceUpdatedAt: cleanInstant(order.date_modified_gmt, now, { assumeUtc: true }),
    placedAt: cleanInstant(order.date_created_gmt, now, { assumeUtc: true }),
    shopper: {
      name: joinName(order.billing?.first_name, order.billing?.last_name) ?? joinName(order.shipping?.first_name, order.shipping?.last_name),
      email: cleanEmail(order.billing?.email),
      phone: cleanText(order.billing?.phone, 32),
    },
    destination: destinationOf(shipping),
    parcels,
    cancelled: [],
    cancelledAt: null,
    skipped,
  };
}
