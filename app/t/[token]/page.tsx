import { notFound } from "next/navigation";
import { getTrackingView } from "@/lib/shipments/queries";

export const dynamic = "force-dynamic";

export default async function TrackingPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const view = await getTrackingView(token);
  if (!view) notFound();

  return (
    <main className="mx-auto max-w-2xl px-4 py-8">
      <p className="text-sm text-slate-600">{view.merchant.name}</p>
      <h1 className="text-2xl font-semibold">Order {view.order.orderNumber}</h1>
      {view.shipments.map((shipment) => (
        <section key={shipment.token} className="mt-6 rounded-lg border border-slate-200 bg-white p-4" aria-label={`Parcel ${shipment.trackingNumber}`}>
          <p className="text-lg font-medium" data-testid="status">{shipment.status.replaceAll("_", " ").toLowerCase()}</p>
          <p className="text-sm text-slate-600">
            {shipment.carrier.toUpperCase()} {shipment.trackingNumber}
          </p>
          <ol className="mt-4 space-y-2">
            {shipment.events.map((event) => (
              <li key={event.id} className="text-sm">
                <time dateTime={event.occurredAt.toISOString()}>{event.occurredAt.toISOString().slice(0, 16).replace("T", " ")} UTC</time>{" "}
                — {event.description}
                {event.city ? `, ${event.city}${event.region ? `, ${event.region}` : ""}` : ""}
              </li>
            ))}
          </ol>
        </section>
      ))}
    </main>
  );
}
