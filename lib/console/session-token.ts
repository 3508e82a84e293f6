import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * Sign-in links and session cookies carry `<row id>.<secret>`; the database keeps sha256(secret) only, so a
 * leaked table opens nothing. The row is found by id and the secret checked in constant time.
 */
export function newSecret(): { secret: string; secretHash: string } {
  const secret = randomBytes(32).toString("base64url");
  return { secret, secretHash: hashSecret(secret) };
}

export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

export function parseToken(token: string | null | undefined): { id: string; secret: string } | null {
  const match = /^([a-z0-9]{10,40})\.([A-Za-z0-9_-]{43})$/.exec(token ?? "");
  return match ? { id: match[1]!, secret: match[2]! } : null;
}

export function secretMatches(storedHash: string | undefined, secret: string): boolean {
  const expected = Buffer.from(storedHash ?? "0".repeat(64), "hex");
  const actual = Buffer.from(hashSecret(secret), "hex");
  return expected.length === actual.length && timingSafeEqual(expected, actual) && storedHash !== undefined;
}
