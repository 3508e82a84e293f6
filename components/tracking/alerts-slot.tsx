import type { ReactNode } from "react";
import type { Messages } from "@/lib/i18n/messages";

/**
 * Where the shopper opts into delivery alerts. The alerts feature (lib/notifications) renders its
 * opt-in form as this slot's children; until then a short placeholder keeps the page honest.
 * Keep whatever goes here usable without JavaScript (a plain <form> with a server action: proxy.ts
 * restores the same-origin Origin that `Referrer-Policy: no-referrer` hides from such posts).
 */
export function AlertsSlot({ m, children }: { m: Messages; children?: ReactNode }) {
  return (
    <section aria-labelledby="alerts-heading" data-slot="alerts" className="mt-8 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="alerts-heading" className="text-base font-semibold text-slate-900">
        {m.alerts.title}
      </h2>
      {children ?? <p className="mt-1 text-sm text-slate-700">{m.alerts.placeholder}</p>}
    </section>
  );
}
