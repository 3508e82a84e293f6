"use client";

import { useActionState } from "react";

export interface LookupState {
  error: "invalid" | "no_match" | "rate_limited" | null;
  orderNumber: string;
}

interface Props {
  action: (previous: LookupState, formData: FormData) => Promise<LookupState>;
  merchant: string;
  locale: string;
  labels: { orderNumber: string; contact: string; submit: string; invalid: string; no_match: string; rate_limited: string };
}

const INITIAL: LookupState = { error: null, orderNumber: "" };

/** Order number + email or postal code. A plain form: without JavaScript it posts and the page re-renders with the answer. */
export function LookupForm({ action, merchant, locale, labels }: Props) {
  const [state, formAction, pending] = useActionState(action, INITIAL);
  const input =
    "mt-1 block w-full rounded-md border border-slate-500 bg-white px-3 py-2 text-base text-slate-900 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-[var(--brand-ink)]";
  return (
    <form action={formAction} className="mt-6 space-y-4" aria-describedby={state.error ? "lookup-error" : undefined}>
      <input type="hidden" name="merchant" value={merchant} />
      <input type="hidden" name="lang" value={locale} />
      {state.error ? (
        <p id="lookup-error" role="alert" className="rounded-md border-l-4 border-red-700 bg-red-50 p-3 text-sm text-slate-900">
          {labels[state.error]}
        </p>
      ) : null}
      <div>
        <label htmlFor="orderNumber" className="block text-sm font-medium text-slate-900">
          {labels.orderNumber}
        </label>
        <input id="orderNumber" name="orderNumber" required maxLength={64} autoComplete="off" defaultValue={state.orderNumber} className={input} />
      </div>
      <div>
        <label htmlFor="contact" className="block text-sm font-medium text-slate-900">
          {labels.contact}
        </label>
        <input id="contact" name="contact" required maxLength={254} autoComplete="email" className={input} />
      </div>
      <button
        type="submit"
        disabled={pending}
        className="rounded-md bg-[var(--brand)] px-4 py-2 font-semibold text-[var(--brand-contrast)] focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-slate-900 disabled:opacity-70"
      >
        {labels.submit}
      </button>
    </form>
  );
}
