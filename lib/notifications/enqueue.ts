import type { Tx } from "../db";
import type { ShipmentChange } from "../shipments/after-ingest";
import type { AlertChannel, AlertScope, AlertSubscriptionStatus, OutboxStatus } from "../generated/prisma/enums";
import { mergeInto, readPayload, type OutboxPayload } from "./payload";
import { COALESCE_WINDOW_MS, SMS_DAILY_CAP, isValidTimeZone, localDay, quietHoursRelease } from "./policy";
import { inScope, isUrgent, triggerForChange, type ShipmentTrigger } from "./triggers";

/** Workers LISTEN on this channel (PostgreSQL); rows written in a transaction wake them when it commits. */
export const OUTBOX_NOTIFY_CHANNEL = "parcelpage_outbox";

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
 */
export async function enqueueAlertsFor(tx: Tx, change: ShipmentChange): Promise<void> {
  const trigger = triggerForChange(change.previousStatus, change.status, change.eventsAdded);
  const delayIds = await lockUnannouncedDelays(tx, change.shipmentId);
  if (!trigger && delayIds.length === 0) return;

  // Most parcels have no subscriber: one cheap look before loading anything else.
  if (!(await hasActiveSubscription(tx, change.shipmentId))) {
    if (delayIds.length) await tx.delay.updateMany({ where: { id: { in: delayIds } }, data: { announcedAt: change.now } });
    return;
  }
  let written = 0;
  const target = await loadTarget(tx, change.shipmentId, change.now);
  if (trigger && target.subscriptions.length > 0) {
    const shipment = await tx.shipment.findUniqueOrThrow({ where: { id: change.shipmentId }, select: { status: true, statusAt: true } });
    const event = await tx.trackingEvent.findFirst({
      where: { shipmentId: change.shipmentId, status: shipment.status },
      orderBy: [{ occurredAt: "desc" }, { createdAt: "desc" }],
      select: { description: true, city: true, region: true },
    });
    const statusAt = shipment.statusAt?.toISOString() ?? null;
    written += await enqueueForAll(tx, target, {
      trigger,
      key: `${trigger}:${statusAt ?? change.now.toISOString()}`,
      payload: { statusAt, event, delay: null, mergedKeys: [] },
    }, change.now);
  }
  written += await announceDelays(tx, target, delayIds, change.now);
  if (written > 0) await notifyWorkers(tx);
}

async function hasActiveSubscription(tx: Tx, shipmentId: string): Promise<boolean> {
  const rows = await tx.$queryRaw<{ found: number }[]>`
    SELECT 1 AS "found" FROM "AlertSubscription" a JOIN "Shipment" s ON s."orderId" = a."orderId"
    WHERE s."id" = ${shipmentId} AND a."status" = 'ACTIVE' LIMIT 1`;
  return rows.length > 0;
}

/** Delays not yet announced, locked so the hook and the worker's sweep never both take one. */
export async function lockUnannouncedDelays(tx: Tx, shipmentId: string): Promise<string[]> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "Delay" WHERE "shipmentId" = ${shipmentId} AND "announcedAt" IS NULL
    ORDER BY "createdAt" FOR UPDATE SKIP LOCKED`;
  return rows.map((row) => row.id);
}

/** Enqueues a DELAY per subscription that existed when the delay happened, then marks the delays announced. */
export async function announceDelays(tx: Tx, target: Target, delayIds: string[], now: Date): Promise<number> {
  if (delayIds.length === 0) return 0;
  const delays = await tx.delay.findMany({
    where: { id: { in: delayIds } },
    orderBy: { createdAt: "asc" },
    select: { id: true, previousLatest: true, newEarliest: true, newLatest: true, createdAt: true },
  });
  let written = 0;
  for (const delay of delays) {
    const day = (date: Date) => date.toISOString().slice(0, 10);
    written += await enqueueForAll(
      tx,
      { ...target, subscriptions: target.subscriptions.filter((subscription) => subscription.since <= delay.createdAt) },
      {
        trigger: "DELAY",
        key: `DELAY:${delay.id}`,
        payload: {
          statusAt: null,
          event: null,
          delay: { previousLatest: day(delay.previousLatest), newEarliest: day(delay.newEarliest), newLatest: day(delay.newLatest) },
          mergedKeys: [],
        },
      },
      now,
    );
  }
  await tx.delay.updateMany({ where: { id: { in: delayIds } }, data: { announcedAt: now } });
  return written;
}

export async function loadTarget(tx: Tx, shipmentId: string, now: Date): Promise<Target> {
  const shipment = await tx.shipment.findUniqueOrThrow({
    where: { id: shipmentId },
    select: {
      merchant: { select: { timeZone: true } },
      order: {
        select: {
          shopperTimeZone: true,
          alertSubscriptions: {
            where: { status: "ACTIVE" },
            select: {
              id: true, channel: true, scope: true, status: true, timeZone: true, confirmedAt: true, createdAt: true,
              messages: {
                where: { shipmentId, createdAt: { gte: new Date(now.getTime() - HISTORY_MS) } },
                select: { id: true, status: true, trigger: true, dedupeKey: true, dueAt: true, claimedAt: true, sentAt: true, createdAt: true, payload: true },
              },
            },
          },
        },
      },
    },
  });
  const zones = [shipment.order.shopperTimeZone, shipment.merchant.timeZone];
  return {
    shipmentId,
    subscriptions: shipment.order.alertSubscriptions.map((subscription) => ({
      id: subscription.id,
      channel: subscription.channel,
      scope: subscription.scope,
      status: subscription.status,
      timeZone: [subscription.timeZone, ...zones].find(isValidTimeZone) ?? "UTC",
      since: subscription.confirmedAt ?? subscription.createdAt,
      messages: subscription.messages.map((message) => ({ ...message, payload: readPayload(message.payload) })),
    })),
  };
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
