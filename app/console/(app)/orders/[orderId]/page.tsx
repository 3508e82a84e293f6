import { notFound } from "next/navigation";
import Link from "next/link";
import { CopyButton } from "@/components/console/copy-button";
import { StatusBadge } from "@/components/console/status-badge";
import { requireConsoleUser } from "@/lib/console/auth";
import { getAgentOrder } from "@/lib/console/queries";
import { sendLinkAction } from "./actions";

export const dynamic = "force-dynamic";

const day = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : "—");
const when = (date: Date | null) => (date ? `${date.toISOString().slice(0, 16).replace("T", " ")} UTC` : "—");

export default async function AgentOrderPage({
  params,
  searchParams,
}: {
  params: Promise<{ orderId: string }>;
  searchParams: Promise<{ sent?: string; error?: string }>;
}) {
  const user = await requireConsoleUser();
  const { orderId } = await params;
  const { sent, error } = await searchParams;
  const order = await getAgentOrder(user.merchantId, orderId);
  if (!order) notFound();
  const deliveries = new Map(order.deliveries.map((delivery) => [delivery.id, delivery]));

  return (
    <main className="space-y-6">
      <div>
        <Link href="/console/shipments" className="text-sm text-blue-700 underline">← Shipments</Link>
        <h1 className="mt-2 text-2xl font-semibold">Order {order.orderNumber}</h1>
        <p className="text-sm text-slate-600">
          {order.shopperName ?? "Shopper"} · {order.shopperEmail ?? "no email"} · {order.shopperPhone ?? "no phone"} · to {order.destCity}, {order.destRegion} {order.destPostalCode} {order.destCountry} · placed {when(order.placedAt)}
        </p>
        {sent && <p role="status" className="mt-2 rounded bg-emerald-50 p-2 text-sm text-emerald-900">Tracking link queued by {sent === "sms" ? "text message (held until 08:00 during quiet hours at the destination)" : "email"}.</p>}
        {error && <p role="alert" className="mt-2 rounded bg-red-50 p-2 text-sm text-red-900">{error}</p>}
      </div>

      {order.shipments.map((shipment) => (
        <section key={shipment.id} aria-label={`Shipment ${shipment.trackingNumber}`} className="rounded-lg border border-slate-200 bg-white p-4">
          <div className="flex flex-wrap items-center gap-3">
            <h2 className="font-mono text-sm">{shipment.carrier.toUpperCase()} {shipment.trackingNumber}</h2>
            <StatusBadge status={shipment.status} />
            {shipment.statusDetail && <span className="text-xs text-slate-500">{shipment.statusDetail}</span>}
            <div className="ml-auto flex flex-wrap gap-2">
              <CopyButton text={shipment.trackingUrl} />
              <form action={sendLinkAction} className="flex gap-2">
                <input type="hidden" name="orderId" value={order.id} />
                <input type="hidden" name="shipmentId" value={shipment.id} />
                <button name="channel" value="email" disabled={!order.shopperEmail} className="rounded bg-slate-900 px-2 py-1 text-sm text-white disabled:opacity-40">Email link</button>
                <button name="channel" value="sms" disabled={!order.shopperPhone} className="rounded bg-slate-900 px-2 py-1 text-sm text-white disabled:opacity-40">Text link</button>
              </form>
            </div>
          </div>
          <p className="mt-1 break-all text-xs text-slate-500"><a className="underline" href={shipment.trackingUrl}>{shipment.trackingUrl}</a></p>
          <dl className="mt-3 grid grid-cols-2 gap-x-6 gap-y-1 text-sm md:grid-cols-4">
            <dt className="text-slate-500">Window</dt><dd>{day(shipment.etaEarliest)} – {day(shipment.etaLatest)}{shipment.etaConfidence !== null && ` (${Math.round(shipment.etaConfidence * 100)}%)`}</dd>
            <dt className="text-slate-500">First promised</dt><dd>{day(shipment.promisedLatest)}</dd>
            <dt className="text-slate-500">Why</dt><dd>{shipment.etaReason ?? "—"}{shipment.etaStage && ` · ${shipment.etaStage}`}</dd>
            <dt className="text-slate-500">Flags</dt><dd>{shipment.etaFlag ?? "none"}</dd>
            <dt className="text-slate-500">Last scan</dt><dd>{when(shipment.lastEventAt)}</dd>
            <dt className="text-slate-500">Delivered</dt><dd>{when(shipment.deliveredAt)}</dd>
          </dl>
          {shipment.delays.length > 0 && (
            <div className="mt-3 text-sm">
              <h3 className="font-medium">Window moved later</h3>
              <ul className="list-disc pl-5">
                {shipment.delays.map((delay) => (
                  <li key={delay.id}>{when(delay.createdAt)}: {day(delay.previousLatest)} → {day(delay.newLatest)} ({delay.reason})</li>
                ))}
              </ul>
            </div>
          )}
          <h3 className="mt-4 font-medium">Timeline</h3>
          <table className="mt-1 w-full text-left text-xs">
            <thead className="text-slate-500">
              <tr><th className="py-1">When</th><th>Status</th><th>Raw code</th><th>Description</th><th>Where</th><th>Source</th><th>Webhook delivery</th></tr>
            </thead>
            <tbody>
              {shipment.events.map((event) => {
                const delivery = event.deliveryId ? deliveries.get(event.deliveryId) : undefined;
                return (
                  <tr key={event.id} className="border-t border-slate-100 align-top">
                    <td className="py-1 pr-2">{when(event.occurredAt)}</td>
                    <td className="pr-2">{event.status}{event.detailCode && <div className="text-slate-500">{event.detailCode}</div>}</td>
                    <td className="pr-2 font-mono">{event.rawStatus}</td>
                    <td className="pr-2">{event.description}</td>
                    <td className="pr-2">{[event.city, event.region, event.country].filter(Boolean).join(", ")}</td>
                    <td className="pr-2">{event.source}</td>
                    <td className="font-mono">{delivery ? `${delivery.provider} ${delivery.outcome}` : "—"}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      ))}

      <section className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="font-semibold">Webhook deliveries</h2>
        {order.deliveries.length === 0 ? (
          <p className="text-sm text-slate-600">No webhook deliveries for this order yet.</p>
        ) : (
          <table className="mt-2 w-full text-left text-xs">
            <thead className="text-slate-500"><tr><th className="py-1">Received</th><th>Provider</th><th>Verified by</th><th>Outcome</th><th>Events added</th><th>Attempts</th><th>Error</th></tr></thead>
            <tbody>
              {order.deliveries.map((delivery) => (
                <tr key={delivery.id} className="border-t border-slate-100">
                  <td className="py-1">{when(delivery.receivedAt)}</td><td>{delivery.provider}</td><td>{delivery.signature}</td><td>{delivery.outcome}</td>
                  <td>{delivery.eventsAdded}</td><td>{delivery.attempts}</td><td>{delivery.error ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="font-semibold">Alert subscriptions and messages</h2>
        {order.subscriptions.length === 0 && <p className="text-sm text-slate-600">The shopper has not opted into alerts.</p>}
        {order.subscriptions.map((subscription) => (
          <div key={subscription.id} className="mt-2 text-sm">
            <p>
              <strong>{subscription.channel}</strong> {subscription.address} · {subscription.status.toLowerCase()} · {subscription.scope === "ALL" ? "every update" : "key updates"} · since {when(subscription.createdAt)}
              {subscription.endReason && ` · ended: ${subscription.endReason}`}
            </p>
            <ul className="ml-5 list-disc text-xs">
              {subscription.messages.map((message) => (
                <li key={message.id}>
                  {when(message.sentAt ?? message.createdAt)} · {message.trigger} · {message.status}
                  {message.content && ` · “${message.content}”`}
                  {message.lastError && ` · error: ${message.lastError}`}
                </li>
              ))}
            </ul>
          </div>
        ))}
      </section>

      <section className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="font-semibold">Sent from the console</h2>
        {order.audit.length === 0 ? (
          <p className="text-sm text-slate-600">Nothing yet.</p>
        ) : (
          <ul className="mt-1 text-sm" aria-label="Console log">
            {order.audit.map((entry) => {
              const detail = (entry.detail ?? {}) as { channel?: string; to?: string };
              return (
                <li key={entry.id}>
                  {when(entry.createdAt)} · {entry.user?.email ?? "someone"} sent the tracking link by {detail.channel === "sms" ? "text" : "email"} to {detail.to}
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </main>
  );
}
