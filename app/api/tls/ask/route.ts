import { appUrl } from "@/lib/env";
import { isInternalCaller } from "@/lib/http/internal-caller";
import { jsonResponse } from "@/lib/http/json-response";
import { certificateAllowed } from "@/lib/merchants/certificate-allowed";

export const dynamic = "force-dynamic";

/**
 * Caddy's on-demand TLS `ask` (deploy/Caddyfile): GET /api/tls/ask?domain=<name> answers 200 when a
 * certificate may be obtained for the name — a merchant's proven custom domain — and 404 otherwise.
 * Internal only: callers outside loopback and the private network get 404 as if the route did not exist.
 */
export async function GET(request: Request) {
  if (!isInternalCaller(request.headers)) return jsonResponse(404, { error: { code: "not_found", message: "Not found." } });
  const domain = new URL(request.url).searchParams.get("domain");
  if (!domain) return jsonResponse(400, { error: { code: "validation_failed", message: "Send the host name as ?domain=." } });
  try {
    if (await certificateAllowed(domain, new URL(appUrl()).hostname)) return jsonResponse(200, { allowed: true });
  } catch {
    // No answer from the database is no certificate; Caddy asks again on the next handshake.
    return jsonResponse(503, { error: { code: "service_unavailable", message: "Cannot check the domain right now." } });
  }
  return jsonResponse(404, { allowed: false, error: { code: "not_found", message: "No certificate for this name." } });
}
