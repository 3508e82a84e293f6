/**
 * Sends the console's own one-off messages (sign-in links, a tracking link an agent sends a shopper).
 * Only send-queued-messages.ts calls it: requests queue (queue-message.ts) and never wait on a provider.
 * - SMTP_URL set: email over SMTP (nodemailer). TWILIO_* set: SMS over Twilio's REST API.
 * - Unset (the embedded default): the message is written as JSON to .data/outbox in the same shape as the
 *   alerts' file channels (lib/notifications/channels/file.ts), so /dev/outbox lists it beside the alerts.
 * Never call this inside a database transaction.
 */
import { randomUUID } from "node:crypto";
import { mkdir, readdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import nodemailer from "nodemailer";
import { env } from "../env";

export const DEV_OUTBOX_DIR = path.resolve(".data/outbox");

export interface OutgoingMessage {
  channel: "email" | "sms";
  to: string;
  /** What it is, for the log and the dev outbox: "sign-in-link", "tracking-link". */
  kind: string;
  subject?: string;
  text: string;
  html?: string;
  /** Emails: the queued row's stable Message-ID (lib/notifications/message-id.ts), the same on every try. */
  messageId?: string;
}

export interface DeliveredMessage {
  transport: "smtp" | "twilio" | "file";
  id: string;
}

/**
 * Every wait of a send bounded, as the alerts' channel does: nodemailer's own defaults (2 minutes to connect,
 * 10 minutes of silence) let one stalled send outlast the queue's claim lease on its own. Given as the URL's
 * query options (nodemailer reads them), so an operator's own values in SMTP_URL still win.
 */
const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 };

export function withTimeouts(smtpUrl: string): string {
  const url = new URL(smtpUrl);
  for (const [key, value] of Object.entries(SMTP_TIMEOUTS)) if (!url.searchParams.has(key)) url.searchParams.set(key, String(value));
  return url.toString();
}

export async function deliverMessage(message: OutgoingMessage): Promise<DeliveredMessage> {
  const config = env();
  if (message.channel === "email" && config.SMTP_URL) {
    const transport = nodemailer.createTransport(withTimeouts(config.SMTP_URL));
    const info = await transport.sendMail({
      from: config.SMTP_FROM ?? "Parcelpage <no-reply@parcelpage.local>",
      to: message.to,
      subject: message.subject,
      text: message.text,
      html: message.html,
      messageId: message.messageId,
    });
    return { transport: "smtp", id: String(info.messageId) };
  }
  if (message.channel === "sms" && config.TWILIO_ACCOUNT_SID && config.TWILIO_AUTH_TOKEN && config.TWILIO_FROM) {
    const url = `${config.TWILIO_BASE_URL}/2010-04-01/Accounts/${config.TWILIO_ACCOUNT_SID}/Messages.json`;
    const response = await fetch(url, {
      method: "POST",
      headers: {
        Authorization: `Basic ${Buffer.from(`${config.TWILIO_ACCOUNT_SID}:${config.TWILIO_AUTH_TOKEN}`).toString("base64")}`,
        "Content-Type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams({ To: message.to, From: config.TWILIO_FROM, Body: message.text }),
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) throw new Error(`Twilio answered ${response.status}`);
    const sid = ((await response.json()) as { sid?: string }).sid ?? "unknown";
    return { transport: "twilio", id: sid };
  }
  const writtenAt = new Date().toISOString();
  const id = `${message.kind}-${writtenAt.replace(/[:.]/g, "-")}-${randomUUID().slice(0, 8)}`;
  const stored =
    message.channel === "email"
      ? {
          channel: "email", id, writtenAt, kind: message.kind, to: message.to,
          from: { name: "Parcelpage", address: config.SMTP_FROM ?? "no-reply@parcelpage.local" }, replyTo: null,
          subject: message.subject ?? "", html: message.html ?? "", text: message.text, messageId: message.messageId ?? `<${id}@parcelpage.local>`,
          unsubscribeUrl: "", locale: "en",
        }
      : { channel: "sms", id, writtenAt, kind: message.kind, to: message.to, body: message.text, key: id };
  await mkdir(DEV_OUTBOX_DIR, { recursive: true });
  // Written aside and renamed into place (as the alerts' file channel does): whoever lists the folder
  // (/dev/outbox, the e2e suite) never reads a half-written file.
  const target = path.join(DEV_OUTBOX_DIR, `${id}.json`);
  const temporary = `${target}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify(stored, null, 2));
  await rename(temporary, target);
  return { transport: "file", id };
}

/** The console's file-transport messages, newest first (for tests and local debugging). */
export async function readDevOutbox(): Promise<(OutgoingMessage & { id: string; writtenAt: string })[]> {
  const names = (await readdir(DEV_OUTBOX_DIR).catch(() => [] as string[])).filter((name) => name.endsWith(".json"));
  const messages = await Promise.all(
    names.map(async (name) => {
      try {
        const stored = JSON.parse(await readFile(path.join(DEV_OUTBOX_DIR, name), "utf8"));
        return stored.kind ? { ...stored, text: stored.text ?? stored.body } : null;
      } catch {
        return null;
      }
    }),
  );
  return messages.filter((m) => m !== null).sort((a, b) => String(b.writtenAt ?? "").localeCompare(String(a.writtenAt ?? "")));
}
