import type { Locale } from "@/lib/i18n/locales";
import { fill, plural, type Messages } from "@/lib/i18n/messages";
import type { TrackingView } from "@/lib/shipments/queries";
import { bannerFor } from "@/lib/tracking/banner";
import { pageReason } from "@/lib/tracking/reason-line";
import { statusSummary } from "@/lib/tracking/summary";
import { windowLine } from "@/lib/tracking/window";
import { StatusLine } from "./status-line";

interface Props {
  /** Without an order number (the public view of one tracking number), the line names the merchant only. */
  view: { merchant: { name: string }; order: { orderNumber?: string }; shipments: Omit<TrackingView["shipments"][number], "token">[] };
  fallbackZone: string;
  locale: Locale;
  m: Messages;
}

/** The one-glance answer: what is happening (h1) and when it arrives, for the whole order. */
export function OrderHeadline({ view, fallbackZone, locale, m }: Props) {
  const { shipments } = view;
  const single = shipments.length === 1 ? shipments[0]! : null;
  return (
    <section aria-labelledby="headline">
      <p className="text-sm text-slate-700">
        {view.order.orderNumber ? fill(m.page.orderFrom, { order: view.order.orderNumber, merchant: view.merchant.name }) : view.merchant.name}
      </p>
      <h1 id="headline" className="mt-1 text-3xl font-bold tracking-tight text-slate-900" data-testid="headline">
        {single ? m.status[single.status] : plural(m.page, "parcels", shipments.length, locale)}
      </h1>
      {single ? (
        <StatusLine
          line={windowLine(single, fallbackZone, locale)}
          late={bannerFor(single)?.kind === "late"}
          m={m}
          reason={pageReason(single, locale)}
        />
      ) : (
        <p className="mt-1 text-base font-medium text-slate-800">{statusSummary(shipments.map((s) => s.status), m)}</p>
      )}
    </section>
  );
}
