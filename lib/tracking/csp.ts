import { createHash, randomBytes } from "node:crypto";
import { SHARED_CSP_DIRECTIVES } from "../http/csp-directives";

/**
 * Content-Security-Policy for shopper pages. Cached documents are allowed exactly their own inline
 * scripts and styles by SHA-256 hash (a nonce cannot survive caching); documents rendered per request
 * use a fresh nonce, which Next.js applies to its scripts itself.
 */
const INLINE_SCRIPT = /<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/gi;
const INLINE_STYLE = /<style[^>]*>([\s\S]*?)<\/style>/gi;

function sha256(text: string): string {
  return `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;
}

/** Hashes of every inline <script> (without src) and <style> body, deduplicated, in document order. */
export function inlineHashes(html: string): { scripts: string[]; styles: string[] } {
  const collect = (pattern: RegExp) => [...new Set([...html.matchAll(pattern)].map((match) => sha256(match[1] ?? "")))];
  return { scripts: collect(INLINE_SCRIPT), styles: collect(INLINE_STYLE) };
}


export function hashedCsp(html: string): string {
  const { scripts, styles } = inlineHashes(html);
  return [
    ...SHARED_CSP_DIRECTIVES,
    ["script-src 'self'", ...scripts].join(" "),
    ["style-src 'self'", ...styles].join(" "),
  ].join("; ");
}

export function newNonce(): string {
  return randomBytes(16).toString("base64");
}

/** Per-request policy; Next.js reads the nonce from the request's CSP header and stamps its scripts. */
export function nonceCsp(nonce: string): string {
  return [...SHARED_CSP_DIRECTIVES, `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`, `style-src 'self' 'nonce-${nonce}'`].join("; ");
}

/** Headers every shopper-facing response carries. */
export const PRIVACY_HEADERS: Record<string, string> = {
  "referrer-policy": "no-referrer",
  "x-robots-tag": "noindex, nofollow",
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "permissions-policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
};
