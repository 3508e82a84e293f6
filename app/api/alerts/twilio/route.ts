import { appUrl } from "@/lib/env";
import { errorResponse } from "@/lib/http/json-response";
import { readBodyLimited } from "@/lib/http/read-body";
import { AppError } from "@/lib/errors";
import { handleTwilioInbound } from "@/lib/notifications/twilio/inbound";
import { findUnsafeParam } from "@/lib/validation/safe-text";

export const dynamic = "force-dynamic";

/**
 * Twilio's inbound-message webhook (STOP, HELP). Verified by X-Twilio-Signature against the public URL
 * Twilio was given: APP_URL + this path, so APP_URL must be what Twilio calls.
 */
export async function POST(request: Request) {
  try {
    const url = new URL(request.url);
    const body = await readBodyLimited(request, 64 * 1024);
    // A NUL in From or Body would reach a query (PostgreSQL refuses it: a 500, retried by Twilio).
    const unsafe = findUnsafeParam(new URLSearchParams(body));
    if (unsafe !== null) throw new AppError("bad_request", `${unsafe}: must not contain control characters`);
    const answer = await handleTwilioInbound(
      { url: `${appUrl()}${url.pathname}${url.search}`, body, signature: request.headers.get("x-twilio-signature") },
      new Date(),
    );
    return new Response(answer.body, { status: answer.status, headers: { "Content-Type": "text/xml; charset=utf-8", "Cache-Control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
