/**
 * Headers every response carries (next.config.ts applies them to every path, before the proxy runs).
 * Shopper pages (/t/…, /{merchant}/lookup) then replace the CSP and Referrer-Policy with their stricter
 * per-document ones (lib/tracking/csp.ts): a header the proxy sets wins over these.
 *
 * The baseline CSP cannot list hashes or nonces (console pages render per request with Next.js's inline
 * bootstrap scripts), so it allows inline code but nothing from other origins, no framing, no <base>,
 * no plugins and forms only to this origin. Referrer-Policy `same-origin`: URLs carrying tokens
 * (/alerts/…, sign-in links) never leak to other sites, while same-origin form POSTs keep their Origin
 * (`no-referrer` would make browsers send `Origin: null`, which server actions refuse).
 */
export function baselineCsp(development: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    // Merchant logos are hosted by merchants.
    "img-src 'self' https: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export function securityHeaders(development: boolean): { key: string; value: string }[] {
  return [
    { key: "Content-Security-Policy", value: baselineCsp(development) },
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "same-origin" },
    { key: "X-Frame-Options", value: "DENY" },
  ];
}
