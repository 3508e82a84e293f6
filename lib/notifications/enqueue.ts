import type { Tx } from "../db";
import type { ShipmentChange } from "../shipments/shipment-change";
import { takeSnapshot, takeSnapshots, type Snapshot } from "./alert-snapshot";
import { emptyPlan, planSnapshot, type AlertPlan } from "./alert-plan";
import type { AlertChannel } from "../generated/prisma/enums";
import type { OutboxPayload } from "./payload";
import { triggerForChange, type ShipmentTrigger } from "./triggers";

export { takeSnapshot };

/** Workers LISTEN on this channel (PostgreSQL); rows written in a transaction wake them when it commits. */
export const OUTBOX_NOTIFY_CHANNEL = "parcelpage_outbox";

/** A status set longer ago than this (by the carrier's clock) is no longer worth telling. */
export const STALE_AFTER_MS = 72 * 3_600_000;

/** Times a batch re-plans the shipments whose pending row a worker claimed under it (then it gives up on them). */
const REPLANS = 3;

export async function notifyWorkers(tx: Tx): Promise<void> {
  await tx.$executeRaw`SELECT pg_notify(${OUTBOX_NOTIFY_CHANNEL}, '')`;
}

/** One shipment's change (tests; processing hands over the whole batch to enqueueAlertsForChanges). */
export function enqueueAlertsFor(tx: Tx, change: ShipmentChange): Promise<number> {
  return enqueueAlertsForChanges(tx, [change], change.now);
}

/**
 * The alert step of processing, inside the batch's transaction: turns every shipment's change into outbox
 * rows for the active subscriptions of its order, and announces the delays the estimate step recorded.
 * One query reads every shipment's state; the decisions are made in memory; the writes are three
 * set-based statements at most (fold into pending rows, new rows, delays announced) and one NOTIFY.
 * Nothing here does network I/O, so the transaction stays short. Returns the rows due to be sent.
 */
export async function enqueueAlertsForChanges(tx: Tx, changes: readonly ShipmentChange[], now: Date): Promise<number> {
  if (changes.length === 0) return 0;
  const triggers = new Map<string, ShipmentTrigger | null>();
  for (const change of changes) triggers.set(change.shipmentId, triggerForChange(change.previousStatus, change.status, change.eventsAdded));
  const snapshots = await takeSnapshots(tx, [...triggers.keys()], now);
  const written = await enqueuePlanned(tx, snapshots, (snapshot) => {
    const trigger = triggers.get(snapshot.shipmentId) ?? null;
    // History that arrives late (a tracker connected after the fact, a replay of old deliveries) is not news.
    return snapshot.statusAt && now.getTime() - new Date(snapshot.statusAt).getTime() > STALE_AFTER_MS ? null : trigger;
  }, now);
  if (written > 0) await notifyWorkers(tx);
  return written;
}

/** Writes what one snapshot calls for (the worker's delay sweep): no status trigger, its delays announced. */
export function enqueueFromSnapshot(tx: Tx, snapshot: Snapshot, trigger: ShipmentTrigger | null, now: Date): Promise<number> {
  return enqueuePlanned(tx, new Map([[snapshot.shipmentId, snapshot]]), () => trigger, now);
}

/**
 * Plans and writes. A pending row a worker claimed between the snapshot and the write is not folded
 * into: that shipment's part of the plan is dropped and planned again from a fresh snapshot (which sees
 * the row as sending, so the trigger gets a row of its own).
 */
async function enqueuePlanned(
  tx: Tx,
  snapshots: Map<string, Snapshot>,
  triggerOf: (snapshot: Snapshot) => ShipmentTrigger | null,
  now: Date,
): Promise<number> {
  let written = 0;
  for (let round = 0; snapshots.size > 0 && round < REPLANS; round++) {
    const plan = emptyPlan();
    for (const snapshot of snapshots.values()) {
      const trigger = triggerOf(snapshot);
      if (trigger || snapshot.delays.length > 0) planSnapshot(plan, snapshot, trigger, now);
    }
    const missed = await writePlan(tx, plan, now);
    written += plan.pending;
    snapshots = missed.size > 0 ? await takeSnapshots(tx, [...missed], now) : new Map();
  }
  return written;
}

