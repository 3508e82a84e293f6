import { NextResponse, type NextRequest } from "next/server";
import { clientIp } from "../lookup/client-ip";
import { consume } from "../lookup/rate-limit";
import { merchantSlugForHost } from "../merchants/custom-domain";
import { normalizeTrackingNumber } from "../shipments/tracking-number";
import { isWellFormedSlug } from "../validation/ids";
import { PRIVACY_HEADERS } from "./csp";
import { isInternalRender, notFoundResponse, perRequestPageProxy } from "./proxy-routes";
import { canonicalTrackLinkRedirect } from "./track-link-canonical";

/**
 * Per client address, 15-minute windows, counted in the database like the order lookup's. Generous for a
 * shopper reloading their parcel, and a wall for anyone walking a carrier's number range: sequential
 * numbers are guessable, so this limit is what keeps the page from being a directory of parcels. There is
 * deliberately no per-number limit: it would let anyone lock a shopper out of their own parcel's page.
 */
export const TRACK_LINK_LIMITS = { perIp: { max: 60, windowMs: 15 * 60_000 } };

function tooManyRequests(): NextResponse {
  return new NextResponse("Too many tracking pages opened from your network. Please try again in a few minutes.", {
    status: 429,
    headers: { ...PRIVACY_HEADERS, "content-type": "text/plain; charset=utf-8", "retry-after": String(TRACK_LINK_LIMITS.perIp.windowMs / 1000), "cache-control": "no-store" },
  });
}

async function hostMerchant(host: string | null): Promise<string | null> {
  try {
    return await merchantSlugForHost(host);
  } catch {
    return null;
  }
}

/**
 * /{merchant}/track/{number}, and /track/{number} on a merchant's proven domain (`linkBase` "/track/").
 * Malformed slugs and numbers are a 404 at once (they can name nothing); another merchant's slug on a
 * merchant's domain is the same 404; a number spelt otherwise than stored is redirected to its canonical
 * URL (lib/tracking/track-link-canonical.ts); every other request, whatever kind, is counted before the
 * page is rendered.
 */
export async function trackLinkProxy(request: NextRequest, merchantSlug: string, trackingNumber: string, linkBase = `/${merchantSlug}/track/`): Promise<NextResponse> {
  const pagePath = `/${encodeURIComponent(merchantSlug)}/track/${encodeURIComponent(trackingNumber)}`;
  if (isInternalRender(request)) return perRequestPageProxy(request, pagePath);
  const number = normalizeTrackingNumber(trackingNumber);
  if (!isWellFormedSlug(merchantSlug) || number === null) return notFoundResponse(request);
  const hostSlug = await hostMerchant(request.headers.get("host"));
  if (hostSlug && hostSlug !== merchantSlug) return notFoundResponse(request);
  const canonical = canonicalTrackLinkRedirect(request, linkBase, number);
  if (canonical) return canonical;
  const allowed = await consume({ subject: `track-link-ip:${clientIp(request.headers)}`, ...TRACK_LINK_LIMITS.perIp }, new Date());
  if (!allowed) return tooManyRequests();
  return perRequestPageProxy(request, pagePath);
}

/** /track/{number}: only a merchant's own domain has it; elsewhere null (no such page). */
export async function ownHostTrackLinkProxy(request: NextRequest, trackingNumber: string): Promise<NextResponse | null> {
  const hostSlug = await hostMerchant(request.headers.get("host"));
  return hostSlug ? trackLinkProxy(request, hostSlug, trackingNumber, "/track/") : null;
}
