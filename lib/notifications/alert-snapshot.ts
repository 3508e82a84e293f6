/**
 * What the alert step needs to know about shipments, read in one round trip for a whole batch: each
 * one's status time and latest matching scan, its unannounced delays (locked), and its order's active
 * subscriptions with their recent rows for that parcel.
 */
import type { Tx } from "../db";
import type { AlertChannel, AlertScope, AlertSubscriptionStatus, OutboxStatus } from "../generated/prisma/enums";
import { readPayload, type OutboxPayload } from "./payload";
import { isValidTimeZone } from "./policy";

/** How far back a subscription's rows for a parcel matter (coalescing, the daily cap, dedupe). */
const HISTORY_MS = 48 * 3_600_000;

export interface TargetMessage {
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

export interface TargetSubscription {
  id: string;
  channel: AlertChannel;
  scope: AlertScope;
  status: AlertSubscriptionStatus;
  timeZone: string;
  since: Date;
  messages: TargetMessage[];
}

export interface Target {
  shipmentId: string;
  subscriptions: TargetSubscription[];
}

export interface DelayRow {
  id: string;
  previousLatest: string;
  newEarliest: string;
  newLatest: string;
  createdAt: Date;
}

export interface Snapshot extends Target {
  statusAt: string | null;
  event: OutboxPayload["event"];
  /** Unannounced delays, locked (FOR UPDATE SKIP LOCKED) so the hook and the worker's sweep never both take one. */
  delays: DelayRow[];
}

/** Timestamps inside JSON come without a zone; the columns hold UTC. */
const utcDate = (value: string | null) => (value === null ? null : new Date(value.endsWith("Z") ? value : `${value}Z`));

export async function takeSnapshot(tx: Tx, shipmentId: string, now: Date): Promise<Snapshot | null> {
  return (await takeSnapshots(tx, [shipmentId], now)).get(shipmentId) ?? null;
}

/** Every listed shipment's alert state in one query; shipments that are gone are absent from the map. */
export async function takeSnapshots(tx: Tx, shipmentIds: readonly string[], now: Date): Promise<Map<string, Snapshot>> {
  const snapshots = new Map<string, Snapshot>();
  if (shipmentIds.length === 0) return snapshots;
  const ids = [...new Set(shipmentIds)];
  const since = new Date(now.getTime() - HISTORY_MS).toISOString();
  const rows = await tx.$queryRaw<{ shipmentId: string; snapshot: RawSnapshot }[]>`
    WITH delays AS (
      SELECT "id", "shipmentId", "previousLatest", "newEarliest", "newLatest", "createdAt" FROM "Delay"
      WHERE "shipmentId" = ANY(${ids}::text[]) AND "announcedAt" IS NULL
      ORDER BY "createdAt" FOR UPDATE SKIP LOCKED
    )
    SELECT s."id" AS "shipmentId", json_build_object(
      'statusAt', s."statusAt",
      'zones', json_build_array(o."shopperTimeZone", m."timeZone"),
      'event', (
        SELECT json_build_object('description', e."description", 'city', e."city", 'region', e."region") FROM "TrackingEvent" e
        WHERE e."shipmentId" = s."id" AND e."status" = s."status" ORDER BY e."occurredAt" DESC, e."createdAt" DESC LIMIT 1),
      'delays', (
        SELECT COALESCE(json_agg(json_build_object('id', d."id", 'previousLatest', d."previousLatest", 'newEarliest', d."newEarliest",
          'newLatest', d."newLatest", 'createdAt', d."createdAt") ORDER BY d."createdAt"), '[]'::json) FROM delays d WHERE d."shipmentId" = s."id"),
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
    WHERE s."id" = ANY(${ids}::text[])`;
  for (const { shipmentId, snapshot } of rows) snapshots.set(shipmentId, fromRaw(shipmentId, snapshot));
  return snapshots;
}

function fromRaw(shipmentId: string, raw: RawSnapshot): Snapshot {
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
