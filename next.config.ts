import type { NextConfig } from "next";
import { securityHeaders } from "./lib/http/security-headers";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Parallel e2e runs on one machine (several worktrees or agents) build into separate folders.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // Type-checking and lint run in `npm test`; the build need not repeat them.
  typescript: { ignoreBuildErrors: true },
  // One place for every response's security headers; shopper pages narrow them further in the proxy.
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders(process.env.NODE_ENV === "development") },
      // Config headers win over a route's own, and the last match wins among them: the tracking API's
      // paths carry a token, so they keep the page's `no-referrer` (they post no forms).
      { source: "/api/tracking/:path*", headers: [{ key: "Referrer-Policy", value: "no-referrer" }] },
    ];
  },
};

export default nextConfig;
