import type pg from "pg";
import { closeDedicatedPool, dedicatedPool } from "../../dedicated-pool";

/**
 * Connections kept for one statement: "this row was sent". Between the provider's acceptance and this
 * write a crash would send the message again, so the write must leave at once: no waiting behind claims
 * and loads in the app's pool, no query compilation, no extra promise hops.
 */
export function sentPool(): pg.Pool {
  return dedicatedPool("outbox-sent");
}

export async function closeSentPool(): Promise<void> {
  await closeDedicatedPool("outbox-sent");
}
