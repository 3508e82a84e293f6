import { jsonResponse } from "@/lib/http/json-response";
import { trackingVersion } from "@/lib/tracking/tracking-version";
import { PRIVACY_HEADERS } from "@/lib/tracking/csp";

export const dynamic = "force-dynamic";

/**
 * The tracking page's data version, polled by open pages and by proxy.ts's page cache. Answered from
 * this instance's memory (at most one database lookup per token per 250 ms, lib/tracking/version-memo.ts),
 * and 304 to a matching If-None-Match, so an unchanged page costs no query and no body. Its small JSON
 * answers go through jsonResponse, which marks them `no-transform` so Next.js does not gzip 20 bytes.
 */
export async function GET(request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const version = await trackingVersion(token);
  const headers = { ...PRIVACY_HEADERS, "cache-control": "no-store" };
  if (!version) return jsonResponse(404, { error: { code: "not_found", message: "Not found." } }, PRIVACY_HEADERS);
  const etag = `"${version}"`;
  if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers: { ...headers, etag } });
  return jsonResponse(200, { version }, { ...PRIVACY_HEADERS, etag });
}
