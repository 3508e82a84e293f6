import { db } from "../db";
import { parseJsonBody } from "../carriers/parse-json";
import { getAdapter } from "../carriers/registry";
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

/**
 * Parses a stored delivery and ingests it, then records the outcome on the delivery. Safe to run again
 * on the same delivery (webhooks:replay): ingestion de-duplicates events.
 */
export async function processDelivery(deliveryId: string, now: Date): Promise<ProcessOutcome> {
  const delivery = await db.webhookDelivery.findUniqueOrThrow({
    where: { id: deliveryId },
    select: { merchantId: true, provider: true, body: true },
  });
  const adapter = getAdapter(delivery.provider);
  if (!adapter) throw new Error(`No adapter for ${delivery.provider}`);

  let outcome: ProcessOutcome;
  try {
    const updates = adapter.parse(parseJsonBody(delivery.body));
    if (updates.length === 0) outcome = { kind: "ignored" };
    else {
      const result = await ingestUpdates(updates, {
        merchantId: delivery.merchantId,
        source: delivery.provider,
        deliveryId,
        now,
      });
      outcome =
        result.changes.length === 0
          ? { kind: "unmatched", trackingNumbers: result.unmatched }
          : { kind: "processed", eventsAdded: result.eventsAdded };
    }
  } catch (error) {
    if (error instanceof AppError) outcome = { kind: "invalid", error };
    else {
      logger.error({ deliveryId, err: error instanceof Error ? error.message : String(error) }, "webhook processing failed");
      if (!isDatabaseUnavailable(error)) logger.error({ deliveryId, stack: error instanceof Error ? error.stack : undefined }, "unexpected");
      outcome = { kind: "unavailable" };
      await record(deliveryId, outcome, error instanceof Error ? error.message : String(error)).catch(() => undefined);
      return outcome;
    }
  }
  await record(deliveryId, outcome, outcome.kind === "invalid" ? outcome.error.message : null);
  return outcome;
}

const OUTCOME = { processed: "PROCESSED", ignored: "IGNORED", unmatched: "UNMATCHED", invalid: "FAILED", unavailable: "FAILED" } as const;

async function record(deliveryId: string, outcome: ProcessOutcome, error: string | null) {
  await db.webhookDelivery.update({
    where: { id: deliveryId },
    data: {
      outcome: OUTCOME[outcome.kind],
      error: error?.slice(0, 1000) ?? null,
      eventsAdded: outcome.kind === "processed" ? { increment: outcome.eventsAdded } : undefined,
      attempts: { increment: 1 },
      processedAt: new Date(),
    },
  });
}
