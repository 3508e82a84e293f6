import type { ShopPlatform } from "./platforms";

/**
 * What a shop delivery says about one order, in our terms: the platform reshapers (shopify/, woocommerce/)
 * produce it, apply-shop-order.ts writes it. Platform wire types never leave their folders.
 */
export interface ShopParcel {
  /** Carrier code from lib/carriers/carrier-code.ts (unknown names kept as their own code). */
  carrier: string;
  trackingNumber: string;
  carrierUrl: string | null;
}

export interface ShopOrderUpdate {
  platform: ShopPlatform;
  /** The platform's order id, as text. */
  externalId: string | null;
  /** What the shopper sees as the order number ("#1001" on Shopify, "727" on WooCommerce); null when the payload does not say. */
  orderNumber: string | null;
  /** Whether the payload is the order itself (its contact and destination are current) or only a fulfillment of it. */
  kind: "order" | "fulfillment";
  /** The platform's updated_at: an order payload older than the one applied last does not overwrite it. */
  sourceUpdatedAt: Date | null;
  placedAt: Date | null;
  shopper: { name: string | null; email: string | null; phone: string | null };
  destination: { city: string | null; region: string | null; postalCode: string | null; country: string | null };
  /** Parcels to create (those not yet known). */
  parcels: ShopParcel[];
  /** Parcels whose fulfillment was cancelled: their shipments are cancelled. */
  cancelled: ShopParcel[];
  /** When the cancellation happened (the fulfillment's updated_at), for the CANCELLED event. */
  cancelledAt: Date | null;
  /** Tracking numbers left out because they cannot be one (spaces inside are removed first). */
  skipped: string[];
}
