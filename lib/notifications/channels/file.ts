import { mkdir, readdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import type { EmailChannel, OutgoingEmail, OutgoingSms, SendResult, SmsChannel } from "./types";

/**
 * With no SMTP server or Twilio account configured (the embedded default), messages are written to
 * .data/outbox/ as JSON, one file per outbox row (a resend overwrites, so the folder shows each message
 * once), and /dev/outbox shows them as the shopper would see them.
 */
// turbopackIgnore: a runtime data folder, not source; without it the build traces the whole project.
export const DEV_OUTBOX_DIR = path.resolve(/*turbopackIgnore: true*/ process.cwd(), ".data/outbox");

export type StoredMessage =
  | ({ channel: "email"; id: string; writtenAt: string } & OutgoingEmail)
  | ({ channel: "sms"; id: string; writtenAt: string } & OutgoingSms);

function fileName(id: string): string {
  return `${id.replace(/[^A-Za-z0-9_-]/g, "_")}.json`;
}

async function write(dir: string, message: StoredMessage): Promise<SendResult> {
  try {
    await mkdir(dir, { recursive: true });
    const target = path.join(/*turbopackIgnore: true*/ dir, fileName(message.id));
    const temporary = `${target}.${process.pid}.tmp`;
    await writeFile(temporary, JSON.stringify(message, null, 2));
    await rename(temporary, target);
    return { ok: true, providerMessageId: `file:${path.basename(target)}` };
  } catch (error) {
    return { ok: false, error: `file outbox: ${error instanceof Error ? error.message : String(error)}`, retry: true, endSubscription: null };
  }
}

export function createFileEmailChannel(dir = DEV_OUTBOX_DIR): EmailChannel {
  return {
    kind: "file",
    send: (message) => write(dir, { channel: "email", id: `email-${message.messageId.replace(/[<>@.]/g, "_")}`, writtenAt: new Date().toISOString(), ...message }),
    async close() {},
  };
}

export function createFileSmsChannel(dir = DEV_OUTBOX_DIR): SmsChannel {
  return {
    kind: "file",
    send: (message) => write(dir, { channel: "sms", id: `sms-${message.key}`, writtenAt: new Date().toISOString(), ...message }),
    async findSent() {
      return null;
    },
    async close() {},
  };
}

/** What the folder holds, newest first. Other writers share it (the console's one-off messages): anything not in this shape is skipped. */
export async function listStoredMessages(dir = DEV_OUTBOX_DIR, limit = 200): Promise<StoredMessage[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => name.endsWith(".json"));
  } catch {
    return [];
  }
  const messages = await Promise.all(
    names.map(async (name) => {
      try {
        const file = path.join(/*turbopackIgnore: true*/ dir, name);
        const raw = JSON.parse(await readFile(file, "utf8")) as Record<string, unknown>;
        return toStored(raw, name, (await stat(file)).mtime.toISOString());
      } catch {
        return null;
      }
    }),
  );
  return messages
    .filter((message): message is StoredMessage => message !== null)
    .sort((a, b) => b.writtenAt.localeCompare(a.writtenAt))
    .slice(0, limit);
}

function toStored(raw: Record<string, unknown>, name: string, mtime: string): StoredMessage | null {
  const text = (key: string) => (typeof raw[key] === "string" ? (raw[key] as string) : null);
  const id = text("id") ?? name.replace(/\.json$/, "");
  const writtenAt = text("writtenAt") ?? text("createdAt") ?? mtime;
  const to = text("to");
  if (!to) return null;
  if (raw.channel === "sms") {
    const body = text("body") ?? text("text");
    return body === null ? null : { channel: "sms", id, writtenAt, to, body, key: text("key") ?? id };
  }
  if (raw.channel !== "email") return null;
  const subject = text("subject") ?? "";
  const plain = text("text") ?? "";
  const from = raw.from && typeof raw.from === "object" ? (raw.from as { name: string; address: string }) : { name: "", address: "" };
  return {
    channel: "email", id, writtenAt, to, from, subject, text: plain, html: text("html") ?? `<pre>${plain.replace(/[&<>]/g, (c) => `&#${c.charCodeAt(0)};`)}</pre>`,
    replyTo: text("replyTo"), messageId: text("messageId") ?? id, unsubscribeUrl: text("unsubscribeUrl") ?? "", locale: text("locale") ?? "en",
  };
}
