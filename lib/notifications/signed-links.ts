import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { appSecret } from "../crypto/app-secret";

/**
 * Links in alerts (confirm, unsubscribe) carry their own proof: the subscription id, what the link does,
 * optionally a nonce and an expiry, and an HMAC-SHA256 over all of it with a key derived from APP_SECRET
 * for this purpose only. Checked in constant time. Format: <subscriptionId>.<nonce|->.<expires|->.<mac>.
 */
export type LinkPurpose = "confirm" | "unsubscribe";

export interface LinkClaims {
  subscriptionId: string;
  purpose: LinkPurpose;
  /** Must still match the subscription's stored nonce (confirm links: cleared once used). */
  nonce: string | null;
  /** Unix seconds; null = never expires (unsubscribe links must work from old messages). */
  expires: number | null;
}

let derived: { secret: string; key: Buffer } | undefined;

function key(): Buffer {
  const secret = appSecret();
  if (derived?.secret !== secret) derived = { secret, key: Buffer.from(hkdfSync("sha256", secret, Buffer.alloc(0), "parcelpage:alert-links", 32)) };
  return derived.key;
}

function mac(purpose: LinkPurpose, body: string): Buffer {
  return createHmac("sha256", key()).update(`${purpose}|${body}`).digest();
}

const PART = /^[A-Za-z0-9_-]{1,64}$/;

export function signLink(claims: LinkClaims): string {
  const body = [claims.subscriptionId, claims.nonce ?? "-", claims.expires === null ? "-" : String(claims.expires)].join(".");
  return `${body}.${mac(claims.purpose, body).toString("base64url")}`;
}

/** The claims of a well-formed, correctly signed, unexpired link for this purpose; null otherwise. */
export function verifyLink(token: string, purpose: LinkPurpose, now: Date): LinkClaims | null {
  if (typeof token !== "string" || token.length > 400) return null;
  const parts = token.split(".");
  if (parts.length !== 4 || !parts.every((part) => PART.test(part))) return null;
  const [subscriptionId, nonce, expires, signature] = parts as [string, string, string, string];
  const body = `${subscriptionId}.${nonce}.${expires}`;
  // Compared as text: base64url has several spellings of the same bytes (the last character's spare bits).
  const expected = Buffer.from(mac(purpose, body).toString("base64url"));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const expiresAt = expires === "-" ? null : Number(expires);
  if (expiresAt !== null && (!Number.isInteger(expiresAt) || expiresAt * 1000 < now.getTime())) return null;
  return { subscriptionId, purpose, nonce: nonce === "-" ? null : nonce, expires: expiresAt };
}