/** Returns the shipments whose part was dropped (a row to fold into was claimed meanwhile). */
async function writePlan(tx: Tx, plan: AlertPlan, now: Date): Promise<Set<string>> {
  const missed = new Set<string>();
  const merges = [...plan.merges.values()];
  if (merges.length > 0) {
    const updated = await tx.$queryRaw<{ id: string }[]>`
      UPDATE "OutboxMessage" AS x SET "trigger" = u."trigger"::"AlertTrigger", "payload" = u."payload"::jsonb,
        "dueAt" = u."dueAt"::timestamp(3), "updatedAt" = (now() AT TIME ZONE 'UTC')
      FROM unnest(${merges.map((row) => row.message.id)}::text[], ${merges.map((row) => row.message.trigger)}::text[],
        ${merges.map((row) => JSON.stringify(row.message.payload))}::text[], ${merges.map((row) => row.message.dueAt.toISOString())}::text[])
        AS u("id", "trigger", "payload", "dueAt")
      WHERE x."id" = u."id" AND x."status" = 'PENDING'
      RETURNING x."id"`;
    const done = new Set(updated.map((row) => row.id));
    for (const row of merges) if (!done.has(row.message.id)) missed.add(row.shipmentId);
  }
  const inserts = plan.inserts.filter((row) => !missed.has(row.shipmentId));
  if (inserts.length > 0) {
    // A key kept longer than the snapshot's history window is skipped, as a duplicate.
    await tx.$executeRaw`
      INSERT INTO "OutboxMessage" ("id", "subscriptionId", "shipmentId", "channel", "trigger", "status", "dedupeKey", "payload", "dueAt", "lastError", "updatedAt")
      SELECT u."id", u."subscriptionId", u."shipmentId", u."channel"::"AlertChannel", u."trigger"::"AlertTrigger", u."status"::"OutboxStatus",
        u."dedupeKey", u."payload"::jsonb, u."dueAt"::timestamp(3), u."lastError", (now() AT TIME ZONE 'UTC')
      FROM unnest(${inserts.map((row) => row.id)}::text[], ${inserts.map((row) => row.subscriptionId)}::text[],
        ${inserts.map((row) => row.shipmentId)}::text[], ${inserts.map((row) => row.channel)}::text[],
        ${inserts.map((row) => row.message.trigger)}::text[], ${inserts.map((row) => row.message.status)}::text[],
        ${inserts.map((row) => row.message.dedupeKey)}::text[], ${inserts.map((row) => JSON.stringify(row.message.payload))}::text[],
        ${inserts.map((row) => row.message.dueAt.toISOString())}::text[], ${inserts.map((row) => row.lastError)}::text[])
        AS u("id", "subscriptionId", "shipmentId", "channel", "trigger", "status", "dedupeKey", "payload", "dueAt", "lastError")
      ON CONFLICT ("subscriptionId", "dedupeKey") DO NOTHING`;
  }
  const announced = plan.announcedDelays.filter((delay) => !missed.has(delay.shipmentId)).map((delay) => delay.id);
  if (announced.length > 0) {
    await tx.$executeRaw`UPDATE "Delay" SET "announcedAt" = ${now.toISOString()}::timestamp(3) WHERE "id" = ANY(${announced}::text[])`;
  }
  return missed;
}

/** The opt-in confirmation (email link or SMS consent text), due at once, never held or capped. */
export async function enqueueConfirmation(tx: Tx, subscription: { id: string; channel: AlertChannel }, now: Date): Promise<void> {
  await tx.outboxMessage.create({
    data: {
      subscriptionId: subscription.id,
      shipmentId: null,
      channel: subscription.channel,
      trigger: "CONFIRMATION",
      dedupeKey: `CONFIRMATION:${now.toISOString()}`,
      payload: { statusAt: null, event: null, delay: null, mergedKeys: [] } satisfies OutboxPayload as object,
      dueAt: now,
    },
    select: { id: true },
  });
  await notifyWorkers(tx);
}
