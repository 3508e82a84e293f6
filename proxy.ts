import type { NextRequest } from "next/server";
import { NextResponse } from "next/server";
import { customDomainRedirect } from "./lib/merchants/custom-domain";
import { lookupProxy, trackingProxy } from "./lib/tracking/proxy-routes";

/**
 * Runs before routes render. Today it fronts the shopper pages only (see lib/tracking/proxy-routes.ts);
 * add other prefixes to `matcher` and branch here rather than growing this file.
 */
export async function proxy(request: NextRequest) {
  const path = request.nextUrl.pathname;
  // A merchant's own tracking host (Merchant.customDomain): its bare host and /lookup are its lookup page.
  const home = await customDomainRedirect(request.headers.get("host"), path);
  if (home) return NextResponse.redirect(new URL(home, request.url));
  const tracking = /^\/t\/(.*)$/.exec(path);
  if (tracking) {
    const rest = tracking[1] ?? "";
    return trackingProxy(request, rest.includes("/") ? null : decodeSegment(rest));
  }
  const lookup = /^\/([^/]+)\/lookup$/.exec(path);
  if (lookup) return lookupProxy(request, decodeSegment(lookup[1] ?? ""));
  return NextResponse.next();
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return "";
  }
}

export const config = {
  matcher: ["/t/:path*", "/:merchant/lookup", "/", "/lookup"],
};
