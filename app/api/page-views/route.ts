import { recordPageView } from "@/lib/analytics/record-page-view";
import { errorResponse } from "@/lib/http/json-response";
import { readBodyLimited } from "@/lib/http/read-body";
import { logger } from "@/lib/logger";

/** A beacon carries one token (≤ 64 characters); anything much larger is refused unread (413). */
const MAX_BEACON_BYTES = 1024;

export const dynamic = "force-dynamic";

/**
 * The tracking page's view beacon (navigator.sendBeacon, body = the page token). Separate from the page so
 * cached renders are still counted and the count never slows the page. Always 204: no existence oracle.
 */
export async function POST(request: Request) {
  let token: string;
  try {
    token = (await readBodyLimited(request, MAX_BEACON_BYTES)).trim();
  } catch (error) {
    return errorResponse(error);
  }
  try {
    await recordPageView(token, new Date());
  } catch (error) {
    logger.warn({ err: error instanceof Error ? error.message : String(error) }, "page view not recorded");
  }
  return new Response(null, { status: 204, headers: { "Cache-Control": "no-store" } });
}
