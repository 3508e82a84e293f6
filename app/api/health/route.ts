import { db } from "@/lib/db";
import { jsonResponse } from "@/lib/http/json-response";
import { processingLag } from "@/lib/webhooks/process-pending";

export const dynamic = "force-dynamic";

/**
 * For load balancers and uptime checks: 200 when the database answers, 503 when it does not. Also the
 * webhook processing lag: how many deliveries wait to be processed and the age of the oldest, in ms
 * (docs/webhooks.md). A growing lag with a healthy database means the workers are down or too few.
 */
export async function GET() {
  try {
    await db.$queryRaw`SELECT 1`;
    const ingest = await processingLag(new Date());
    return jsonResponse(200, { ok: true, ingest });
  } catch {
    return jsonResponse(503, { ok: false, error: { code: "service_unavailable", message: "Database unreachable" } });
  }
}
