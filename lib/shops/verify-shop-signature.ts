import { createHmac } from "node:crypto";
import { reject, safeEqual, verified } from "../carriers/verify";
import type { VerifyResult } from "../carriers/types";

/** A base64 HMAC-SHA256 is 44 characters; anything much longer is not one, and is not hashed against. */
const MAX_SIGNATURE_LENGTH = 100;

export function base64HmacSha256(secret: string, body: Uint8Array | string): string {
  return createHmac("sha256", Buffer.from(secret, "utf8")).update(typeof body === "string" ? Buffer.from(body, "utf8") : body).digest("base64");
}

/**
 * Shopify's X-Shopify-Hmac-Sha256 and WooCommerce's X-WC-Webhook-Signature are the same construction:
 * base64(HMAC-SHA256(secret, the exact request bytes)). Checked on the raw bytes before anything decodes
 * or parses them, compared in constant time (lib/carriers/verify.ts). Both platforms send standard
 * base64 with padding, so the text is compared as sent.
 */
export function verifyBase64Hmac(body: Uint8Array | string, header: string | null, secret: string): VerifyResult {
  if (!header) return reject("missing signature header");
  const received = header.trim();
  if (received.length === 0 || received.length > MAX_SIGNATURE_LENGTH) return reject("malformed signature header");
  return safeEqual(base64HmacSha256(secret, body), received) ? verified("hmac-sha256-base64") : reject("signature mismatch");
}
