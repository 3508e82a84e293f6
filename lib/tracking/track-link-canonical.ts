import { NextResponse, type NextRequest } from "next/server";
import { PRIVACY_HEADERS } from "./csp";

/**
 * A track link whose number is spelt another way than the stored one ("1z827wk74630", "1Z 827-WK7",
 * "1Z%38%32…") is one page with one address: it is answered with a redirect to the canonical URL, the
 * stored spelling (lib/shipments/tracking-number.ts), so a link an agent pastes or a merchant's email
 * embeds keeps working while history, bookmarks and link previews converge on one URL.
 *
 * - 308, not 307: the mapping is a pure function of the URL that never changes (the spelling rule is a
 *   public contract, docs/api.md), so clients may remember it; 308 also keeps the method, unlike 301.
 *   Browsers cache a permanent redirect with no expiry of their own, so it carries a day's max-age: a
 *   mistake in the rule could be corrected within a day.
 * - Decided from the URL alone, before the database is asked: an unknown number redirects exactly like a
 *   stored one, so the redirect says nothing about what exists (the canonical page then answers 200 or the
 *   same 404, rate-limited, as before). It is not counted against the per-address limit: it reveals
 *   nothing, and a pasted lower-case link should not cost its visitor two of the 60.
 * - No open redirect: the target is built only from the well-formed slug (or the own-host prefix) and the
 *   normalized number (ASCII letters and digits), on the host that was asked; only the query is carried
 *   over, as a query (`?lang=` for the page, a merchant's `utm_…` for their analytics).
 */
export const CANONICAL_REDIRECT_MAX_AGE_S = 86_400;

/** The redirect to `linkBase + number` (with the request's query), or null when the URL already is canonical. */
export function canonicalTrackLinkRedirect(request: NextRequest, linkBase: string, normalizedNumber: string): NextResponse | null {
  const canonicalPath = `${linkBase}${normalizedNumber}`;
  // nextUrl.pathname is still percent-encoded: "%31Z…" or "1Z%20…" differ from the canonical path too.
  if (request.nextUrl.pathname === canonicalPath) return null;
  // Absolute for Next.js's proxy adapter, which sends a same-host redirect as a relative Location.
  const target = new URL(canonicalPath, request.url);
  target.search = request.nextUrl.search;
  const response = NextResponse.redirect(target, 308);
  for (const [name, value] of Object.entries(PRIVACY_HEADERS)) response.headers.set(name, value);
  response.headers.set("cache-control", `public, max-age=${CANONICAL_REDIRECT_MAX_AGE_S}`);
  return response;
}
