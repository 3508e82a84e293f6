import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * API keys look like `pp_<12 alphanumerics>_<43 base64url characters>`. The first part (`pp_…`) is the
 * visible prefix: stored in clear, unique, shown in lists, used to find the row. The whole key is stored
 * only as sha256, compared in constant time. 256 random bits in the secret part.
 */
const KEY_PATTERN = /^(pp_[A-Za-z0-9]{12})_([A-Za-z0-9_-]{43})$/;
const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

export function newApiKey(): { key: string; prefix: string; keyHash: string } {
  // 62^12 ≈ 2^71 prefixes: collisions are not a practical concern, and the unique index catches one anyway.
  const bytes = randomBytes(12);
  const prefix = `pp_${Array.from(bytes, (byte) => ALPHANUMERIC[byte % ALPHANUMERIC.length]).join("")}`;
  const key = `${prefix}_${randomBytes(32).toString("base64url")}`;
  return { key, prefix, keyHash: hashApiKey(key) };
}

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

/** The prefix of a well-formed key, or null. */
export function apiKeyPrefix(key: string): string | null {
  return KEY_PATTERN.exec(key)?.[1] ?? null;
}

/** Constant-time comparison of two hex sha256 digests. */
export function sameHash(expectedHex: string, actualHex: string): boolean {
  const expected = Buffer.from(expectedHex, "hex");
  const actual = Buffer.from(actualHex, "hex");
  return expected.length === 32 && actual.length === 32 && timingSafeEqual(expected, actual);
}
