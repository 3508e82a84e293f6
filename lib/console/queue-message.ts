import type { Tx } from "../db";
import type { OutgoingMessage } from "./deliver-message";

/**
 * Queues one of the console's own messages in the caller's transaction. Nothing is sent here: the worker
 * (or sendQueuedConsoleMessages right after the response) sends it, so a request's timing and errors never
 * depend on the mail or SMS provider.
 */
export async function queueConsoleMessage(tx: Tx, message: OutgoingMessage, dueAt: Date): Promise<string> {
  const row = await tx.consoleMessage.create({
    data: { channel: message.channel, kind: message.kind, to: message.to, subject: message.subject ?? null, text: message.text, html: message.html ?? null, dueAt },
    select: { id: true },
  });
  return row.id;
}
