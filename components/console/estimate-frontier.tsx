import { getEstimateFrontier } from "@/lib/analytics/estimate-frontier";
import { DEFAULT_CALIBRATION } from "@/lib/estimates";

const pct = (rate: number) => (Number.isNaN(rate) ? "—" : `${(rate * 100).toFixed(1)}%`);
const days = (value: number) => (Number.isNaN(value) ? "—" : `${value % 1 === 0 ? value : value.toFixed(1)} d`);

/**
 * The merchant's own frontier: how often a promise at each level would have held on its delivered orders
 * of the period, and how far out it would have been. Replayed by the backtest's code, so it is a heavy
 * read: the page streams it in after the rest (Suspense around this component).
 */
export async function EstimateFrontier({ merchantId, period, now }: { merchantId: string; period: { from: Date; to: Date }; now: Date }) {
  const { replayed, period: figures } = await getEstimateFrontier(merchantId, period, now);
  if (!figures) {
    return <p className="text-sm text-slate-600">No delivered orders placed in this period yet ({replayed} deliveries on record).</p>;
  }
  const defaultLevel = DEFAULT_CALIBRATION.promise.level;
  return (
    <>
      <table className="mt-2 w-full text-sm" data-testid="estimate-frontier">
        <caption className="sr-only">On time and promised lead at each promise level</caption>
        <thead>
          <tr className="text-left text-slate-500">
            <th scope="col" className="py-1 font-normal">Promise level</th>
            <th scope="col" className="py-1 font-normal">On time</th>
            <th scope="col" className="py-1 font-normal">Median lead</th>
            <th scope="col" className="py-1 font-normal">Mean slack</th>
            <th scope="col" className="py-1 font-normal">Simple method (on time @ lead)</th>
          </tr>
        </thead>
        <tbody>
          {figures.points.map((point) => (
            <tr key={point.level} className="border-t border-slate-100" aria-current={point.level === defaultLevel ? "true" : undefined}>
              <th scope="row" className="py-1 text-left font-medium">
                {Math.round(point.level * 100)}%{point.level === defaultLevel ? <span className="ml-1 text-xs font-normal text-slate-500">(default)</span> : null}
              </th>
              <td className="py-1">{pct(point.ours.onTimeRate)}</td>
              <td className="py-1">{days(point.ours.medianLeadDays)}</td>
              <td className="py-1">{days(point.ours.meanSlackDays)}</td>
              <td className="py-1 text-slate-600">{pct(point.naive.onTimeRate)} @ {days(point.naive.medianLeadDays)}</td>
            </tr>
          ))}
          <tr className="border-t border-slate-300">
            <th scope="row" className="py-1 text-left font-medium">Your promise</th>
            <td className="py-1">{pct(figures.merchant.onTimeRate)}</td>
            <td className="py-1">{days(figures.merchant.medianLeadDays)}</td>
            <td className="py-1">{days(figures.merchant.meanSlackDays)}</td>
            <td />
          </tr>
        </tbody>
      </table>
      <p className="mt-1 text-xs text-slate-500">
        {figures.orders} delivered orders placed in the period, each re-estimated from the {replayed} most recent deliveries as they stood when it was
        placed (the <code>eta:backtest</code> replay). &quot;Your promise&quot;: the date your checkout sent as <code>promisedBy</code>, else the first window the
        page showed.
      </p>
    </>
  );
}
