import { logger } from "../../logger";
import type { Channels, SendResult } from "../channels";
import { senderAddress } from "../channels";
import { queuedMessageId } from "../message-id";
import { quietHoursRelease } from "../policy";
import { renderEmail } from "../templates/render-email";
import { renderSms } from "../templates/render-sms";
import { isUrgent } from "../triggers";
import { backoffDelay, type BackoffOptions } from "./backoff";
import type { SendJob } from "./load-jobs";
import {
  recordAddressDead, recordCancelled, recordContent, recordFailed, recordRescheduled, recordRetry, recordSent,
} from "./record";

export type DeliveryOutcome = "sent" | "retry" | "failed" | "cancelled" | "rescheduled" | "lost-lease";

export interface DeliverOptions {
  channels: Channels;
  backoff: BackoffOptions;
  maxAttempts: number;
  /** The Message-ID domain (message-id.ts). */
  messageIdDomain: string;
}

/**
 * Sends one claimed row and records the outcome. Rows whose subscription ended are cancelled unsent;
 * texts that would land in quiet hours go back to the queue; a text whose earlier try has an unknown
 * outcome is looked up at Twilio before it is sent again.
 */
export async function deliver(job: SendJob, options: DeliverOptions, now: () => Date): Promise<DeliveryOutcome> {
  const { claim, facts, subscription } = job;
  const confirmation = facts.trigger === "CONFIRMATION";
  const allowed = subscription.status === "ACTIVE" || (confirmation && subscription.status === "PENDING");
  if (!allowed) return (await recordCancelled(claim, `subscription ${subscription.status.toLowerCase()}`)) ? "cancelled" : "lost-lease";

  let result: SendResult;
  let content: string;
  if (job.channel === "SMS") {
    if (!isUrgent(facts.trigger)) {
      const release = quietHoursRelease(now(), facts.timeZone);
      if (release.getTime() > now().getTime()) return (await recordRescheduled(claim, release)) ? "rescheduled" : "lost-lease";
    }
    // The same words on every try, so an earlier try can be recognised at the provider.
    content = job.content ?? renderSms(facts).text;
    const message = { to: subscription.address, body: content, key: claim.id };
    if (job.content !== null && claim.attempts > 1) {
      const found = await options.channels.sms.findSent(message, job.createdAt).catch((error: unknown) => {
        logger.warn({ outboxId: claim.id, err: String(error) }, "could not look up an earlier try at the provider");
        return undefined;
      });
      if (found === undefined) return retryOrFail(job, options, "lookup of an earlier try failed", now);
      if (found) return (await recordSent(claim, { providerMessageId: found, content }, now())) ? "sent" : "lost-lease";
    }
    if (job.content === null && !(await recordContent(claim, content))) return "lost-lease";
    result = await options.channels.sms.send(message);
  } else {
    const email = renderEmail(facts);
    content = email.subject;
    result = await options.channels.email.send({
      to: subscription.address,
      from: { name: facts.brand.name, address: senderAddress() },
      replyTo: job.replyTo,
      subject: email.subject,
      html: email.html,
      text: email.text,
      messageId: queuedMessageId("alert", claim.id, options.messageIdDomain),
      unsubscribeUrl: facts.unsubscribeUrl,
      locale: facts.locale,
    });
  }

  if (result.ok) {
    const recorded = await recordSent(claim, { providerMessageId: result.providerMessageId, content }, now());
    if (!recorded) logger.warn({ outboxId: claim.id }, "sent, but the lease had passed to another worker");
    return recorded ? "sent" : "lost-lease";
  }
  if (result.endSubscription) {
    if (!(await recordAddressDead(claim, subscription.id, result.endSubscription, result.error, now()))) {
      logger.warn({ outboxId: claim.id, reason: result.endSubscription }, "dead-address answer came after the lease passed to another worker: ignored");
      return "lost-lease";
    }
    logger.info({ outboxId: claim.id, reason: result.endSubscription }, "subscription ended by the provider's answer");
    return "failed";
  }
  if (!result.retry) return (await recordFailed(claim, result.error)) ? "failed" : "lost-lease";
  return retryOrFail(job, options, result.error, now);
}

async function retryOrFail(job: SendJob, options: DeliverOptions, error: string, now: () => Date): Promise<DeliveryOutcome> {
  const { claim } = job;
  if (claim.attempts >= options.maxAttempts) {
    logger.warn({ outboxId: claim.id, attempts: claim.attempts, error }, "dead-lettered after the last try");
    return (await recordFailed(claim, `${error} (after ${claim.attempts} tries)`)) ? "failed" : "lost-lease";
  }
  const dueAt = new Date(now().getTime() + backoffDelay(claim.attempts, options.backoff));
  return (await recordRetry(claim, error, dueAt)) ? "retry" : "lost-lease";
}
