import { appUrl } from "@/lib/env";
import { unsubscribeByToken } from "@/lib/notifications/unsubscribe";

export const dynamic = "force-dynamic";

/**
 * One-step unsubscribe. POST is RFC 8058's one-click (mail clients send "List-Unsubscribe=One-Click",
 * no cookies, no page); GET is the link in every email: it unsubscribes at once and shows a page with
 * an undo button.
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
  await unsubscribeByToken(token, "link", new Date());
  return new Response(null, {
    status: 303,
    headers: { Location: `${appUrl()}/alerts/unsubscribed?token=${encodeURIComponent(token)}`, "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" },
  });
}
