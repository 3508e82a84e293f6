/**
 * The merchant's estimate state in LaneStat rows: one row per lane key (lib/estimates' fall-back chain:
 * "US-OR>US-TX|fedex/ground", "US-OR>US-TX", ">US-TX", "|fedex/ground", "*"), plus two rows with keys no
 * lane can have: the carrier track record and the calibration. Reads fetch only the keys one shipment's
 * chain needs; writes replace only the rows one delivery changes.
 */
import { z } from "zod";
import { Prisma } from "../generated/prisma/client";
import type { Tx } from "../db";
import {
  emptyLaneStats,
  laneChain,
  observeDelivery,
  type Calibration,
  type CarrierTrack,
  type CompletedDelivery,
  type EstimateInput,
  type LaneEntry,
  type LaneStats,
  type LaneStatsSettings,
  type Route,
} from "../estimates";

/** Lane keys are built from "*", ">", "|", "-" and codes; "#" never starts one. */
export const CARRIER_TRACK_KEY = "#carrier-track";
export const CALIBRATION_KEY = "#calibration";
/**
 * Every lane chain ends in the global row, so locking it first serialises a merchant's delivery
 * bookkeeping: nobody holds another of that merchant's rows without holding this one (no deadlocks).
 */
export const GATE_KEY = "*";

// Loose objects: fields a newer estimate model adds to its state (another histogram part) survive a
// read-update-write by this code instead of being stripped.
const numbers = z.array(z.number());
const laneEntrySchema = z.looseObject({ day: z.number(), count: z.number(), total: numbers, transit: numbers, quiet: numbers });
const carrierTrackSchema = z.looseObject({
  version: z.literal(1),
  halfLifeDays: z.number(),
  calendar: z.looseObject({ holidayTypes: z.array(z.string()), regionalHolidays: z.array(z.string()) }),
  carriers: z.record(z.string(), z.looseObject({ day: z.number(), count: z.number(), errors: numbers })),
});
const levelSchema = z.looseObject({
  level: z.number(), target: z.number(), step: z.number(), min: z.number(), max: z.number(), recentHitRate: z.number(), outcomes: z.number(),
});
const calibrationSchema = z.looseObject({ version: z.literal(1), promise: levelSchema, window: levelSchema });

/** The rows one delivery teaches (lib/estimates decides: its lane chain and whatever else the model keeps). */
export function deliveryKeys(delivery: CompletedDelivery, settings: LaneStatsSettings): string[] {
  return [...new Set([...laneChain(delivery.route).map((ref) => ref.key), ...observeDelivery(delivery, settings).keys])];
}

/**
 * The rows an estimate on this route reads. Learning and estimating share their chains, so these are
 * the rows a delivery on the same route would teach; asking the model that way keeps this code in step
 * when it grows a chain (only the route matters for the keys, not the probe's times).
 */
export function estimateKeys(route: Route, settings: LaneStatsSettings = emptyLaneStats().settings): string[] {
  const probe = new Date(Date.UTC(2020, 0, 6, 12));
  return deliveryKeys({ orderedAt: probe, shippedAt: probe, deliveredAt: probe, route, merchant: { handlingDays: 0, cutoff: "12:00" } }, settings);
}

export interface EstimateState {
  lanes: LaneStats;
  carrierTrack: CarrierTrack | null;
  calibration: Calibration | null;
  /** The merchant's current curves as the estimate takes them (current-curves-store.ts); null = the history alone. */
  current?: EstimateInput["current"];
}

/** A merchant with no history at all. */
export function noEstimateState(): EstimateState {
  return { lanes: emptyLaneStats(), carrierTrack: null, calibration: null };
}

/** Rows as stored → typed state; a row that does not parse counts as absent (and is rebuilt on the next delivery). */
export function stateFromRows(rows: readonly { laneKey: string; stats: unknown }[]): EstimateState {
  const state = noEstimateState();
  for (const row of rows) {
    if (row.laneKey === CARRIER_TRACK_KEY) {
      const parsed = carrierTrackSchema.safeParse(row.stats);
      if (parsed.success) state.carrierTrack = parsed.data as CarrierTrack;
    } else if (row.laneKey === CALIBRATION_KEY) {
      const parsed = calibrationSchema.safeParse(row.stats);
      if (parsed.success) state.calibration = parsed.data as Calibration;
    } else {
      const parsed = laneEntrySchema.safeParse(row.stats);
      if (parsed.success) state.lanes.lanes[row.laneKey] = parsed.data as LaneEntry;
    }
  }
  return state;
}

/**
 * The rows for these keys (plus carrier track and calibration), without locks: what an estimate reads.
 * A raw statement with one array, not the model API: every processing batch reads these, and Prisma's
 * query interpreter costs the worker more CPU per statement than the statement costs the database.
 */
export async function readEstimateState(tx: Tx, merchantId: string, laneKeys: readonly string[]): Promise<EstimateState> {
  const keys = [...new Set([...laneKeys, CARRIER_TRACK_KEY, CALIBRATION_KEY])];
  const rows = await tx.$queryRaw<{ laneKey: string; stats: unknown }[]>`
    SELECT "laneKey", "stats" FROM "LaneStat" WHERE "merchantId" = ${merchantId} AND "laneKey" = ANY(${keys}::text[])`;
  return stateFromRows(rows);
}

function gateFirst(keys: readonly string[]): string[] {
  const rest = [...new Set(keys)].filter((key) => key !== GATE_KEY).sort();
  return [GATE_KEY, ...rest];
}

const isoOf = (date: Date) => date.toISOString();

/**
 * Locks the merchant's rows for these keys for the rest of the transaction and returns what they hold,
 * creating missing rows as placeholders (JSON null) so a first delivery on a lane cannot race another.
 * One statement; rows are taken in VALUES order, the gate row first.
 */
export async function lockEstimateState(tx: Tx, merchantId: string, keys: readonly string[], now: Date): Promise<EstimateState> {
  const ordered = gateFirst(keys);
  const values = ordered.map(
    (key) => Prisma.sql`(${merchantId}, ${key}, 'null'::jsonb, (${isoOf(now)}::timestamptz AT TIME ZONE 'UTC'))`,
  );
  const rows = await tx.$queryRaw<{ laneKey: string; stats: unknown }[]>`
    INSERT INTO "LaneStat" ("merchantId", "laneKey", "stats", "updatedAt") VALUES ${Prisma.join(values)}
    ON CONFLICT ("merchantId", "laneKey") DO UPDATE SET "updatedAt" = "LaneStat"."updatedAt"
    RETURNING "laneKey", "stats"`;
  return stateFromRows(rows);
}

/** Replaces the given rows (already locked by lockEstimateState) in one statement. */
export async function writeEstimateRows(tx: Tx, merchantId: string, rows: Record<string, unknown>, now: Date): Promise<void> {
  const entries = Object.entries(rows);
  if (entries.length === 0) return;
  const values = entries.map(
    ([key, stats]) => Prisma.sql`(${merchantId}, ${key}, ${JSON.stringify(stats)}::jsonb, (${isoOf(now)}::timestamptz AT TIME ZONE 'UTC'))`,
  );
  await tx.$executeRaw`
    INSERT INTO "LaneStat" ("merchantId", "laneKey", "stats", "updatedAt") VALUES ${Prisma.join(values)}
    ON CONFLICT ("merchantId", "laneKey") DO UPDATE SET "stats" = EXCLUDED."stats", "updatedAt" = EXCLUDED."updatedAt"`;
}
