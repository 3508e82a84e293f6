import { appUrl } from "@/lib/env";
import { toLocale } from "@/lib/i18n/locales";
import { fill, messagesFor } from "@/lib/i18n/messages";
import { getTrackingView } from "@/lib/shipments/queries";
import { PRIVACY_HEADERS } from "@/lib/tracking/csp";
import { calendarKey } from "@/lib/tracking/dates";
import { buildIcs } from "@/lib/tracking/ics";
import { createHash } from "node:crypto";

export const dynamic = "force-dynamic";

/** An .ics file with the parcel's delivery window as an all-day event; 404 when there is no window. */
export async function GET(request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const view = await getTrackingView(token);
  const shipment = view?.shipments.find((candidate) => candidate.token === token);
  if (!view || !shipment?.etaEarliest || !shipment.etaLatest || shipment.status === "DELIVERED") {
    return new Response("Not found.\n", { status: 404, headers: { ...PRIVACY_HEADERS, "content-type": "text/plain; charset=utf-8" } });
  }
  const locale = toLocale(new URL(request.url).searchParams.get("lang") ?? view.merchant.defaultLocale);
  const m = messagesFor(locale);
  const url = `${appUrl()}/t/${token}`;
  const ics = buildIcs({
    // Stable per parcel, so re-adding updates the same calendar entry; not the token itself.
    uid: `${createHash("sha256").update(token).digest("hex").slice(0, 32)}@parcelpage`,
    earliest: calendarKey(shipment.etaEarliest),
    latest: calendarKey(shipment.etaLatest),
    title: fill(m.calendar.eventTitle, { merchant: view.merchant.name, order: view.order.orderNumber }),
    description: fill(m.calendar.eventDescription, { url }),
    url,
    now: new Date(),
  });
  return new Response(ics, {
    headers: {
      ...PRIVACY_HEADERS,
      "content-type": "text/calendar; charset=utf-8",
      "content-disposition": 'attachment; filename="delivery.ics"',
      "cache-control": "private, no-store",
    },
  });
}
