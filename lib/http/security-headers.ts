import { SHARED_CSP_DIRECTIVES } from "./csp-directives";

/**
 * Headers every response carries (next.config.ts applies them to every path, before the proxy runs).
 * Shopper pages (/t/…, /{merchant}/lookup) then replace the CSP and Referrer-Policy with their stricter
 * per-document ones (lib/tracking/csp.ts): a header the proxy sets wins over these.
 *
 * The baseline CSP cannot list hashes or nonces (it is one header for every path), so it allows inline
 * code but nothing from other origins, no framing, no <base>, no plugins and forms only to this origin.
 * Pages that render per request with Next.js's inline bootstrap scripts and hold secrets or sessions
 * (the console, /alerts/…) replace it in proxy.ts with nonceCsp: scripts only by a per-request nonce,
 * styles only from this origin's stylesheets.
 * Referrer-Policy `same-origin`: URLs carrying tokens
 * (/alerts/…, sign-in links) never leak to other sites, while same-origin form POSTs keep their Origin
 * (`no-referrer` would make browsers send `Origin: null`, which server actions refuse).
 */
function policy(scriptSrc: string, styleSrc: string): string {
  return [...SHARED_CSP_DIRECTIVES, `script-src ${scriptSrc}`, `style-src ${styleSrc}`].join("; ");
}

/** Inline styles stay allowed here: this one header covers every path, and the pages under it hold no secrets. */
export function baselineCsp(development: boolean): string {
  return policy(`'self' 'unsafe-inline'${development ? " 'unsafe-eval'" : ""}`, "'self' 'unsafe-inline'");
}

/**
 * The console's and /alerts pages' policy: no inline script but those carrying this request's nonce (Next.js
 * reads it from the request's CSP header and stamps its own scripts), and what they load ('strict-dynamic').
 * No inline style at all: Next.js links its CSS from /_next/static, and the console's few dynamic styles (the
 * branding preview's colours, the email snippet's preview) are applied through the CSSOM, which CSP does not
 * govern (components/console/branding-form.tsx, email-html-preview.tsx). Not by nonce: an inline <style>
 * rendered into a page the client router navigates to would carry the new request's nonce, not the one in
 * the document's policy, and be refused. Development keeps 'unsafe-inline' for Next.js's hot-reloaded styles.
 */
export function nonceCsp(nonce: string, development: boolean): string {
  return policy(`'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`, `'self'${development ? " 'unsafe-inline'" : ""}`);
}

/** Paths whose pages get nonceCsp (proxy.ts). */
export const NONCE_CSP_PATHS = /^\/(?:console|alerts)(?:\/|$)/;

export function securityHeaders(development: boolean): { key: string; value: string }[] {
  return [
    { key: "Content-Security-Policy", value: baselineCsp(development) },
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "same-origin" },
    { key: "X-Frame-Options", value: "DENY" },
  ];
}
