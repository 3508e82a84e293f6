"use client";
import { useActionState } from "react";
import type { ActionState } from "@/app/console/(app)/integration/actions";
import { CopyButton } from "./copy-button";

/** A small form bound to a server action that answers a message (and, for new keys, the key once). */
export function ActionForm({
  action,
  submit,
  children,
}: {
  action: (state: ActionState, data: FormData) => Promise<ActionState>;
  submit: string;
  children: React.ReactNode;
}) {
  const [state, formAction, pending] = useActionState(action, { ok: false, message: null });
  return (
    <form action={formAction} className="flex flex-wrap items-end gap-2">
      {children}
      <button type="submit" disabled={pending} className="rounded-md bg-slate-900 px-3 py-2 text-sm text-white disabled:opacity-50">{submit}</button>
      {state.message && (
        <p role={state.ok ? "status" : "alert"} className={`w-full text-sm ${state.ok ? "text-emerald-800" : "text-red-700"}`}>{state.message}</p>
      )}
      {state.key && (
        <div className="flex w-full items-center gap-2">
          <code data-testid="new-api-key" className="grow break-all rounded bg-slate-100 p-2 text-xs">{state.key}</code>
          <CopyButton text={state.key} label="Copy key" />
        </div>
      )}
    </form>
  );
}
