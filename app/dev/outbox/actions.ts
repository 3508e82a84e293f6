"use server";

import { randomUUID } from "node:crypto";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { z } from "zod";
import { devOutboxAllowed } from "@/lib/dev/outbox-gate";
import { createFileSmsChannel } from "@/lib/notifications/channels/file";
import { answerText } from "@/lib/notifications/twilio/answer-text";

const replySchema = z.object({ from: z.string().regex(/^\+[1-9]\d{6,14}$/), body: z.enum(["YES", "STOP", "START", "HELP"]) });

/**
 * Answers a text as the shopper's phone would, through the same code the Twilio webhook runs once the
 * signature checks out (answer-text.ts), so double opt-in can be tried without a phone. Our reply, if
 * any (YES, HELP), lands in the file outbox like any text. Exists only where the page does.
 */
export async function replyToTextAction(formData: FormData): Promise<void> {
  // The same gate as the page: an action is callable by its id from anywhere, so it checks for itself.
  if (!devOutboxAllowed(await headers())) notFound();
  const parsed = replySchema.safeParse({ from: formData.get("from"), body: formData.get("body") });
  if (!parsed.success) redirect("/dev/outbox");
  const answer = await answerText({ from: parsed.data.from, body: parsed.data.body }, new Date());
  if (answer.reply) await createFileSmsChannel().send({ to: parsed.data.from, body: answer.reply, key: `reply-${randomUUID()}` });
  redirect("/dev/outbox");
}
