import { hashedCsp, PRIVACY_HEADERS } from "./csp";

/**
 * Sets <html lang> from the page's own marker (data-pp-locale). The root layout is shared by every
 * route and static, so it cannot know the shopper's language; the cached document can.
 */
export function withDocumentLang(html: string): string {
  const locale = /data-pp-locale="([A-Za-z-]{2,8})"/.exec(html)?.[1];
  if (!locale) return html;
  return html.replace(/<html([^>]*?)\slang="[^"]*"/, `<html$1 lang="${locale}"`);
}

/** The response headers of a finished shopper document: hash-based CSP for exactly its inline code. */
export function documentHeaders(html: string): Record<string, string> {
  return {
    "content-type": "text/html; charset=utf-8",
    "content-security-policy": hashedCsp(html),
    "cache-control": "private, no-cache",
    vary: "Accept-Language",
    ...PRIVACY_HEADERS,
  };
}

/** The page's data version, stamped by <LiveRefresh> (absent on 404s, which are never cached). */
export function documentVersion(html: string): string | null {
  return /data-pp-version="([^"]+)"/.exec(html)?.[1] ?? null;
}
