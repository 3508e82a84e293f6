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
    return [{ source: "/:path*", headers: securityHeaders(process.env.NODE_ENV === "development") }];
  },
};

export default nextConfig;
