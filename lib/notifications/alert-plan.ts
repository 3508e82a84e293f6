/**
 * The alert step's decisions, made in memory from snapshots (lib/notifications/alert-snapshot.ts): which
 * outbox rows to create, which pending ones to fold a new trigger into, and which delays are announced.
 * No database here; lib/notifications/enqueue.ts writes a plan in a few set-based statements.
 */
import { randomUUID } from "node:crypto";
import type { OutboxStatus } from "../generated/prisma/enums";
import type { Snapshot, Target, TargetMessage, TargetSubscription } from "./alert-snapshot";
import { mergeInto, type OutboxPayload } from "./payload";
import { COALESCE_WINDOW_MS, SMS_DAILY_CAP, localDay, quietHoursRelease } from "./policy";
import { inScope, isUrgent, type ShipmentTrigger } from "./triggers";

interface Item {
  trigger: ShipmentTrigger;
  key: string;
  payload: OutboxPayload;
}

export interface NewOutboxRow {
  id: string;
  subscriptionId: string;
  shipmentId: string;
  channel: TargetSubscription["channel"];
  /** The row as the plan left it: later triggers of the same batch may have been folded into it. */
  message: TargetMessage;
  lastError: string | null;
}

/** A pending row (stored before this plan) that a trigger is folded into; written only while still PENDING. */
export interface MergedRow {
  shipmentId: string;
  message: TargetMessage;
}

export interface AlertPlan {
  inserts: NewOutboxRow[];
  /** By row id: the last state wins when several triggers fold into one row. */
  merges: Map<string, MergedRow>;
  announcedDelays: { id: string; shipmentId: string }[];
  /** Rows that will be due to send (PENDING), for waking the workers. */
  pending: number;
}

export const emptyPlan = (): AlertPlan => ({ inserts: [], merges: new Map(), announcedDelays: [], pending: 0 });

/** Plans what a snapshot calls for: the status trigger (if any) and every unannounced delay, which are then announced. */
export function planSnapshot(plan: AlertPlan, snapshot: Snapshot, trigger: ShipmentTrigger | null, now: Date): void {
  if (trigger && snapshot.subscriptions.length > 0) {
    planForAll(plan, snapshot, {
      trigger,
      key: `${trigger}:${snapshot.statusAt ?? now.toISOString()}`,
      payload: { statusAt: snapshot.statusAt, event: snapshot.event, delay: null, mergedKeys: [] },
    }, now);
  }
  for (const delay of snapshot.delays) {
    if (snapshot.subscriptions.length === 0) break;
    planForAll(
      plan,
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
  plan.announcedDelays.push(...snapshot.delays.map((delay) => ({ id: delay.id, shipmentId: snapshot.shipmentId })));
}

function planForAll(plan: AlertPlan, target: Target, item: Item, now: Date): void {
  for (const subscription of target.subscriptions) {
    if (inScope(subscription.scope, item.trigger)) planOne(plan, target.shipmentId, subscription, item, now);
  }
}

/**
 * One subscription, one trigger. Coalesces into a row not yet claimed; otherwise a new row, due now, or
 * at the end of the minute after the last message for this parcel (so a burst becomes one follow-up),
 * or (a non-urgent text) at the end of the shopper's quiet hours. Past the daily text cap the row is
 * kept as SUPPRESSED, for the record. `subscription.messages` is updated as the rows will be.
 */
function planOne(plan: AlertPlan, shipmentId: string, subscription: TargetSubscription, item: Item, now: Date): void {
  const rows = subscription.messages;
  if (rows.some((row) => row.dedupeKey === item.key || row.payload.mergedKeys.includes(item.key))) return;
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
    Object.assign(open, { trigger: merged.trigger, payload: merged.payload, dueAt: mergedDue });
    // A row this plan creates is simply inserted in its final state; a stored one is updated.
    if (!plan.inserts.some((row) => row.message === open)) {
      if (!plan.merges.has(open.id)) plan.pending++;
      plan.merges.set(open.id, { shipmentId, message: open });
    }
    return;
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
  const message: TargetMessage = {
    id: randomUUID(), status, trigger: item.trigger, dedupeKey: item.key, dueAt, claimedAt: null, sentAt: null, createdAt: now,
    payload: { ...item.payload, mergedKeys: [item.key] },
  };
  rows.push(message);
  plan.inserts.push({ id: message.id, subscriptionId: subscription.id, shipmentId, channel: subscription.channel, message, lastError });
  if (status === "PENDING") plan.pending++;
}
