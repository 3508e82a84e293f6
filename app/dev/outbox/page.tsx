import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { headers } from "next/headers";
import { devOutboxAllowed } from "@/lib/dev/outbox-gate";
import { replyToTextAction } from "@/app/dev/outbox/actions";
import { listStoredMessages } from "@/lib/notifications/channels/file";
import { ALERT_LOCALES, isAlertLocale } from "@/lib/notifications/locales";
import { renderEmail } from "@/lib/notifications/templates/render-email";
import { renderSms } from "@/lib/notifications/templates/render-sms";
import { sampleFacts } from "@/lib/notifications/templates/sample";
import { smsSegments } from "@/lib/notifications/templates/gsm7";
import { ALERT_TRIGGERS, type AlertTrigger } from "@/lib/notifications/triggers";

export const dynamic = "force-dynamic";
/** The title only where the page exists: a 404 here must look like any other (its metadata rides along in it). */
export async function generateMetadata(): Promise<Metadata> {
  const robots = { index: false, follow: false };
  return devOutboxAllowed(await headers()) ? { title: "Dev outbox · Parcelpage", robots } : { robots };
}

type Search = Promise<{ trigger?: string; locale?: string; channel?: string }>;

/**
 * Every message the file transports wrote (.data/outbox), as the shopper would see it, and a preview of
 * every template (trigger × channel × language). Only with DEV_OUTBOX=1 — which `npm start` sets for the
 * embedded default (no SMTP_URL, no Twilio) — to loopback clients, and never otherwise (lib/dev/outbox-gate.ts).
 */
export default async function DevOutboxPage({ searchParams }: { searchParams: Search }) {
  if (!devOutboxAllowed(await headers())) notFound();
  const query = await searchParams;
  const trigger = (ALERT_TRIGGERS as readonly string[]).includes(query.trigger ?? "") ? (query.trigger as AlertTrigger) : "OUT_FOR_DELIVERY";
  const locale = isAlertLocale(query.locale) ? query.locale : "en";
  const channel = query.channel === "sms" ? "sms" : "email";
  const messages = await listStoredMessages(undefined, 100);
  const facts = sampleFacts(trigger, locale);
  const email = channel === "email" ? renderEmail(facts) : null;
  const sms = channel === "sms" ? renderSms(facts) : null;

  return (
    <main className="mx-auto max-w-5xl px-4 py-8">
      <h1 className="text-2xl font-semibold">Dev outbox</h1>
      <p className="mt-1 text-sm text-slate-700">
        Alerts written by the file transports to <code>.data/outbox/</code> (no SMTP_URL or Twilio configured), newest first.
      </p>

      <section className="mt-8" aria-labelledby="messages-heading">
        <h2 id="messages-heading" className="text-lg font-semibold">
          Messages ({messages.length})
        </h2>
        {messages.length === 0 ? <p className="mt-2 text-sm text-slate-700">Nothing sent yet. Opt in on a tracking page, then move a parcel.</p> : null}
        <ul className="mt-4 space-y-4">
          {messages.map((message) => (
            <li key={message.id} className="rounded-lg border border-slate-200 bg-white p-4" data-testid="dev-outbox-message">
              <p className="text-xs text-slate-600">
                {message.writtenAt} · {message.channel === "email" ? "Email" : "SMS"} to <strong>{message.to}</strong>
              </p>
              {message.channel === "email" ? (
                <details className="mt-2">
                  <summary className="cursor-pointer font-medium">{message.subject}</summary>
                  <iframe title={message.subject} srcDoc={message.html} sandbox="" className="mt-2 h-[36rem] w-full rounded border border-slate-200" />
                  <pre className="mt-2 whitespace-pre-wrap rounded bg-slate-50 p-2 text-xs">{message.text}</pre>
                </details>
              ) : (
                <>
                  <SmsBubble text={message.body} />
                  <ReplyButtons to={message.to} />
                </>
              )}
            </li>
          ))}
        </ul>
      </section>

      <section className="mt-12" aria-labelledby="templates-heading">
        <h2 id="templates-heading" className="text-lg font-semibold">
          Templates
        </h2>
        <p className="mt-1 text-sm text-slate-700">Every trigger, channel and language, with sample data.</p>
        <table className="mt-4 text-sm">
          <thead>
            <tr>
              <th className="pr-4 text-left">Trigger</th>
              {ALERT_LOCALES.map((l) => (
                <th key={l} className="px-2 text-left">
                  {l}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {ALERT_TRIGGERS.map((t) => (
              <tr key={t}>
                <td className="pr-4 font-mono text-xs">{t}</td>
                {ALERT_LOCALES.map((l) => (
                  <td key={l} className="px-2">
                    {(["email", "sms"] as const).map((c) => (
                      <Link
                        key={c}
                        href={`/dev/outbox?trigger=${t}&locale=${l}&channel=${c}#preview`}
                        className={`mr-2 underline ${t === trigger && l === locale && c === channel ? "font-bold" : ""}`}
                      >
                        {c}
                      </Link>
                    ))}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        <div id="preview" className="mt-6 rounded-lg border border-slate-200 bg-white p-4">
          <p className="text-xs text-slate-600">
            {trigger} · {channel} · {locale}
          </p>
          {email ? (
            <>
              <p className="mt-2 font-medium">Subject: {email.subject}</p>
              <iframe title={email.subject} srcDoc={email.html} sandbox="" className="mt-2 h-[40rem] w-full rounded border border-slate-200" />
              <pre className="mt-2 whitespace-pre-wrap rounded bg-slate-50 p-2 text-xs">{email.text}</pre>
            </>
          ) : null}
          {sms ? <SmsBubble text={sms.text} /> : null}
        </div>
      </section>
    </main>
  );
}

/** Answer as the phone would: the same path as a text arriving on the Twilio webhook. */
function ReplyButtons({ to }: { to: string }) {
  return (
    <form action={replyToTextAction} className="mt-2 flex gap-2" aria-label={`Reply from ${to}`}>
      <input type="hidden" name="from" value={to} />
      {(["YES", "STOP", "START", "HELP"] as const).map((word) => (
        <button key={word} type="submit" name="body" value={word} className="rounded border border-slate-300 px-2 py-1 text-xs font-medium">
          Reply {word}
        </button>
      ))}
    </form>
  );
}

function SmsBubble({ text }: { text: string }) {
  const segments = smsSegments(text);
  return (
    <div className="mt-2">
      <p className="max-w-sm whitespace-pre-wrap rounded-2xl rounded-bl-sm bg-slate-200 px-4 py-2 text-sm text-slate-900">{text}</p>
      <p className="mt-1 text-xs text-slate-600">
        {segments.length} characters · {segments.encoding} · {segments.segments} segment{segments.segments === 1 ? "" : "s"}
      </p>
    </div>
  );
}
