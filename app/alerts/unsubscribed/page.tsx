import type { Metadata } from "next";
import Link from "next/link";
import { resubscribeAction, unsubscribeAction } from "@/app/alerts/actions";
import { LinkActionForm, LinkPageShell } from "@/components/alerts/link-page";
import { copyFor } from "@/lib/notifications/templates/copy";
import { inspectUnsubscribeLink } from "@/lib/notifications/unsubscribe";

export const dynamic = "force-dynamic";
// "same-origin": the token in the URL never leaves the site, and the button's POST keeps its Origin (Next.js refuses "null").
export const metadata: Metadata = { robots: { index: false, follow: false }, referrer: "same-origin" };

/** The email's unsubscribe link leads here: a button while the subscription is live, the result (with undo) after. */
export default async function UnsubscribedPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const { token: raw } = await searchParams;
  const token = typeof raw === "string" ? raw : "";
  const state = await inspectUnsubscribeLink(token, new Date());
  if (state.state === "invalid") {
    const pages = copyFor("en").pages;
    return (
      <LinkPageShell lang="en" title={pages.unsubscribedTitle}>
        <p className="mt-4 text-slate-800">{pages.linkInvalid}</p>
      </LinkPageShell>
    );
  }
  const pages = copyFor(state.locale).pages;
  if (state.subscribed) {
    // Reached by GET from the email's link: nothing has changed yet; only the button (a POST) unsubscribes.
    return (
      <LinkPageShell lang={state.locale} title={pages.unsubscribeButton}>
        <p className="mt-4 text-slate-800" data-testid="unsubscribe-intro">
          {pages.unsubscribeIntro({ brand: state.brand, order: state.orderNumber, address: state.address })}
        </p>
        <LinkActionForm action={unsubscribeAction} token={token} button={pages.unsubscribeButton} />
      </LinkPageShell>
    );
  }
  return (
    <LinkPageShell lang={state.locale} title={state.state === "unsubscribed" ? pages.unsubscribedTitle : pages.confirmTitle}>
      <p className="mt-4 text-slate-800" data-testid="unsubscribe-result">
        {state.state === "unsubscribed" ? pages.unsubscribed({ brand: state.brand, order: state.orderNumber, address: state.address }) : pages.resubscribed}
      </p>
      {state.canUndo ? <LinkActionForm action={resubscribeAction} token={token} button={pages.resubscribe} /> : null}
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
