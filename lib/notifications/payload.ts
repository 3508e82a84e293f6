import type { ShipmentTrigger } from "./triggers";

/** Facts captured with an outbox row when it is enqueued (JSON in OutboxMessage.payload). */
export interface OutboxPayload {
  /** When the status behind the trigger was set (ISO). */
  statusAt: string | null;
  event: { description: string; city: string | null; region: string | null } | null;
  /** A delay: the latest date shown before and the new window (YYYY-MM-DD). */
  delay: { previousLatest: string; newEarliest: string; newLatest: string } | null;
  /** Keys of triggers coalesced into this row, so none of them is enqueued again. */
  mergedKeys: string[];
}

export function readPayload(value: unknown): OutboxPayload {
  const raw = (value && typeof value === "object" ? value : {}) as Partial<OutboxPayload>;
  return {
    statusAt: raw.statusAt ?? null,
    event: raw.event ?? null,
    delay: raw.delay ?? null,
    mergedKeys: Array.isArray(raw.mergedKeys) ? raw.mergedKeys : [],
  };
}

/**
 * Coalescing: a burst becomes one message. Status only moves forward, so the newest status trigger is
 * the news; a delay folded into a status message keeps its old and new dates (the status message shows
 * the new window), and two delays keep the first old date and the last new window.
 */
export function mergeInto(
  existing: { trigger: ShipmentTrigger; payload: OutboxPayload; dedupeKey: string },
  incoming: { trigger: ShipmentTrigger; payload: OutboxPayload; key: string },
): { trigger: ShipmentTrigger; payload: OutboxPayload } {
  const trigger = incoming.trigger === "DELAY" ? existing.trigger : incoming.trigger;
  const delay =
    existing.payload.delay && incoming.payload.delay
      ? { ...incoming.payload.delay, previousLatest: existing.payload.delay.previousLatest }
      : (incoming.payload.delay ?? existing.payload.delay);
  const fromIncoming = incoming.trigger !== "DELAY";
  return {
    trigger,
    payload: {
      statusAt: fromIncoming ? incoming.payload.statusAt : existing.payload.statusAt,
      event: fromIncoming ? incoming.payload.event : existing.payload.event,
      delay,
      mergedKeys: [...new Set([...existing.payload.mergedKeys, incoming.key])],
    },
  };
}
