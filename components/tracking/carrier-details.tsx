import { fill, type Messages } from "@/lib/i18n/messages";
import { carrierName, carrierTrackingUrl } from "@/lib/tracking/carriers";

interface Props {
  carrier: string;
  service: string | null;
  trackingNumber: string;
  carrierUrl: string | null;
  m: Messages;
}

export function CarrierDetails({ carrier, service, trackingNumber, carrierUrl, m }: Props) {
  const name = carrierName(carrier);
  const url = carrierTrackingUrl(carrier, trackingNumber, carrierUrl);
  return (
    <dl className="mt-4 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
      <dt className="text-slate-700">{m.carrier.label}</dt>
      <dd className="font-medium text-slate-900">
        {name}
        {service ? <span className="font-normal text-slate-700"> · {service}</span> : null}
      </dd>
      <dt className="text-slate-700">{m.carrier.trackingNumber}</dt>
      <dd className="font-mono text-slate-900 break-all">{trackingNumber}</dd>
      {url ? (
        <dd className="col-span-2 mt-1">
          <a
            href={url}
            target="_blank"
            rel="noreferrer noopener"
            className="font-medium text-[var(--brand-ink)] underline underline-offset-2 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-slate-900"
          >
            {fill(m.carrier.trackOn, { carrier: name })}
            <span className="sr-only"> {m.carrier.newTab}</span>
          </a>
        </dd>
      ) : null}
    </dl>
  );
}
