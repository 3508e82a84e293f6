import Link from "next/link";
import { StatusBadge } from "@/components/console/status-badge";
import { requireConsoleUser } from "@/lib/console/auth";
import { searchShipments } from "@/lib/console/queries";

export const dynamic = "force-dynamic";

type Search = { q?: string; delayed?: string; exception?: string; stalled?: string; denied?: string };

export default async function ShipmentsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const user = await requireConsoleUser();
  const params = await searchParams;
  const filters = { delayed: params.delayed === "1", exception: params.exception === "1", stalled: params.stalled === "1" };
  const rows = await searchShipments(
    user.merchantId,
    { q: params.q?.slice(0, 100), delayed: filters.delayed || undefined, exception: filters.exception || undefined, stalled: filters.stalled || undefined },
    new Date(),
  );
  return (
    <main>
      <h1 className="text-xl font-semibold">Shipments</h1>
      {params.denied && <p role="alert" className="mt-2 text-sm text-amber-800">That page is for owners.</p>}
      <form className="mt-4 flex flex-wrap items-end gap-3" role="search">
        <div className="grow">
          <label htmlFor="q" className="block text-sm font-medium">Order number, email, phone or tracking number</label>
          <input id="q" name="q" defaultValue={params.q ?? ""} className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2" />
        </div>
        {(["delayed", "exception", "stalled"] as const).map((name) => (
          <label key={name} className="flex items-center gap-1 text-sm">
            <input type="checkbox" name={name} value="1" defaultChecked={filters[name]} /> {name === "exception" ? "Exceptions" : name[0]!.toUpperCase() + name.slice(1)}
          </label>
        ))}
        <button type="submit" className="rounded-md bg-slate-900 px-4 py-2 text-white">Search</button>
      </form>
      <p className="mt-4 text-sm text-slate-600">{rows.length === 100 ? "First 100 matches" : `${rows.length} shipment${rows.length === 1 ? "" : "s"}`}</p>
      <table className="mt-2 w-full border-collapse bg-white text-sm">
        <thead>
          <tr className="border-b border-slate-200 text-left text-slate-600">
            <th className="p-2">Order</th><th className="p-2">Shopper</th><th className="p-2">Tracking</th><th className="p-2">Status</th><th className="p-2">Latest window</th><th className="p-2">Last scan</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} className="border-b border-slate-100">
              <td className="p-2"><Link className="font-medium text-blue-700 underline" href={`/console/orders/${row.order.id}`}>{row.order.orderNumber}</Link></td>
              <td className="p-2">{row.order.shopperName}<div className="text-xs text-slate-500">{row.order.shopperEmail} {row.order.shopperPhone}</div></td>
              <td className="p-2 font-mono text-xs">{row.carrier.toUpperCase()} {row.trackingNumber}</td>
              <td className="p-2">
                <StatusBadge status={row.status} />
                {row.delayed && <span className="ml-1 rounded bg-amber-100 px-1.5 text-xs text-amber-900">delayed</span>}
                {row.etaFlag?.includes("stalled") && <span className="ml-1 rounded bg-slate-200 px-1.5 text-xs">stalled</span>}
              </td>
              <td className="p-2">{row.etaLatest ? row.etaLatest.toISOString().slice(0, 10) : "—"}</td>
              <td className="p-2">{row.lastEventAt ? row.lastEventAt.toISOString().slice(0, 16).replace("T", " ") : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}
