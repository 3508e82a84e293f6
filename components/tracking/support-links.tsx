import { fill, type Messages } from "@/lib/i18n/messages";

export interface SupportContacts {
  supportEmail: string | null;
  supportPhone: string | null;
  supportUrl: string | null;
}

/** The merchant's own ways to be reached. Nothing renders when the merchant set none. */
export function SupportLinks({ contacts, m }: { contacts: SupportContacts; m: Messages }) {
  const { supportEmail, supportPhone, supportUrl } = contacts;
  if (!supportEmail && !supportPhone && !supportUrl) return null;
  const link = "font-medium text-[var(--brand-ink)] underline underline-offset-2 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-slate-900";
  return (
    <ul className="mt-2 flex flex-wrap gap-x-5 gap-y-2 text-sm">
      {supportEmail ? (
        <li>
          <a className={link} href={`mailto:${supportEmail}`}>
            {fill(m.contact.email, { email: supportEmail })}
          </a>
        </li>
      ) : null}
      {supportPhone ? (
        <li>
          <a className={link} href={`tel:${supportPhone.replace(/[^\d+]/g, "")}`}>
            {fill(m.contact.phone, { phone: supportPhone })}
          </a>
        </li>
      ) : null}
      {supportUrl ? (
        <li>
          <a className={link} href={supportUrl} rel="noreferrer">
            {m.contact.website}
          </a>
        </li>
      ) : null}
    </ul>
  );
}
