import "server-only";
import { db } from "../db";
import { appUrl } from "../env";
import { PROVIDERS } from "../carriers/types";
import { brandingSelect, brandingView } from "./branding";
import { openSecret } from "../crypto/secret-box";
import { secretHintOf } from "./secret-hint";
import { CONNECTION_SECRET_PURPOSE } from "./set-provider-connection";

/** Merchant settings reads for the API and console; every one is keyed by the caller's merchant id. */
export async function getBranding(merchantId: string) {
  const row = await db.merchant.findUnique({ where: { id: merchantId }, select: brandingSelect });
  return row ? brandingView(row) : null;
}

export async function getMerchantSummary(merchantId: string) {
  return db.merchant.findUnique({ where: { id: merchantId }, select: { id: true, slug: true, name: true, brandColor: true, logoUrl: true } });
}

export async function listApiKeys(merchantId: string) {
  return db.apiKey.findMany({
    where: { merchantId },
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, prefix: true, rateLimitPerMinute: true, lastUsedAt: true, revokedAt: true, createdAt: true },
  });
}

export function webhookUrl(provider: string, merchantSlug: string): string {
  return `${appUrl()}/api/webhooks/${provider}/${merchantSlug}`;
}

/**
 * Read from the secret itself, not the stored hint: secrets saved before the 16-character minimum kept
 * their last four characters as the hint, which for a short one is most or all of it.
 */
function hintFor(secretCiphertext: string): string {
  try {
    const hint = secretHintOf(openSecret(secretCiphertext, CONNECTION_SECRET_PURPOSE));
    return hint ? `…${hint}` : "too short: replace it";
  } catch {
    return "unreadable: replace it";
  }
}

/** Every provider, with its webhook URL and whether a secret is set (the secret itself never leaves). */
export async function listConnections(merchantId: string) {
  const merchant = await db.merchant.findUnique({
    where: { id: merchantId },
    select: { slug: true, connections: { select: { provider: true, secretCiphertext: true, updatedAt: true } } },
  });
  if (!merchant) return [];
  return PROVIDERS.map((provider) => {
    const connection = merchant.connections.find((c) => c.provider === provider);
    return {
      provider,
      connected: Boolean(connection),
      secretHint: connection ? hintFor(connection.secretCiphertext) : null,
      updatedAt: connection?.updatedAt.toISOString() ?? null,
      webhookUrl: webhookUrl(provider, merchant.slug),
    };
  });
}

export async function listConsoleUsers(merchantId: string) {
  return db.consoleUser.findMany({
    where: { merchantId },
    orderBy: { createdAt: "asc" },
    select: { id: true, email: true, name: true, role: true, lastSignInAt: true, createdAt: true },
  });
}
