import { db } from "../../db";
import { notifyWorkers } from "../enqueue";

/**
 * Puts dead-lettered rows back in the queue with a fresh budget of tries (after the cause was fixed:
 * credentials, a provider outage). Only rows whose subscription is still active; rows failed because
 * the provider ended the address stay failed.
 */
export async function requeueFailed(options: { id?: string; since?: Date; merchantSlug?: string }, now: Date): Promise<number> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.outboxMessage.updateMany({
      where: {
        status: "FAILED",
        subscription: { status: "ACTIVE", ...(options.merchantSlug ? { merchant: { slug: options.merchantSlug } } : {}) },
        ...(options.id ? { id: options.id } : {}),
        ...(options.since ? { updatedAt: { gte: options.since } } : {}),
      },
      data: { status: "PENDING", attempts: 0, dueAt: now, claimToken: null },
    });
    if (count > 0) await notifyWorkers(tx);
    return count;
  });
}
