import type { Tx } from "../db";

/**
 * A number's STOP, kept apart from any one subscription: carrier rules say nothing more goes to that
 * number (not even a new opt-in confirmation) until the number itself texts START, UNSTOP or YES.
 * The web form only ever reads it.
 */
export async function recordSmsOptOut(tx: Tx, phone: string, now: Date): Promise<void> {
  await tx.smsOptOut.upsert({ where: { phone }, create: { phone, optedOutAt: now }, update: { optedOutAt: now }, select: { phone: true } });
}

/** START, UNSTOP or YES from the number: it may receive texts again. */
export async function liftSmsOptOut(tx: Tx, phone: string): Promise<boolean> {
  const { count } = await tx.smsOptOut.deleteMany({ where: { phone } });
  return count > 0;
}

export async function isSmsOptedOut(tx: Tx, phone: string): Promise<boolean> {
  return (await tx.smsOptOut.count({ where: { phone } })) > 0;
}
