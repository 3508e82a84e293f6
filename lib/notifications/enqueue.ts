import type { Tx } from "../db";
import type { ShipmentChange } from "../shipments/shipment-change";
import type { AlertChannel, AlertScope, AlertSubscriptionStatus, OutboxStatus } from "../generated/prisma/enums";
import { mergeInto, readPayload, type OutboxPayload } from "./payload";
import { COALESCE_WINDOW_MS, SMS_DAILY_CAP, isValidTimeZone, localDay, quietHoursRelease } from "./policy";
import { inScope, isUrgent, triggerForChange, type ShipmentTrigger } from "./triggers";

/** Workers LISTEN on this channel (PostgreSQL); rows written in a transaction wake them when it commits. */
export const OUTBOX_NOTIFY_CHANNEL = "parcelpage_outbox";

/** A status set longer ago than this (by the carrier's clock) is no longer worth telling. */
export const STALE_AFTER_MS = 72 * 3_600_000;

/** How far back a subscription's rows for a parcel matter (coalescing, the daily cap, dedupe). */
const HISTORY_MS = 48 * 3_600_000;

interface TargetMessage {
  id: string;
  status: OutboxStatus;
  trigger: string;
  dedupeKey: string;
  dueAt: Date;
  claimedAt: Date | null;
  sentAt: Date | null;
  createdAt: Date;
  payload: OutboxPayload;
}

interface TargetSubscription {
  id: string;
  channel: AlertChannel;
  scope: AlertScope;
  status: AlertSubscriptionStatus;
  timeZone: string;
  since: Date;
  messages: TargetMessage[];
}

interface Target {
  shipmentId: string;
  subscriptions: TargetSubscription[];
}

interface Item {
  trigger: ShipmentTrigger;
  key: string;
  payload: OutboxPayload;
}

export async function notifyWorkers(tx: Tx): Promise<void> {
  await tx.$executeRaw`SELECT pg_notify(${OUTBOX_NOTIFY_CHANNEL}, '')`;
}

/**
 * The afterIngest hook: inside the ingestion transaction, turns a shipment's change into outbox rows for
 * every active subscription of its order, and announces delays the estimate step recorded. Nothing here
 * does network I/O, so the transaction stays short; the rows commit or roll back with the change.
 * One query reads everything it needs; writes follow only when there is something to say.
 */
export async function enqueueAlertsFor(tx: Tx, change: ShipmentChange): Promise<void> {
  let trigger = triggerForChange(change.previousStatus, change.status, change.eventsAdded);
  const snapshot = await takeSnapshot(tx, change.shipmentId, change.now);
  if (!snapshot) return;
  // History that arrives late (a tracker connected after the fact, a replay of old deliveries) is not news.
  if (snapshot.statusAt && change.now.getTime() - new Date(snapshot.statusAt).getTime() > STALE_AFTER_MS) trigger = null;
  if (!trigger && snapshot.delays.length === 0) return;
  const written = await enqueueFromSnapshot(tx, snapshot, trigger, change.now);
  if (written > 0) await notifyWorkers(tx);
}

interface DelayRow {
  id: string;
  previousLatest: string;
  newEarliest: string;
  newLatest: string;
  createdAt: Date;
}

interface Snapshot extends Target {
  statusAt: string | null;
  event: OutboxPayload["event"];
  /** Unannounced delays, locked (FOR UPDATE SKIP LOCKED) so the hook and the worker's sweep never both take one. */
  delays: DelayRow[];
}

/** Timestamps inside JSON come without a zone; the columns hold UTC. */
const utcDate = (value: string | null) => (value === null ? null : new Date(value.endsWith("Z") ? value : `${value}Z`));

/**
 * A shipment's alert state in one round trip: its status time and latest matching scan, its unannounced
 * delays (locked), and its order's active subscriptions with their recent rows for this parcel.
 */
