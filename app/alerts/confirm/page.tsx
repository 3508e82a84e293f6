import type { Metadata } from "next";
import Link from "next/link";
import { confirmAction } from "@/app/alerts/actions";
import { LinkActionForm, LinkPageShell } from "@/components/alerts/link-page";
import { inspectConfirmLink } from "@/lib/notifications/confirm";
import { copyFor } from "@/lib/notifications/templates/copy";

export const dynamic = "force-dynamic";
// "same-origin": the token in the URL never leaves the site, and the button's POST keeps its Origin (Next.js refuses "null").
export const metadata: Metadata = { robots: { index: false, follow: false }, referrer: "same-origin" };

/** The double opt-in link: GET shows what will be confirmed, the button (a POST) confirms. */
export default async function ConfirmAlertsPage({ searchParams }: { searchParams: Promise<{ token?: string | string[]; confirmed?: string }> }) {
  const { token: raw, confirmed } = await searchParams;
  const token = typeof raw === "string" ? raw : "";
  const state = await inspectConfirmLink(token, new Date());
  if (state.state === "invalid") {
    const pages = copyFor("en").pages;
    return (
      <LinkPageShell lang="en" title={pages.confirmTitle}>
        <p className="mt-4 text-slate-800">{pages.linkInvalid}</p>
      </LinkPageShell>
    );
  }
  const pages = copyFor(state.locale).pages;
  return (
    <LinkPageShell lang={state.locale} title={pages.confirmTitle}>
      {state.state === "ready" ? (
        <>
          <p className="mt-4 text-slate-800">{pages.confirmIntro({ brand: state.brand, order: state.orderNumber, address: state.address })}</p>
          <LinkActionForm action={confirmAction} token={token} button={pages.confirmButton} />
        </>
      ) : (
        <p role="status" className="mt-4 text-slate-800">
          {confirmed && state.active ? pages.confirmed({ brand: state.brand, order: state.orderNumber }) : pages.alreadyConfirmed}
        </p>
      )}
      {state.trackingToken ? (
        <p className="mt-6">
          <Link href={`/t/${state.trackingToken}`} className="text-slate-900 underline underline-offset-2">
            {pages.backToTracking}
          </Link>
        </p>
      ) : null}
    </LinkPageShell>
  );
}
