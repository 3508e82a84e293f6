import { ActionForm } from "@/components/console/action-form";
import type { BrandingView } from "@/lib/merchants/branding";
import { verifyDomain } from "./actions";

/** The custom domain's proof: the TXT record to publish, its status, and a "Verify" button. */
export function DomainVerification({ branding }: { branding: BrandingView }) {
  const record = branding.domainVerification;
  if (!branding.customDomain || !record) return null;
  const verified = branding.customDomainStatus === "verified";
  return (
    <section aria-labelledby="domain-proof" className="mt-8 rounded-md border border-slate-200 p-4">
      <h2 id="domain-proof" className="font-semibold">Custom domain: {branding.customDomain}</h2>
      <p data-testid="domain-status" className={`text-sm ${verified ? "text-emerald-800" : "text-amber-800"}`}>
        {verified ? "Verified: it serves your tracking pages." : "Pending: it serves nothing until you prove it is yours."}
      </p>
      <p className="mt-2 text-sm">Add this DNS record at your DNS provider, then press Verify (we also check every few minutes):</p>
      <dl className="my-2 grid grid-cols-[auto_1fr] gap-x-4 text-sm">
        <dt>Type</dt>
        <dd><code>{record.type}</code></dd>
        <dt>Name</dt>
        <dd><code data-testid="domain-record-name">{record.name}</code></dd>
        <dt>Value</dt>
        <dd><code data-testid="domain-record-value" className="break-all">{record.value}</code></dd>
      </dl>
      {!verified && <ActionForm action={verifyDomain} submit="Verify">{null}</ActionForm>}
    </section>
  );
}