export async function takeSnapshot(tx: Tx, shipmentId: string, now: Date): Promise<Snapshot | null> {
  const since = new Date(now.getTime() - HISTORY_MS).toISOString();
  const rows = await tx.$queryRaw<{ snapshot: RawSnapshot }[]>`
    WITH delays AS (
      SELECT "id", "previousLatest", "newEarliest", "newLatest", "createdAt" FROM "Delay"
      WHERE "shipmentId" = ${shipmentId} AND "announcedAt" IS NULL
      ORDER BY "createdAt" FOR UPDATE SKIP LOCKED
    )
    SELECT json_build_object(
      'statusAt', s."statusAt",
      'zones', json_build_array(o."shopperTimeZone", m."timeZone"),
      'event', (
        SELECT json_build_object('description', e."description", 'city', e."city", 'region', e."region") FROM "TrackingEvent" e
        WHERE e."shipmentId" = s."id" AND e."status" = s."status" ORDER BY e."occurredAt" DESC, e."createdAt" DESC LIMIT 1),
      'delays', (
        SELECT COALESCE(json_agg(json_build_object('id', d."id", 'previousLatest', d."previousLatest", 'newEarliest', d."newEarliest",
          'newLatest', d."newLatest", 'createdAt', d."createdAt") ORDER BY d."createdAt"), '[]'::json) FROM delays d),
      'subscriptions', (
        SELECT COALESCE(json_agg(json_build_object('id', a."id", 'channel', a."channel", 'scope', a."scope", 'status', a."status",
          'timeZone', a."timeZone", 'since', COALESCE(a."confirmedAt", a."createdAt"),
          'messages', (
            SELECT COALESCE(json_agg(json_build_object('id', x."id", 'status', x."status", 'trigger', x."trigger", 'dedupeKey', x."dedupeKey",
              'dueAt', x."dueAt", 'claimedAt', x."claimedAt", 'sentAt', x."sentAt", 'createdAt', x."createdAt", 'payload', x."payload")), '[]'::json)
            FROM "OutboxMessage" x
            WHERE x."subscriptionId" = a."id" AND x."shipmentId" = s."id" AND x."createdAt" >= (${since}::timestamptz AT TIME ZONE 'UTC')))), '[]'::json)
        FROM "AlertSubscription" a WHERE a."orderId" = s."orderId" AND a."status" = 'ACTIVE')
    ) AS "snapshot"
    FROM "Shipment" s JOIN "Order" o ON o."id" = s."orderId" JOIN "Merchant" m ON m."id" = s."merchantId"
    WHERE s."id" = ${shipmentId}`;
  const raw = rows[0]?.snapshot;
  if (!raw) return null;
  return {
    shipmentId,
    statusAt: utcDate(raw.statusAt)?.toISOString() ?? null,
    event: raw.event,
    delays: raw.delays.map((delay) => ({ ...delay, createdAt: utcDate(delay.createdAt)! })),
    subscriptions: raw.subscriptions.map((subscription) => ({
      id: subscription.id,
      channel: subscription.channel,
      scope: subscription.scope,
      status: subscription.status,
      // The destination's zone (the order's, from the merchant), else the merchant's: never the browser's,
      // which older subscriptions stored in their own timeZone and a stranger could set to anything.
      timeZone: raw.zones.find(isValidTimeZone) ?? "UTC",
      since: utcDate(subscription.since)!,
      messages: subscription.messages.map((message) => ({
        ...message,
        dueAt: utcDate(message.dueAt)!,
        claimedAt: utcDate(message.claimedAt),
        sentAt: utcDate(message.sentAt),
        createdAt: utcDate(message.createdAt)!,
        payload: readPayload(message.payload),
      })),
    })),
  };
}

interface RawSnapshot {
  statusAt: string | null;
  zones: (string | null)[];
  event: OutboxPayload["event"];
  delays: (Omit<DelayRow, "createdAt"> & { createdAt: string })[];
  subscriptions: {
    id: string;
    channel: AlertChannel;
    scope: AlertScope;
    status: AlertSubscriptionStatus;
    timeZone: string | null;
    since: string;
    messages: { id: string; status: OutboxStatus; trigger: string; dedupeKey: string; dueAt: string; claimedAt: string | null; sentAt: string | null; createdAt: string; payload: unknown }[];
  }[];
}

/** Writes what a snapshot calls for: the status trigger (if any) and every unannounced delay, then marks those announced. */
export async function enqueueFromSnapshot(tx: Tx, snapshot: Snapshot, trigger: ShipmentTrigger | null, now: Date): Promise<number> {
  let written = 0;
  if (trigger && snapshot.subscriptions.length > 0) {
    written += await enqueueForAll(tx, snapshot, {
      trigger,
      key: `${trigger}:${snapshot.statusAt ?? now.toISOString()}`,
      payload: { statusAt: snapshot.statusAt, event: snapshot.event, delay: null, mergedKeys: [] },
    }, now);
  }
  for (const delay of snapshot.delays) {
    if (snapshot.subscriptions.length === 0) break;
    written += await enqueueForAll(
      tx,
      { ...snapshot, subscriptions: snapshot.subscriptions.filter((subscription) => subscription.since <= delay.createdAt) },
      {
        trigger: "DELAY",
        key: `DELAY:${delay.id}`,
        payload: {
          statusAt: null,
          event: null,
          delay: { previousLatest: delay.previousLatest, newEarliest: delay.newEarliest, newLatest: delay.newLatest },
          mergedKeys: [],
        },
      },
      now,
    );
  }
  if (snapshot.delays.length > 0) {
    await tx.delay.updateMany({ where: { id: { in: snapshot.delays.map((delay) => delay.id) } }, data: { announcedAt: now } });
  }
  return written;
}

