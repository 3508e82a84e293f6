import { mkdir, readdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import type { EmailChannel, OutgoingEmail, OutgoingSms, SendResult, SmsChannel } from "./types";

/**
 * With no SMTP server or Twilio account configured (the embedded default), messages are written to
 * .data/outbox/ as JSON, one file per outbox row (a resend overwrites, so the folder shows each message
 * once), and /dev/outbox shows them as the shopper would see them.
 */
export const DEV_OUTBOX_DIR = path.resolve(".data/outbox");

export type StoredMessage =
  | ({ channel: "email"; id: string; writtenAt: string } & OutgoingEmail)
  | ({ channel: "sms"; id: string; writtenAt: string } & OutgoingSms);

function fileName(id: string): string {
  return `${id.replace(/[^A-Za-z0-9_-]/g, "_")}.json`;
}

async function write(dir: string, message: StoredMessage): Promise<SendResult> {
  try {
    await mkdir(dir, { recursive: true });
    const target = path.join(dir, fileName(message.id));
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

/** Newest first. */
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
        return JSON.parse(await readFile(path.join(dir, name), "utf8")) as StoredMessage;
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
