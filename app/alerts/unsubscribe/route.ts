import { appUrl } from "@/lib/env";
import { unsubscribeByToken } from "@/lib/notifications/unsubscribe";

export const dynamic = "force-dynamic";

/**
 * POST is RFC 8058's one-click unsubscribe (List-Unsubscribe + List-Unsubscribe-Post carry this URL; mail
 * clients POST "List-Unsubscribe=One-Click" with no cookies and want no page). GET changes nothing: mail
 * scanners and link previews fetch every link in a message, so the link in the email only leads to a
 * page whose button (a POST) unsubscribes.
 */
export async function POST(request: Request) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const result = await unsubscribeByToken(token, "one-click", new Date());
  return new Response(result.state === "invalid" ? "Unknown or invalid link.\n" : "Unsubscribed.\n", {
    status: result.state === "invalid" ? 404 : 200,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}

export async function GET(request: Request) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  return new Response(null, {
    status: 303,
    headers: { Location: `${appUrl()}/alerts/unsubscribed?token=${encodeURIComponent(token)}`, "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" },
  });
}
