/**
 * Ids that arrive in URLs. Every id we issue (cuid) and every token is letters, digits, `_` and `-`; anything
 * else (NUL, `%`, spaces, 10 kB of text) cannot name a row, so it is answered 404 before the database is asked.
 */
const ID_SHAPE = /^[A-Za-z0-9_-]{1,64}$/;
const SLUG_SHAPE = /^[a-z0-9-]{1,64}$/;

export function isWellFormedId(value: string): boolean {
  return ID_SHAPE.test(value);
}

/** Merchant slugs (lower-case letters, digits, dashes: see create-merchant.ts). */
export function isWellFormedSlug(value: string): boolean {
  return SLUG_SHAPE.test(value);
}

