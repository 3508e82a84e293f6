"use client";

import { useActionState, useSyncExternalStore } from "react";
import type { OptInState } from "@/app/alerts/actions";

interface Props {
  action: (previous: OptInState, formData: FormData) => Promise<OptInState>;
  channel: "EMAIL" | "SMS";
  token: string;
  locale: string;
  consent: { text: string; version: string };
  labels: { legend: string; address: string; hint: string | null; scope: string; scopeAll: string; scopeKey: string; submit: string; pending: string };
}

const noSubscription = () => () => {};
const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone ?? "";

const INITIAL: OptInState = { status: "idle", message: "", field: null, address: "" };

/** One channel's opt-in. Without JavaScript it posts and the page re-renders with the answer. */
export function AlertsForm({ action, channel, token, locale, consent, labels }: Props) {
  const [state, formAction, pending] = useActionState(action, INITIAL);
  // The shopper's zone for quiet hours, when the browser can tell; without it the order's zone is used.
  const timeZone = useSyncExternalStore(noSubscription, browserTimeZone, () => "");
  const id = channel.toLowerCase();
  const invalid = state.status === "error" && state.field === "address";
  const input =
    "mt-1 block w-full rounded-md border border-slate-500 bg-white px-3 py-2 text-base text-slate-900 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-[var(--brand-ink)] aria-[invalid=true]:border-red-700";
  return (
    <form action={formAction} className="rounded-md border border-slate-200 p-3" aria-labelledby={`alerts-${id}-legend`} data-channel={channel}>
      <h3 id={`alerts-${id}-legend`} className="text-sm font-semibold text-slate-900">
        {labels.legend}
      </h3>
      <input type="hidden" name="token" value={token} />
      <input type="hidden" name="channel" value={channel} />
      <input type="hidden" name="locale" value={locale} />
      <input type="hidden" name="consentVersion" value={consent.version} />
      <input type="hidden" name="timeZone" value={timeZone} />
      <label htmlFor={`alerts-${id}-address`} className="mt-2 block text-sm font-medium text-slate-900">
        {labels.address}
      </label>
      <input
        id={`alerts-${id}-address`}
        name="address"
        type={channel === "EMAIL" ? "email" : "tel"}
        autoComplete={channel === "EMAIL" ? "email" : "tel"}
        inputMode={channel === "EMAIL" ? "email" : "tel"}
        required
        maxLength={254}
        defaultValue={state.status === "error" ? state.address : ""}
        aria-invalid={invalid}
        aria-describedby={[labels.hint ? `alerts-${id}-hint` : null, state.message ? `alerts-${id}-status` : null].filter(Boolean).join(" ") || undefined}
        className={input}
      />
      {labels.hint ? (
        <p id={`alerts-${id}-hint`} className="mt-1 text-xs text-slate-700">
          {labels.hint}
        </p>
      ) : null}
      <fieldset className="mt-3">
        <legend className="text-sm font-medium text-slate-900">{labels.scope}</legend>
        <label className="mt-1 flex items-center gap-2 text-sm text-slate-800">
          <input type="radio" name="scope" value="ALL" defaultChecked /> {labels.scopeAll}
        </label>
        <label className="mt-1 flex items-center gap-2 text-sm text-slate-800">
          <input type="radio" name="scope" value="KEY" /> {labels.scopeKey}
        </label>
      </fieldset>
      <p className="mt-3 text-xs text-slate-700" data-testid={`consent-${id}`}>
        {consent.text}
      </p>
      <button
        type="submit"
        disabled={pending}
        className="mt-3 rounded-md bg-[var(--brand)] px-4 py-2 text-sm font-semibold text-[var(--brand-contrast)] focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-slate-900 disabled:opacity-70"
      >
        {pending ? labels.pending : labels.submit}
      </button>
      <p
        id={`alerts-${id}-status`}
        role={state.status === "error" ? "alert" : "status"}
        className={state.status === "error" ? "mt-2 text-sm text-red-800" : "mt-2 text-sm text-slate-900"}
      >
        {state.message}
      </p>
    </form>
  );
}
