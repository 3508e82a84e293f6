import { db, type Tx } from "../db";
import { parseJsonBody } from "../carriers/parse-json";
import { getAdapter } from "../carriers/registry";
import type { Provider } from "../carriers/types";
import { AppError } from "../errors";
import { logger } from "../logger";
import { ingestUpdates } from "../shipments/ingest";
import { isDatabaseUnavailable } from "./database-unavailable";

export type ProcessOutcome =
  | { kind: "processed"; eventsAdded: number }
  | { kind: "ignored" }
  | { kind: "unmatched"; trackingNumbers: string[] }
  | { kind: "invalid"; error: AppError }
  | { kind: "unavailable" };

export interface StoredDelivery {
  id: string;
  merchantId: string;
  provider: Provider;
  body: string;
}

/** Loads a stored delivery and processes it (webhooks:replay). */
export async function reprocessDelivery(deliveryId: string, now: Date): Promise<ProcessOutcome> {
  const delivery = await db.webhookDelivery.findUniqueOrThrow({
    where: { id: deliveryId },
    select: { id: true, merchantId: true, provider: true, body: true },
  });
  return processDelivery(delivery, now);
}

/**
 * Parses a stored delivery and ingests it; the outcome is recorded on the delivery in the same
 * transaction as the events. Safe to run again on the same delivery: ingestion de-duplicates events.
 */
export async function processDelivery(delivery: StoredDelivery, now: Date): Promise<ProcessOutcome> {
  const adapter = getAdapter(delivery.provider);
  if (!adapter) throw new Error(`No adapter for ${delivery.provider}`);
  try {
    const updates = adapter.parse(parseJsonBody(delivery.body));
    if (updates.length === 0) {
      const outcome: ProcessOutcome = { kind: "ignored" };
      await record(db, delivery.id, outcome, null);
      return outcome;
    }
    let outcome: ProcessOutcome = { kind: "ignored" };
    await ingestUpdates(updates, {
      merchantId: delivery.merchantId,
      source: delivery.provider,
      deliveryId: delivery.id,
      now,
      beforeCommit: async (tx, result) => {
        outcome =
          result.changes.length === 0
            ? { kind: "unmatched", trackingNumbers: result.unmatched }
            : { kind: "processed", eventsAdded: result.eventsAdded };
        await record(tx, delivery.id, outcome, null);
      },
    });
    return outcome;
  } catch (error) {
    if (error instanceof AppError) {
      const outcome: ProcessOutcome = { kind: "invalid", error };
      await record(db, delivery.id, outcome, error.message);
      return outcome;
    }
    const message = error instanceof Error ? error.message : String(error);
    if (isDatabaseUnavailable(error)) logger.error({ deliveryId: delivery.id, err: message }, "webhook processing failed: database unavailable");
    else logger.error({ deliveryId: delivery.id, err: error instanceof Error ? error.stack : message }, "webhook processing failed");
    const outcome: ProcessOutcome = { kind: "unavailable" };
    await record(db, delivery.id, outcome, message).catch(() => undefined);
    return outcome;
  }
}

const OUTCOME = { processed: "PROCESSED", ignored: "IGNORED", unmatched: "UNMATCHED", invalid: "FAILED", unavailable: "FAILED" } as const;

async function record(client: Tx, deliveryId: string, outcome: ProcessOutcome, error: string | null) {
  await client.webhookDelivery.update({
    where: { id: deliveryId },
    data: {
      outcome: OUTCOME[outcome.kind],
      error: error?.slice(0, 1000) ?? null,
      eventsAdded: outcome.kind === "processed" ? { increment: outcome.eventsAdded } : undefined,
      attempts: { increment: 1 },
      processedAt: new Date(),
    },
    select: { id: true },
  });
}
