"use client";

import { useActionState } from "react";
import type { LinkPageState } from "@/app/alerts/actions";

interface Props {
  action: (previous: LinkPageState, formData: FormData) => Promise<LinkPageState>;
  token: string;
  button: string;
}

/** One button that POSTs the link's token (works without JavaScript) and then shows the answer. */
export function LinkActionForm({ action, token, button }: Props) {
  const [state, formAction, pending] = useActionState(action, { done: false, message: "" });
  if (state.done) {
    return (
      <p role="status" className="mt-4 rounded-md bg-slate-100 p-3 text-slate-900">
        {state.message}
      </p>
    );
  }
  return (
    <form action={formAction} className="mt-4">
      <input type="hidden" name="token" value={token} />
      <button
        type="submit"
        disabled={pending}
        className="rounded-md bg-slate-900 px-4 py-2 font-semibold text-white focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-slate-900 disabled:opacity-70"
      >
        {button}
      </button>
    </form>
  );
}

export function LinkPageShell({ lang, title, children }: { lang: string; title: string; children: React.ReactNode }) {
  return (
    <main lang={lang} className="mx-auto max-w-lg px-4 py-12">
      <h1 className="text-2xl font-semibold text-slate-900">{title}</h1>
      {children}
    </main>
  );
}
