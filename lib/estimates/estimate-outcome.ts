/**
 * How an estimate is put into words and shape once its days are known: the `Estimate` object with its
 * reason line and facts, and the out-for-delivery case, where the latest scan decides by itself.
 */
import { addBusinessDays, holidaysBetween, type BusinessCalendar } from "./business-days";
import type { EstimateOptions } from "./estimate-options";
import type { LaneRef } from "./lane-keys";
import type { LaneLookup } from "./lanes";
import { fromDayNumber, localDayOf, toDayNumber } from "./local-date";
import { reasonLine, type ReasonFacts } from "./reason";
import type { StallCheck } from "./stall";
import type { Estimate, EstimateFlag, EstimateInput } from "./types";

export interface Context {
  today: number;
  calendar: BusinessCalendar;
  chain: LaneRef[];
  options: EstimateOptions;
}

export function missedPromise(input: EstimateInput, today: number): string | undefined {
  const shown = input.previouslyShown;
  return shown && today > toDayNumber(shown.latest) ? shown.latest : undefined;
}

export function outForDelivery(input: EstimateInput, context: Context): Estimate {
  const { today, calendar } = context;
  const scanDay = input.lastScanAt ? localDayOf(input.lastScanAt, input.route.destination.timeZone) : today;
  // Out for delivery today means today; a van that went out on an earlier day and came back means the next round.
  const sameDay = scanDay >= today;
  const latest = sameDay ? today : addBusinessDays(today, 1, calendar);
  const flags: EstimateFlag[] = sameDay ? [] : ["stalled"];
  const missedLatest = missedPromise(input, today);
  if (missedLatest) flags.unshift("running_late");
  const lead = sameDay ? "Out for delivery today" : `Out for delivery since ${fromDayNumber(scanDay)}; expected by the next business day`;
  const reason = missedLatest ? `Running late: past the promised ${missedLatest}; ${lead.charAt(0).toLowerCase()}${lead.slice(1)}` : lead;
  return {
    earliest: fromDayNumber(today),
    latest: fromDayNumber(latest),
    confidence: sameDay ? 0.9 : 0.6,
    stage: input.stage,
    flags,
    reason,
    basis: { level: "scan", label: "out for delivery", deliveries: 0, holidays: [], carrierWeight: 0, latestLevel: sameDay ? 0.9 : 0.6 },
  };
}

export interface Outcome {
  earliest: number;
  latest: number;
  confidence: number;
  flags: EstimateFlag[];
  lookup: LaneLookup;
  carrierWeight: number;
  latestLevel: number;
  stall: StallCheck;
  missedLatest: string | undefined;
  beyondHistory?: boolean;
  /** Model chance of arriving by the shop's promised date, when the order carries one. */
  chance?: number;
  /** The shop's promised date, when that chance fell below the alarm level. */
  behindPromise?: string;
}

export function finish(input: EstimateInput, context: Context, outcome: Outcome): Estimate {
  const holidays = holidaysBetween(context.today - 1, outcome.latest, context.calendar).map((h) => ({ date: fromDayNumber(h.day), name: h.name }));
  const facts: ReasonFacts = {
    basis: outcome.lookup.basis,
    holidays: holidays.length,
    flags: outcome.flags,
    carrierWeight: outcome.carrierWeight,
    quiet: outcome.stall.stalled ? { days: outcome.stall.days, usual: outcome.stall.usual } : undefined,
    missedLatest: outcome.missedLatest,
    beyondHistory: outcome.beyondHistory,
    behindPromise: outcome.behindPromise,
  };
  return {
    earliest: fromDayNumber(outcome.earliest),
    latest: fromDayNumber(outcome.latest),
    confidence: outcome.confidence,
    stage: input.stage,
    flags: outcome.flags,
    reason: reasonLine(facts),
    reasonFacts: facts,
    basis: {
      ...outcome.lookup.basis,
      holidays,
      carrierWeight: Math.round(outcome.carrierWeight * 100) / 100,
      latestLevel: Math.round(outcome.latestLevel * 1000) / 1000,
      ...(outcome.chance === undefined ? {} : { promisedByChance: Math.round(outcome.chance * 1000) / 1000 }),
    },
  };
}
