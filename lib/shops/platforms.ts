/** Shop platforms whose webhooks we take (issue #14). Their names are also WebhookDelivery providers. */
export const SHOP_PLATFORMS = ["shopify", "woocommerce"] as const;
export type ShopPlatform = (typeof SHOP_PLATFORMS)[number];

export function isShopPlatform(value: string): value is ShopPlatform {
  return (SHOP_PLATFORMS as readonly string[]).includes(value);
}

/** Sealing purpose of shop webhook secrets: their own HKDF key, apart from carrier secrets. */
export const SHOP_SECRET_PURPOSE = "shop-connection";
