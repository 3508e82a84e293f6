/**
 * Sends the console's own one-off messages (sign-in links, a tracking link an agent sends a shopper).
 * These are not alert subscriptions, so they do not go through the alerts outbox; the alerts channels can
 * take this over later by replacing this one function.
 * - SMTP_URL set: email over SMTP (nodemailer). TWILIO_* set: SMS over Twilio's REST API.
 * - Unset (the embedded default): the message is written as JSON to DEV_OUTBOX_DIR, where /dev/outbox
 *   and the tests read it. Never call this inside a database transaction.
 */
import { randomUUID } from "node:crypto";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
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
}

export interface DeliveredMessage {
  transport: "smtp" | "twilio" | "file";
  id: string;
}

export async function deliverMessage(message: OutgoingMessage): Promise<DeliveredMessage> {
  const config = env();
  if (message.channel === "email" && config.SMTP_URL) {
    const transport = nodemailer.createTransport(config.SMTP_URL);
    const info = await transport.sendMail({
      from: config.SMTP_FROM ?? "Parcelpage <no-reply@parcelpage.local>",
      to: message.to,
      subject: message.subject,
      text: message.text,
      html: message.html,
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
  const id = `${new Date().toISOString().replace(/[:.]/g, "-")}-${randomUUID().slice(0, 8)}`;
  await mkdir(DEV_OUTBOX_DIR, { recursive: true });
  await writeFile(path.join(DEV_OUTBOX_DIR, `${id}.json`), JSON.stringify({ id, createdAt: new Date().toISOString(), ...message }, null, 2));
  return { transport: "file", id };
}

/** The file-transport messages, newest first (for /dev/outbox and tests). */
export async function readDevOutbox(limit = 50): Promise<(OutgoingMessage & { id: string; createdAt: string })[]> {
  const names = (await readdir(DEV_OUTBOX_DIR).catch(() => [] as string[])).filter((name) => name.endsWith(".json")).sort().reverse();
  const messages = await Promise.all(names.slice(0, limit).map(async (name) => JSON.parse(await readFile(path.join(DEV_OUTBOX_DIR, name), "utf8"))));
  return messages;
}
