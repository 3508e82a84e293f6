/**
 * Webhook/provider secrets: a secret short enough to guess makes every signature check moot, and the last
 * four characters of a short secret are most of it. Listed in docs/security.md.
 */
export const MIN_SECRET_LENGTH = 16;
export const MAX_SECRET_LENGTH = 500;

/** The last four characters, only for a secret long enough that they give nothing away; else "". */
export function secretHintOf(secret: string): string {
  return secret.length >= MIN_SECRET_LENGTH ? secret.slice(-4) : "";
}
