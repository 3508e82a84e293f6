import { fill, type Messages } from "@/lib/i18n/messages";

/** The merchant's own message to shoppers (branding → custom message), above the parcels; nothing when unset. */
export function MerchantNote({ merchant, m }: { merchant: { name: string; customMessage: string | null }; m: Messages }) {
  if (!merchant.customMessage) return null;
  return (
    <aside aria-labelledby="note-heading" className="mt-4 rounded-lg bg-[var(--brand-tint)] p-4">
      <h2 id="note-heading" className="text-sm font-semibold text-slate-900">
        {fill(m.page.noteFrom, { merchant: merchant.name })}
      </h2>
      <p className="mt-1 text-sm text-slate-800">{merchant.customMessage}</p>
    </aside>
  );
}
