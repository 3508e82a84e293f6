/**
 * What the cluster tests need in their fresh database: a shop whose 30 parcels each have an e-mail
 * subscriber (so the first scan of each sends exactly one "shipped" alert), a generic webhook secret, an
 * API key; and three custom domains — one proven, one only requested, one under the platform host forced
 * in behind the rules' back (a merchant must never get a certificate for it, whatever the database says).
 */
import { randomBytes } from "node:crypto";
import { db } from "../../../lib/db";
import { createApiKey } from "../../../lib/merchants/create-api-key";
import { createMerchant } from "../../../lib/merchants/create-merchant";
import { setProviderConnection } from "../../../lib/merchants/set-provider-connection";
import { newTrackingToken } from "../../../lib/shipments/tokens";

export const PLATFORM_HOST = "parcelpage.test";
export const PROVEN_DOMAIN = "track.cluster-shop.test";
export const PENDING_DOMAIN = "track.pending-shop.test";
export const PLATFORM_CLAIM = `shop.${PLATFORM_HOST}`;
export const PARCELS = 30;

export interface ClusterSeed {
  merchantId: string;
  slug: string;
  secret: string;
  apiKey: string;
  parcels: { trackingNumber: string; token: string }[];
}

export async function seedCluster(): Promise<ClusterSeed> {
  const secret = randomBytes(24).toString("hex");
  const merchant = await createMerchant({ slug: "cluster-shop", name: "Cluster Shop", timeZone: "America/Chicago", defaultLocale: undefined });
  await setProviderConnection(merchant.id, "generic", secret);
  await db.merchant.update({ where: { id: merchant.id }, data: { customDomain: PROVEN_DOMAIN, verifiedDomain: PROVEN_DOMAIN, domainToken: "parcelpage-verify=cluster" } });
  const { key } = await createApiKey(merchant.id, { name: "cluster test", rateLimitPerMinute: 100_000 });
  const parcels: ClusterSeed["parcels"] = [];
  for (let index = 0; index < PARCELS; index++) {
    const trackingNumber = `1ZCLUSTER${String(index).padStart(4, "0")}`;
    const token = newTrackingToken();
    const order = await db.order.create({
      data: {
        merchantId: merchant.id,
        orderNumber: `C-${index}`,
        destCountry: "US",
        destRegion: "IL",
        placedAt: new Date(Date.now() - 86_400_000),
        shipments: { create: { merchantId: merchant.id, carrier: "ups", service: "Ground", trackingNumber, token } },
      },
      select: { id: true },
    });
    await db.alertSubscription.create({
      data: {
        merchantId: merchant.id, orderId: order.id, channel: "EMAIL", address: `shopper${index}@example.com`, scope: "ALL",
        status: "ACTIVE", locale: "en", consentText: "cluster test", consentAt: new Date(), confirmedAt: new Date(),
      },
    });
    parcels.push({ trackingNumber, token });
  }
  const pending = await createMerchant({ slug: "pending-shop", name: "Pending Shop", timeZone: undefined, defaultLocale: undefined });
  await db.merchant.update({ where: { id: pending.id }, data: { customDomain: PENDING_DOMAIN, domainToken: "parcelpage-verify=pending" } });
  const greedy = await createMerchant({ slug: "greedy-shop", name: "Greedy Shop", timeZone: undefined, defaultLocale: undefined });
  await db.merchant.update({ where: { id: greedy.id }, data: { customDomain: PLATFORM_CLAIM, verifiedDomain: PLATFORM_CLAIM, domainToken: "parcelpage-verify=greedy" } });
  return { merchantId: merchant.id, slug: merchant.slug, secret, apiKey: key, parcels };
}
