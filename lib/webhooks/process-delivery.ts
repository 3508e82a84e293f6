import { db, type Tx } from "../db";
import { parseJsonBody } from "../carriers/parse-json";
import { getAdapter } from "../carriers/registry";
import type { NormalizedUpdate, Provider } from "../carriers/types";
import { AppError } from "../errors";
import { logger } from "../logger";
import { findUnsafeValue } from "../validation/safe-text";
import { DATE_WINDOW_MESSAGE, isInDateWindow } from "../validation/date-window";
import type { IngestResult } from "../shipments/ingest";
import { isDatabaseUnavailable } from "./database-unavailable";
import { ingestInTransaction } from "./pipeline";

export type ProcessOutcome =
  | { kind: "processed"; eventsAdded: number }
  | { kind: "ignored" }
  | { kind: "unmatched"; trackingNumbers: string[] }
  | { kind: "invalid"; error: AppError }
  | { kind: "unavailable" }
  /** Left pending: a shipment it touches was held by another worker's batch (the next claim takes it). */
  | { kind: "deferred" };

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
 * Parses a body with its provider's adapter, no database: the updates it carries, or the AppError that
 * makes it a 400. `now` bounds the dates a delivery may carry (lib/validation/date-window.ts). Used by the
 * accept path (a body not in the provider's shape is refused in the request) and again by processing.
 */
export function parseBody(provider: Provider, body: string, now: Date): NormalizedUpdate[] | AppError {
  const adapter = getAdapter(provider);
  if (!adapter) throw new Error(`No adapter for ${provider}`);
  try {
    const value = parseJsonBody(body);
    const unsafe = findUnsafeValue(value);
    if (unsafe) throw new AppError("invalid_payload", `body${unsafe.path ? `.${unsafe.path}` : ""}: ${unsafe.message}`);
    const updates = adapter.parse(value);
    checkDates(updates, now);
    return updates;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
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
 * Processes claimed deliveries inside the caller's transaction: parse each again (bodies were checked on
 * accept; a replay of an old one may now fail), ingest all their updates as one batch (events, status,
 * estimates, alerts), and record every delivery's outcome in that same transaction.
 * `receivedAt` is the clock the date window is checked against, as on accept.
 */
export async function processDeliveries(
  tx: Tx,
  deliveries: (StoredDelivery & { receivedAt: Date })[],
  now: Date,
  options: { skipBusy?: boolean } = {},
): Promise<{ id: string; outcome: ProcessOutcome }[]> {
  const parsed: ParsedDelivery[] = [];
  const settled: { id: string; outcome: ProcessOutcome }[] = [];
  for (const delivery of deliveries) {
    const updates = parseBody(delivery.provider, delivery.body, delivery.receivedAt);
    if (updates instanceof AppError) settled.push({ id: delivery.id, outcome: { kind: "invalid", error: updates } });
    else if (updates.length === 0) settled.push({ id: delivery.id, outcome: { kind: "ignored" } });
    else parsed.push({ delivery, updates });
  }
  if (parsed.length > 0) {
    const items = parsed.flatMap(({ delivery, updates }) =>
      updates.map((update) => ({ merchantId: delivery.merchantId, source: delivery.provider, deliveryId: delivery.id, update })),
    );
    const result = await ingestInTransaction(tx, items, now, options);
    outcomesOf(parsed, result).forEach((outcome, index) => settled.push({ id: parsed[index]!.delivery.id, outcome }));
  }
  await recordOutcomes(tx, settled.filter(({ outcome }) => outcome.kind !== "deferred"), now);
  return settled;
}

function outcomesOf(parsed: ParsedDelivery[], result: IngestResult): ProcessOutcome[] {
  let cursor = 0;
  return parsed.map(({ updates }) => {
    const mine = result.items.slice(cursor, cursor + updates.length);
    cursor += updates.length;
    if (mine.some((item) => item.deferred)) return { kind: "deferred" };
    const unmatched = updates.filter((_, index) => mine[index]!.shipmentId === null).map((update) => update.trackingNumber);
    if (unmatched.length === updates.length) return { kind: "unmatched", trackingNumbers: unmatched };
    return { kind: "processed", eventsAdded: mine.reduce((sum, item) => sum + item.eventsAdded, 0) };
  });
}

/** Loads and processes one stored delivery in a transaction of its own (webhooks:replay). */
export async function reprocessDelivery(deliveryId: string, now: Date): Promise<ProcessOutcome> {
  try {
    return await db.$transaction(
      async (tx) => {
        const [delivery] = await tx.$queryRaw<(StoredDelivery & { receivedAt: Date })[]>`
          SELECT "id", "merchantId", "provider"::text AS "provider", "body", "receivedAt" FROM "WebhookDelivery"
          WHERE "id" = ${deliveryId} FOR UPDATE`;
        if (!delivery) throw new Error(`No delivery ${deliveryId}`);
        const [settled] = await processDeliveries(tx, [{ ...delivery, receivedAt: now }], now);
        return settled!.outcome;
      },
      { maxWait: 10_000, timeout: 60_000 },
    );
  } catch (error) {
    return recordFailure([deliveryId], error, now);
  }
}

/**
 * Marks deliveries whose processing failed, keeping the reason; they stay replayable. When the database
 * itself is away, nothing can be recorded: the rows stay pending and are claimed again once it is back.
 */
export async function recordFailure(deliveryIds: string[], error: unknown, now: Date): Promise<ProcessOutcome> {
  const message = error instanceof Error ? error.message : String(error);
  const outcome: ProcessOutcome = { kind: "unavailable" };
  if (isDatabaseUnavailable(error)) {
    logger.error({ deliveryIds, err: message }, "webhook processing failed: database unavailable");
    return outcome;
  }
  logger.error({ deliveryIds, err: error instanceof Error ? error.stack : message }, "webhook processing failed");
  await recordOutcomes(db, deliveryIds.map((id) => ({ id, outcome })), now, message).catch(() => undefined);
  return outcome;
}

const OUTCOME = { processed: "PROCESSED", ignored: "IGNORED", unmatched: "UNMATCHED", invalid: "FAILED", unavailable: "FAILED", deferred: "RECEIVED" } as const;

/** Every delivery's outcome in one UPDATE … FROM unnest(…), however many there are. */
async function recordOutcomes(client: Tx, entries: { id: string; outcome: ProcessOutcome }[], now: Date, failure?: string) {
  if (entries.length === 0) return;
  const errors = entries.map(({ outcome }) =>
    (outcome.kind === "invalid" ? outcome.error.message : outcome.kind === "unavailable" ? (failure ?? null) : null)?.slice(0, 1000) ?? null,
  );
  await client.$executeRaw`
    UPDATE "WebhookDelivery" AS d SET
      "outcome" = u."outcome"::"DeliveryOutcome", "error" = u."error", "eventsAdded" = d."eventsAdded" + u."added",
      "attempts" = d."attempts" + 1, "processedAt" = ${now.toISOString()}::timestamp(3)
    FROM unnest(${entries.map(({ id }) => id)}::text[], ${entries.map(({ outcome }) => OUTCOME[outcome.kind])}::text[],
      ${errors}::text[], ${entries.map(({ outcome }) => (outcome.kind === "processed" ? outcome.eventsAdded : 0))}::int[])
      AS u("id", "outcome", "error", "added")
    WHERE d."id" = u."id"`;
}
