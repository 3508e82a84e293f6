import { fill, type Messages } from "@/lib/i18n/messages";
import { SupportLinks, type SupportContacts as Contacts } from "./support-links";

export function SupportContacts({ merchantName, contacts, m }: { merchantName: string; contacts: Contacts; m: Messages }) {
  return (
    <section aria-labelledby="help-heading" className="mt-8 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="help-heading" className="text-base font-semibold text-slate-900">
        {m.contact.title}
      </h2>
      <p className="mt-1 text-sm text-slate-700">{fill(m.contact.body, { merchant: merchantName })}</p>
      <SupportLinks contacts={contacts} m={m} />
    </section>
  );
}
