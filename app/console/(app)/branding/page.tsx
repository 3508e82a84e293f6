import { BrandingForm } from "@/components/console/branding-form";
import { requireConsoleUser } from "@/lib/console/auth";
import { getBranding } from "@/lib/merchants/queries";
import { saveBranding } from "./actions";
import { DomainVerification } from "./domain-verification";

export const dynamic = "force-dynamic";

export default async function BrandingPage() {
  const user = await requireConsoleUser("owner");
  const branding = await getBranding(user.merchantId);
  if (!branding) return null;
  const { slug: _slug, updatedAt: _updatedAt, customDomainStatus: _status, domainVerification: _record, ...initial } = branding;
  void [_slug, _updatedAt, _status, _record];
  return (
    <main>
      <h1 className="text-xl font-semibold">Branding</h1>
      <p className="mb-6 text-sm text-slate-600">How your tracking page looks to shoppers. The preview updates as you type.</p>
      <BrandingForm initial={initial} timeZones={["UTC", ...Intl.supportedValuesOf("timeZone")]} action={saveBranding} />
      <DomainVerification branding={branding} />
    </main>
  );
}
