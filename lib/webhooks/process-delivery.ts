import { db, type Tx } from "../db";
import { parseJsonBody } from "../carriers/parse-json";
import { getAdapter } from "../carriers/registry";
import type { NormalizedUpdate, Provider } from "../carriers/types";
import { AppError } from "../errors";
import { logger } from "../logger";
import { ingestBatch, type IngestResult } from "../shipments/ingest";
import { findUnsafeValue } from "../validation/safe-text";
import { DATE_WINDOW_MESSAGE, isInDateWindow } from "../validation/date-window";
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

export interface ParsedDelivery {
  delivery: StoredDelivery;
  updates: NormalizedUpdate[];
}

/**
 * Parses a stored delivery. Invalid or empty ones are recorded at once (a 4xx the provider does not retry);
 * the rest go on to ingestion. `now` bounds the dates a delivery may carry (lib/validation/date-window.ts).
 */
export async function parseDelivery(delivery: StoredDelivery, now: Date): Promise<ParsedDelivery | ProcessOutcome> {
  const adapter = getAdapter(delivery.provider);
  if (!adapter) throw new Error(`No adapter for ${delivery.provider}`);
  let updates: NormalizedUpdate[];
  try {
    const value = parseJsonBody(delivery.body);
    const unsafe = findUnsafeValue(value);
    if (unsafe) throw new AppError("invalid_payload", `body${unsafe.path ? `.${unsafe.path}` : ""}: ${unsafe.message}`);
    updates = adapter.parse(value);
    checkDates(updates, now);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const outcome: ProcessOutcome = { kind: "invalid", error };
    await recordOutcomes(db, [{ id: delivery.id, outcome }]);
    return outcome;
  }
  if (updates.length > 0) return { delivery, updates };
  const outcome: ProcessOutcome = { kind: "ignored" };
  await recordOutcomes(db, [{ id: delivery.id, outcome }]);
  return outcome;
}

function checkDates(updates: NormalizedUpdate[], now: Date): void {
  updates.forEach((update, index) => {
    if (update.carrierEstimate && !isInDateWindow(update.carrierEstimate, now)) {
      throw new AppError("invalid_payload", `body: update ${index} (${update.trackingNumber.slice(0, 64)}) carrier estimate ${DATE_WINDOW_MESSAGE}`);
    }
    const event = update.events.findIndex((candidate) => !isInDateWindow(candidate.occurredAt, now));
    if (event >= 0) {
      throw new AppError("invalid_payload", `body: update ${index} (${update.trackingNumber.slice(0, 64)}) event ${event} time ${DATE_WINDOW_MESSAGE}`);
    }
  });
}

/**
 * Ingests parsed deliveries in one transaction; each delivery's outcome is recorded in that same
 * transaction, so events and bookkeeping commit together. Safe to run again (ingestion de-duplicates).
 */
export async function ingestDeliveries(parsed: ParsedDelivery[], now: Date): Promise<ProcessOutcome[]> {
  const items = parsed.flatMap(({ delivery, updates }) =>
    updates.map((update) => ({ merchantId: delivery.merchantId, source: delivery.provider, deliveryId: delivery.id, update })),
  );
  let outcomes: ProcessOutcome[] = [];
  await ingestBatch(items, now, async (tx, result) => {
    outcomes = outcomesOf(parsed, result);
    await recordOutcomes(tx, parsed.map(({ delivery }, index) => ({ id: delivery.id, outcome: outcomes[index]! })));
  });
  return outcomes;
}

function outcomesOf(parsed: ParsedDelivery[], result: IngestResult): ProcessOutcome[] {
  let cursor = 0;
  return parsed.map(({ updates }) => {
    const mine = result.items.slice(cursor, cursor + updates.length);
    cursor += updates.length;
    const unmatched = updates.filter((_, index) => mine[index]!.shipmentId === null).map((update) => update.trackingNumber);
    if (unmatched.length === updates.length) return { kind: "unmatched", trackingNumbers: unmatched };
    return { kind: "processed", eventsAdded: mine.reduce((sum, item) => sum + item.eventsAdded, 0) };
  });
}

/** Loads, parses and ingests one stored delivery (webhooks:replay, and the sweeper for interrupted ones). */
export async function reprocessDelivery(deliveryId: string, now: Date): Promise<ProcessOutcome> {
  const delivery = await db.webhookDelivery.findUniqueOrThrow({
    where: { id: deliveryId },
    select: { id: true, merchantId: true, provider: true, body: true },
  });
  const parsed = await parseDelivery(delivery, now);
  if ("kind" in parsed) return parsed;
  try {
    const [outcome] = await ingestDeliveries([parsed], now);
    return outcome!;
  } catch (error) {
    return recordFailure([delivery.id], error);
  }
}

/** Marks deliveries whose ingestion failed, keeping the reason; they stay replayable. */
export async function recordFailure(deliveryIds: string[], error: unknown): Promise<ProcessOutcome> {
  const message = error instanceof Error ? error.message : String(error);
  if (isDatabaseUnavailable(error)) logger.error({ deliveryIds, err: message }, "webhook processing failed: database unavailable");
  else logger.error({ deliveryIds, err: error instanceof Error ? error.stack : message }, "webhook processing failed");
  const outcome: ProcessOutcome = { kind: "unavailable" };
  await recordOutcomes(db, deliveryIds.map((id) => ({ id, outcome })), message).catch(() => undefined);
  return outcome;
}

const OUTCOME = { processed: "PROCESSED", ignored: "IGNORED", unmatched: "UNMATCHED", invalid: "FAILED", unavailable: "FAILED" } as const;

/** One statement per distinct outcome, not one per delivery: batches stay cheap. */
async function recordOutcomes(client: Tx, entries: { id: string; outcome: ProcessOutcome }[], failure?: string) {
  const groups = new Map<string, { ids: string[]; outcome: ProcessOutcome }>();
  for (const { id, outcome } of entries) {
    const key = `${outcome.kind}|${outcome.kind === "processed" ? outcome.eventsAdded : ""}|${outcome.kind === "invalid" ? outcome.error.message : ""}`;
    const group = groups.get(key) ?? { ids: [], outcome };
    group.ids.push(id);
    groups.set(key, group);
  }
  for (const { ids, outcome } of groups.values()) {
    const error = outcome.kind === "invalid" ? outcome.error.message : outcome.kind === "unavailable" ? (failure ?? null) : null;
    await client.webhookDelivery.updateMany({
      where: { id: { in: ids } },
      data: {
        outcome: OUTCOME[outcome.kind],
        error: error?.slice(0, 1000) ?? null,
        eventsAdded: outcome.kind === "processed" ? { increment: outcome.eventsAdded } : undefined,
        attempts: { increment: 1 },
        processedAt: new Date(),
      },
    });
  }
}
