import { recordPageView } from "@/lib/analytics/record-page-view";
import { logger } from "@/lib/logger";

export const dynamic = "force-dynamic";

/**
 * The tracking page's view beacon (navigator.sendBeacon, body = the page token). Separate from the page so
 * cached renders are still counted and the count never slows the page. Always 204: no existence oracle.
 */
export async function POST(request: Request) {
  const token = (await request.text()).slice(0, 64).trim();
  try {
    await recordPageView(token, new Date());
  } catch (error) {
    logger.warn({ err: error instanceof Error ? error.message : String(error) }, "page view not recorded");
  }
  return new Response(null, { status: 204, headers: { "Cache-Control": "no-store" } });
}
