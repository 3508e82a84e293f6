import { randomBytes } from "node:crypto";

/** 144 random bits, URL-safe: the only key to a public tracking page. */
export function newTrackingToken(): string {
  return randomBytes(18).toString("base64url");
}

/** Shape check before touching the database, so malformed tokens cost the same as unknown ones. */
export function isWellFormedToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{24}$/.test(token);
}
