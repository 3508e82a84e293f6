import { readBodyLimited } from "@/lib/http/read-body";
import { errorResponse, jsonResponse } from "@/lib/http/json-response";
import { MAX_WEBHOOK_BYTES } from "@/lib/webhooks/receive-webhook";

// The baseline for `npm run bench:ingest`: reads the body like a webhook (same limit) and does nothing else.
// Off (404) unless BENCH_NOOP=1, so it never exists in a real deployment.
export async function POST(request: Request) {
  if (process.env.BENCH_NOOP !== "1") return new Response(null, { status: 404 });
  try {
    await readBodyLimited(request, MAX_WEBHOOK_BYTES);
  } catch (error) {
    return errorResponse(error);
  }
  // Answered as the webhook route answers (jsonResponse: small, so not gzipped): only the work differs.
  return jsonResponse(200, { received: true });
}
