import { createHmac, timingSafeEqual } from "node:crypto";
import type { VerifyResult } from "./types";

/**
 * The one implementation of the signature primitives every adapter uses.
 * Everything here runs on the raw body, before any parsing, so a forged payload never reaches zod.
 */

/** How far a signed timestamp may sit from `now`, either way (replay window). */
export const SIGNATURE_TOLERANCE_SECONDS = 5 * 60;

/** More v1= values than this is not secret rotation but someone making us hash in a loop. */
const MAX_SIGNATURES = 8;

/** Names stored with each delivery saying what verified it (VerifyResult.scheme). */
export const SCHEME = {
  hmac: "hmac-sha256",
  timestampedHmac: "hmac-sha256-timestamped",
  urlToken: "url-token",
} as const;

export function verified(scheme: string): VerifyResult {
  return { ok: true, scheme };
}

export function reject(reason: string): VerifyResult {
  return { ok: false, reason };
}

export function hmacSha256(key: string, data: string): Buffer {
  return createHmac("sha256", Buffer.from(key, "utf8")).update(Buffer.from(data, "utf8")).digest();
}

/**
 * Constant-time string comparison. `timingSafeEqual` throws on unequal lengths, so a length
 * mismatch is answered after an equal-cost self-comparison: the only thing timing can reveal is
 * the length, which for our signatures (fixed-size digests) and tokens is not the secret part.
 */
export function safeEqual(expected: string, received: string): boolean {
  const a = Buffer.from(expected, "utf8");
  const b = Buffer.from(received, "utf8");
  if (a.length !== b.length) {
    timingSafeEqual(a, a);
    return false;
  }
  return timingSafeEqual(a, b);
}

/** True when any candidate matches; every candidate is compared, so the position of a match does not show. */
export function safeEqualAny(expected: string, candidates: readonly string[]): boolean {
  let matched = false;
  for (const candidate of candidates) {
    // Call first, then OR: `matched || safeEqual(...)` would skip the work after a match.
    matched = safeEqual(expected, candidate) || matched;
  }
  return matched;
}

export interface TimestampedSignature {
  /** Unix seconds, as sent (digits only). */
  timestamp: string;
  /** Hex signatures; several during secret rotation. */
  signatures: string[];
}

/**
 * Parses `t=<unix seconds>,v1=<hex>[,v1=<hex>…]` (the Stripe-style header used by our generic format
 * and by Shippo). Unknown keys (e.g. a future v2=) are ignored; null when it is not that shape.
 */
export function parseTimestampedSignature(header: string | null): TimestampedSignature | null {
  if (!header || header.length > 2048) return null;
  let timestamp: string | null = null;
  const signatures: string[] = [];
  for (const part of header.split(",")) {
    const eq = part.indexOf("=");
    if (eq <= 0) return null;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === "t") {
      if (timestamp !== null || !/^\d{1,12}$/.test(value)) return null;
      timestamp = value;
    } else if (key === "v1") {
      if (!/^[0-9a-fA-F]{1,128}$/.test(value)) return null;
      signatures.push(value.toLowerCase());
    }
  }
  if (timestamp === null || signatures.length === 0 || signatures.length > MAX_SIGNATURES) return null;
  return { timestamp, signatures };
}

/**
 * Verifies a `t=…,v1=…` header: HMAC-SHA256 over `"<t>.<body>"`, hex, and `t` within
 * SIGNATURE_TOLERANCE_SECONDS of `now` in either direction (an old capture or a clock far ahead is a replay risk).
 */
export function verifyTimestampedSignature(
  header: string | null,
  body: string,
  secret: string,
  now: Date,
): VerifyResult {
  if (!secret) return reject("no secret configured");
  if (!header) return reject("missing signature header");
  const parsed = parseTimestampedSignature(header);
  if (!parsed) return reject("malformed signature header");
  const ageSeconds = Math.floor(now.getTime() / 1000) - Number(parsed.timestamp);
  if (Math.abs(ageSeconds) > SIGNATURE_TOLERANCE_SECONDS) return reject("timestamp outside tolerance");
  const expected = hmacSha256(secret, `${parsed.timestamp}.${body}`).toString("hex");
  return safeEqualAny(expected, parsed.signatures) ? verified(SCHEME.timestampedHmac) : reject("signature mismatch");
}

/** Builds the header value for a body; used by tests, docs examples and anyone sending our generic format from Node. */
export function signTimestamped(body: string, secret: string, now: Date): string {
  const t = Math.floor(now.getTime() / 1000).toString();
  return `t=${t},v1=${hmacSha256(secret, `${t}.${body}`).toString("hex")}`;
}