async function enqueueForAll(tx: Tx, target: Target, item: Item, now: Date): Promise<number> {
  let written = 0;
  for (const subscription of target.subscriptions) {
    if (!inScope(subscription.scope, item.trigger)) continue;
    written += await enqueueOne(tx, target.shipmentId, subscription, item, now);
  }
  return written;
}

/**
 * One subscription, one trigger. Coalesces into a row not yet claimed; otherwise a new row, due now, or
 * at the end of the minute after the last message for this parcel (so a burst becomes one follow-up),
 * or (a non-urgent text) at the end of the shopper's quiet hours. Past the daily text cap the row is
 * kept as SUPPRESSED, for the record.
 */
async function enqueueOne(tx: Tx, shipmentId: string, subscription: TargetSubscription, item: Item, now: Date): Promise<number> {
  const rows = subscription.messages;
  if (rows.some((row) => row.dedupeKey === item.key || row.payload.mergedKeys.includes(item.key))) return 0;
  const sms = subscription.channel === "SMS";
  const urgent = isUrgent(item.trigger);

  const lastActive = rows
    .filter((row) => row.status === "SENDING" || row.status === "SENT")
    .map((row) => (row.sentAt ?? row.claimedAt ?? row.createdAt).getTime())
    .reduce((latest, time) => Math.max(latest, time), 0);
  let dueAt = lastActive && now.getTime() - lastActive < COALESCE_WINDOW_MS ? new Date(lastActive + COALESCE_WINDOW_MS) : now;
  if (sms && !urgent) dueAt = quietHoursRelease(dueAt, subscription.timeZone);

  const open = rows.find((row) => row.status === "PENDING");
  if (open) {
    const merged = mergeInto({ trigger: open.trigger as ShipmentTrigger, payload: open.payload, dedupeKey: open.dedupeKey }, item);
    const mergedDue = new Date(Math.min(open.dueAt.getTime(), isUrgent(merged.trigger) ? dueAt.getTime() : open.dueAt.getTime()));
    const { count } = await tx.outboxMessage.updateMany({
      where: { id: open.id, status: "PENDING" },
      data: { trigger: merged.trigger, payload: merged.payload as object, dueAt: mergedDue },
    });
    if (count === 1) {
      Object.assign(open, { trigger: merged.trigger, payload: merged.payload, dueAt: mergedDue });
      return 1;
    }
    open.status = "SENDING"; // a worker claimed it meanwhile: this trigger needs a row of its own
  }

  let status: OutboxStatus = "PENDING";
  let lastError: string | null = null;
  if (sms) {
    const day = localDay(dueAt, subscription.timeZone);
    const today = rows.filter(
      (row) =>
        (row.status === "PENDING" || row.status === "SENDING" || row.status === "SENT") &&
        localDay(row.sentAt ?? row.dueAt, subscription.timeZone) === day,
    ).length;
    if (today >= SMS_DAILY_CAP) {
      status = "SUPPRESSED";
      lastError = `daily cap of ${SMS_DAILY_CAP} texts per parcel reached`;
    }
  }
  const data = {
    subscriptionId: subscription.id,
    shipmentId,
    channel: subscription.channel,
    trigger: item.trigger,
    status,
    dedupeKey: item.key,
    payload: { ...item.payload, mergedKeys: [item.key] } as object,
    dueAt,
    lastError,
  };
  const created = await tx.outboxMessage.createManyAndReturn({ data: [data], skipDuplicates: true, select: { id: true } });
  if (created.length === 0) return 0;
  rows.push({
    id: created[0]!.id, status, trigger: item.trigger, dedupeKey: item.key, dueAt, claimedAt: null, sentAt: null, createdAt: now,
    payload: { ...item.payload, mergedKeys: [item.key] },
  });
  return status === "PENDING" ? 1 : 0;
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
