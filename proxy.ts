import type { NextRequest } from "next/server";
import { NextResponse } from "next/server";
import { checkFormBody, formRefusalResponse } from "./lib/http/form-guard";
import { NONCE_CSP_PATHS, nonceCsp } from "./lib/http/security-headers";
import { customDomainRedirect } from "./lib/merchants/custom-domain";
import { newNonce } from "./lib/tracking/csp";
import { lookupProxy, trackingProxy } from "./lib/tracking/proxy-routes";
import { ownHostTrackLinkProxy, trackLinkProxy } from "./lib/tracking/track-link-proxy";

/**
 * Runs before routes render: every POST to a page is checked first (server-action bodies, see
 * lib/http/form-guard.ts); beyond that it fronts the shopper pages only (see lib/tracking/proxy-routes.ts).
 * Branch here rather than growing this file.
 */
export async function proxy(request: NextRequest) {
  if (request.method === "POST") {
    const refusal = await checkFormBody(request);
    if (refusal) return formRefusalResponse(refusal);
  }
  const path = request.nextUrl.pathname;
  // A merchant's own tracking host (Merchant.customDomain): its bare host and /lookup are its lookup page.
  const home = await customDomainRedirect(request.headers.get("host"), path);
  if (home) return NextResponse.redirect(new URL(home, request.url));
  const tracking = /^\/t\/(.*)$/.exec(path);
  if (tracking) {
    const rest = tracking[1] ?? "";
    return trackingProxy(request, rest.includes("/") ? null : decodeSegment(rest));
  }
  // The link a shop's own email builds from a tracking number (lib/tracking/public-view.ts).
  const trackLink = /^\/([^/]+)\/track\/([^/]+)$/.exec(path);
  if (trackLink) return trackLinkProxy(request, decodeSegment(trackLink[1] ?? ""), decodeSegment(trackLink[2] ?? ""));
  const shortTrackLink = /^\/track\/([^/]+)$/.exec(path);
  if (shortTrackLink) {
    const served = await ownHostTrackLinkProxy(request, decodeSegment(shortTrackLink[1] ?? ""));
    if (served) return served;
  }
  const lookup = /^\/([^/]+)\/lookup$/.exec(path);
  if (lookup) return lookupProxy(request, decodeSegment(lookup[1] ?? ""));
  if (NONCE_CSP_PATHS.test(path)) return withNonceCsp(request);
  return NextResponse.next();
}

/** Console and /alerts pages: a fresh nonce per request, in the request's CSP (Next.js stamps its scripts with it) and the answer's. */
function withNonceCsp(request: NextRequest): NextResponse {
  const csp = nonceCsp(newNonce(), process.env.NODE_ENV === "development");
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", csp);
  return response;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return "";
  }
}

export const config = {
  // Every page (any of them takes a POST that Next.js reads as a server action), not the API routes,
  // which read their own bodies under their own limits, nor static files.
  matcher: ["/((?!api/|_next/static/|_next/image|favicon\\.ico).*)"],
};
