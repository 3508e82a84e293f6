import type { Locale } from "@/lib/i18n/locales";
import { fill, type Messages } from "@/lib/i18n/messages";
import type { TrackingView } from "@/lib/shipments/queries";
import { bannerFor } from "@/lib/tracking/banner";
import { pageReason } from "@/lib/tracking/reason-line";
import { formatPlace } from "@/lib/tracking/place";
import { countMovingScans, progressOf } from "@/lib/tracking/progress";
import { buildTimeline } from "@/lib/tracking/timeline";
import { windowLine } from "@/lib/tracking/window";
import { CalendarLink } from "./calendar-link";
import { CarrierDetails } from "./carrier-details";
import { Heading } from "./heading";
import { IssueBanner } from "./issue-banner";
import { ProgressBar } from "./progress-bar";
import { StatusLine } from "./status-line";
import type { SupportContacts } from "./support-links";
import { Timeline } from "./timeline";

/** The public view (a tracking number's page) has no token: nothing on it may lead to /t/{token}. */
type Shipment = Omit<TrackingView["shipments"][number], "token"> & { token?: string };

interface Props {
  shipment: Shipment;
  /** 1-based position and count; a single-parcel order shows no parcel heading. */
  index: number;
  count: number;
  fallbackZone: string;
  contacts: SupportContacts;
  locale: Locale;
  m: Messages;
}

/** One parcel: its status and window, progress, what went wrong (if anything), carrier and history. */
export function ParcelCard({ shipment, index, count, fallbackZone, contacts, locale, m }: Props) {
  const multi = count > 1;
  const level = multi ? 3 : 2;
  const prefix = `p${index}`;
  const progress = progressOf(shipment.status, countMovingScans(shipment.events));
  const banner = bannerFor({ ...shipment, delays: shipment.delays });
  const line = windowLine(shipment, fallbackZone, locale);
  const latestPlace = shipment.events[0] ? formatPlace(shipment.events[0].city, shipment.events[0].region) : null;
  const hasWindow = line.kind === "range" || line.kind === "single";

  const body = (
    <>
      {multi ? (
        <>
          <Heading level={2} id={`${prefix}-title`} className="text-lg font-semibold text-slate-900">
            {fill(m.page.parcelOf, { index, count })}: {m.status[shipment.status]}
          </Heading>
          <StatusLine line={line} late={banner?.kind === "late"} m={m} reason={pageReason(shipment, locale)} />
        </>
      ) : null}
      <ProgressBar progress={progress} m={m} labelledBy={multi ? `${prefix}-title` : "headline"} />
      {banner ? <IssueBanner banner={banner} contacts={contacts} place={latestPlace} locale={locale} m={m} level={level} id={`${prefix}-banner`} /> : null}
      <CarrierDetails carrier={shipment.carrier} service={shipment.service} trackingNumber={shipment.trackingNumber} carrierUrl={shipment.carrierUrl} m={m} />
      {hasWindow && shipment.token ? (
        <p className="mt-3">
          <CalendarLink token={shipment.token} locale={locale} m={m} />
        </p>
      ) : null}
      <Timeline timeline={buildTimeline(shipment.events, fallbackZone, locale)} locale={locale} m={m} level={level} id={`${prefix}-history`} />
    </>
  );

  return multi ? (
    <article aria-labelledby={`${prefix}-title`} data-parcel={index} data-status={shipment.status} className="mt-6 rounded-lg border border-slate-200 bg-white p-4">
      {body}
    </article>
  ) : (
    <div data-parcel={index} data-status={shipment.status} className="mt-4 rounded-lg border border-slate-200 bg-white p-4">
      {body}
    </div>
  );
}
