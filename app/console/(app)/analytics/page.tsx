import { Suspense } from "react";
import { DailyBars, HorizontalBars, ShareBar } from "@/components/analytics/charts";
import { EstimateFrontier } from "@/components/console/estimate-frontier";
import { PERIODS, periodFrom } from "@/lib/analytics/period";
import { getAnalytics } from "@/lib/analytics/queries";
import { requireConsoleUser } from "@/lib/console/auth";
import { getBranding } from "@/lib/merchants/queries";

export const dynamic = "force-dynamic";

const pct = (value: number | null) => (value === null ? "—" : `${(value * 100).toFixed(1)}%`);

/** One bar per day of the period, zero where nobody looked. */
function everyDay(from: Date, to: Date, rows: { day: string; views: number }[]) {
  const byDay = new Map(rows.map((row) => [row.day, row.views]));
  const days: { day: string; value: number }[] = [];
  for (let t = from.getTime(); t < to.getTime() && days.length < 400; t += 86_400_000) {
    const day = new Date(t).toISOString().slice(0, 10);
    days.push({ day, value: byDay.get(day) ?? 0 });
  }
  return days;
}

export default async function AnalyticsPage({ searchParams }: { searchParams: Promise<{ days?: string; from?: string; to?: string }> }) {
  const user = await requireConsoleUser();
  const period = periodFrom(await searchParams, new Date());
  const branding = await getBranding(user.merchantId);
  const data = await getAnalytics(user.merchantId, period, branding?.timeZone ?? "UTC");
  const card = "rounded-lg border border-slate-200 bg-white p-4";
  return (
    <main className="space-y-6">
      <div className="flex flex-wrap items-end gap-4">
        <h1 className="text-xl font-semibold">Analytics <span className="text-base font-normal text-slate-500">· {period.label}</span></h1>
        <nav aria-label="Period" className="flex gap-2 text-sm">
          {PERIODS.map((days) => (
            <a key={days} href={`?days=${days}`} aria-current={"days" in period && period.days === days ? "page" : undefined} className="rounded border border-slate-300 px-2 py-1 aria-[current=page]:bg-slate-900 aria-[current=page]:text-white">{days} days</a>
          ))}
        </nav>
        <form className="flex items-end gap-2 text-sm">
          <label>From <input type="date" name="from" className="rounded border border-slate-300 px-1" /></label>
          <label>To <input type="date" name="to" className="rounded border border-slate-300 px-1" /></label>
          <button className="rounded border border-slate-300 px-2 py-1">Show</button>
        </form>
      </div>

      <div className="grid gap-4 md:grid-cols-4">
        <div className={card}><p className="text-sm text-slate-500">Shipments viewed</p><p className="text-2xl font-semibold" data-testid="unique-viewed">{data.views.uniqueShipments}</p></div>
        <div className={card}><p className="text-sm text-slate-500">Views per viewed shipment</p><p className="text-2xl font-semibold">{data.views.perShipment.toFixed(1)}</p></div>
        <div className={card}><p className="text-sm text-slate-500">Alert opt-in rate</p><p className="text-2xl font-semibold">{pct(data.optIn.rate)}</p><p className="text-xs text-slate-500">{data.optIn.optedIn} of {data.optIn.orders} orders</p></div>
        <div className={card}><p className="text-sm text-slate-500">Support contacts avoided (est.)</p><p className="text-2xl font-semibold" data-testid="contacts-avoided">{data.contactsAvoided.estimate}</p><p className="text-xs text-slate-500">{data.contactsAvoided.afterDelay} after a delay · {data.contactsAvoided.afterException} after an exception</p></div>
      </div>

      <section className={card}>
        <h2 className="font-semibold">Tracking page views per day</h2>
        <DailyBars label="Tracking page views per day" data={everyDay(period.from, period.to, data.views.byDay)} />
      </section>

      <div className="grid gap-4 md:grid-cols-2">
        <section className={card}>
          <h2 className="font-semibold">Delivered on time vs the first window promised</h2>
          <p className="text-3xl font-semibold">{pct(data.onTime.rate)}</p>
          <ShareBar share={data.onTime.rate} label="Delivered on time" />
          <p className="mt-1 text-xs text-slate-500">{data.onTime.onTime} of {data.onTime.withPromise} deliveries with a promise ({data.onTime.delivered} delivered in all)</p>
        </section>
        <section className={card}>
          <h2 className="font-semibold">Shipments that ever ran late</h2>
          <p className="text-3xl font-semibold">{pct(data.ranLate.share)}</p>
          <ShareBar share={data.ranLate.share} label="Ran late" tone="#b45309" />
          <p className="mt-1 text-xs text-slate-500">{data.ranLate.late} of {data.ranLate.shipments} shipments created in the period</p>
        </section>
      </div>

      <section className={card} aria-labelledby="frontier-title">
        <h2 id="frontier-title" className="font-semibold">Promise level: on time vs how far out</h2>
        <p className="text-sm text-slate-600">Higher levels keep more promises but promise later dates. Orders placed in the period and delivered since.</p>
        <Suspense fallback={<p className="mt-2 text-sm text-slate-600">Replaying your deliveries…</p>}>
          <EstimateFrontier merchantId={user.merchantId} period={period} now={new Date()} />
        </Suspense>
      </section>

      <section className={card}>
        <h2 className="font-semibold">Alerts sent by trigger and channel</h2>
        {data.alerts.length === 0 ? (
          <p className="text-sm text-slate-600">No alerts sent in this period.</p>
        ) : (
          <HorizontalBars label="Alerts sent" rows={data.alerts.map((row) => ({ label: `${row.trigger.toLowerCase().replaceAll("_", " ")} · ${row.channel.toLowerCase()}`, value: row.sent }))} />
        )}
      </section>

      <section className="text-xs text-slate-500">
        <h2 className="font-semibold text-slate-700">How these are counted</h2>
        <p>Views are counted per shipment and day, without cookies or anything about the visitor. Opt-in rate: orders created in the period with an alert subscription that is or was active. On time: delivered on or before the latest day first promised, in your time zone. Ran late: the window moved later at least once. Contacts avoided: shipments whose page was viewed after a delay or an exception scan — the moments shoppers otherwise contact support; each counts as one avoided contact. Promise level: every delivered order placed in the period is estimated again at each level from only the deliveries completed before it was placed (lanes: your origin → the destination region); on time = delivered on or before that date, lead = that date − order day, slack = that date − delivery day, in calendar days; the simple method is the same level&apos;s quantile of recent delivery times on the lane.</p>
      </section>
    </main>
  );
}
