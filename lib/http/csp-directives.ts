/**
 * The Content-Security-Policy directives every policy shares: the baseline for all paths
 * (lib/http/security-headers.ts) and the shopper pages' hashed and nonce policies (lib/tracking/csp.ts).
 * Each policy adds only its own script-src and style-src.
 */
export const SHARED_CSP_DIRECTIVES: readonly string[] = [
  "default-src 'self'",
  // Merchant logos are hosted by merchants.
  "img-src 'self' https: data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
];
