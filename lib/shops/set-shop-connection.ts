import { db } from "../db";
import { sealSecret } from "../crypto/secret-box";
import { AppError } from "../errors";
import { MAX_SECRET_LENGTH, MIN_SECRET_LENGTH, secretHintOf } from "../merchants/secret-hint";
import { CONTROL_MESSAGE, hasUnsafeCharacter } from "../validation/safe-text";
import { SHOP_SECRET_PURPOSE, type ShopPlatform } from "./platforms";
import { normalizeShopDomain, SHOP_DOMAIN_MESSAGE } from "./shop-domain";

/**
 * Connects (or re-connects) a merchant's shop: its domain and the secret that signs its webhooks, sealed at
 * rest. API, console and CLI all come through here. Write-only: the answer carries the hint, never the secret.
 */
export async function setShopConnection(merchantId: string, platform: ShopPlatform, input: { shopDomain: string; secret: string }) {
  const shopDomain = normalizeShopDomain(input.shopDomain);
  if (!shopDomain) throw new AppError("validation_failed", `shopDomain: ${SHOP_DOMAIN_MESSAGE}`);
  const { secret } = input;
  // A form post has no JSON floor under it: a control character would reach the database.
  if (hasUnsafeCharacter(secret)) throw new AppError("validation_failed", `secret: ${CONTROL_MESSAGE}`);
  if (secret.length < MIN_SECRET_LENGTH || secret.length > MAX_SECRET_LENGTH) {
    throw new AppError("validation_failed", `secret: must be ${MIN_SECRET_LENGTH} to ${MAX_SECRET_LENGTH} characters`);
  }
  const secretCiphertext = sealSecret(secret, SHOP_SECRET_PURPOSE);
  const secretHint = secretHintOf(secret);
  return db.shopConnection.upsert({
    where: { merchantId_platform: { merchantId, platform } },
    create: { merchantId, platform, shopDomain, secretCiphertext, secretHint },
    update: { shopDomain, secretCiphertext, secretHint },
    select: { platform: true, shopDomain: true, secretHint: true, updatedAt: true },
  });
}
