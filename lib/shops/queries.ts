import { db } from "../db";
import { appUrl } from "../env";
import { SHOP_PLATFORMS, type ShopPlatform } from "./platforms";

/** Where a platform's webhooks for this merchant go (pasted into the shop's admin). */
export function shopWebhookUrl(platform: ShopPlatform, merchantSlug: string): string {
  return `${appUrl()}/api/shops/${platform}/${merchantSlug}`;
}

export interface ShopConnectionView {
  platform: ShopPlatform;
  connected: boolean;
  shopDomain: string | null;
  secretHint: string | null;
  updatedAt: string | null;
  webhookUrl: string;
}

/** Every platform for one merchant, connected or not, with its webhook URL; secrets never leave. */
export async function listShopConnections(merchantId: string): Promise<ShopConnectionView[]> {
  const merchant = await db.merchant.findUnique({
    where: { id: merchantId },
    select: { slug: true, shopConnections: { select: { platform: true, shopDomain: true, secretHint: true, updatedAt: true } } },
  });
  if (!merchant) return [];
  return SHOP_PLATFORMS.map((platform) => {
    const connection = merchant.shopConnections.find((candidate) => candidate.platform === platform);
    return {
      platform,
      connected: Boolean(connection),
      shopDomain: connection?.shopDomain ?? null,
      secretHint: connection ? (connection.secretHint ? `…${connection.secretHint}` : "") : null,
      updatedAt: connection?.updatedAt.toISOString() ?? null,
      webhookUrl: shopWebhookUrl(platform, merchant.slug),
    };
  });
}

export async function getShopConnection(merchantId: string, platform: ShopPlatform): Promise<ShopConnectionView | null> {
  return (await listShopConnections(merchantId)).find((connection) => connection.platform === platform) ?? null;
}

export interface ShopEndpoint {
  merchantId: string;
  shopDomain: string;
  secretCiphertext: string;
  /** Fallback destination country for an order that names none (a shop selling downloads). */
  originCountry: string;
}

/** The webhook side's lookup: the connection behind /api/shops/{platform}/{slug}, with its sealed secret. */
export async function findShopEndpoint(platform: ShopPlatform, merchantSlug: string): Promise<ShopEndpoint | null> {
  const row = await db.shopConnection.findFirst({
    where: { platform, merchant: { slug: merchantSlug } },
    select: { merchantId: true, shopDomain: true, secretCiphertext: true, merchant: { select: { originCountry: true } } },
  });
  return row ? { merchantId: row.merchantId, shopDomain: row.shopDomain, secretCiphertext: row.secretCiphertext, originCountry: row.merchant.originCountry } : null;
}
