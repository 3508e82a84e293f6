import type { ShipmentStatus } from "../carriers/status";
import { eventLabelKey, type EventLabelKey } from "./event-label";

export type BannerKind = "late" | "stalled" | "exception" | "attempted" | "pickup" | "returned" | "cancelled";

export interface DateWindow {
  earliest: Date;
  latest: Date;
}

export interface Banner {
  kind: BannerKind;
  /** For an exception: what the carrier reported, as a label every language has. */
  reason?: EventLabelKey;
  /** The window now promised, when one is known (never invented). */
  newWindow: DateWindow | null;
  /** What the shopper had been shown before the slip, from the Delay record. */
  previousWindow: DateWindow | null;
}

export interface BannerInput {
  status: ShipmentStatus;
  statusDetail: string | null;
  etaFlag: string | null;
  etaEarliest: Date | null;
  etaLatest: Date | null;
  /** Newest first. */
  delays: readonly { previousEarliest: Date; previousLatest: Date; newEarliest: Date; newLatest: Date }[];
}

/** The estimate module's flags, read tolerantly ("running_late", "late", "stalled", "exception"; comma-separated). */
export function readFlags(etaFlag: string | null): Set<"late" | "stalled" | "exception"> {
  const flags = new Set<"late" | "stalled" | "exception">();
  for (const raw of (etaFlag ?? "").toLowerCase().split(/[\s,;|]+/)) {
    if (raw.includes("late")) flags.add("late");
    else if (raw.includes("stall")) flags.add("stalled");
    else if (raw.includes("exception")) flags.add("exception");
  }
  return flags;
}

/**
 * The one banner a parcel deserves, most serious first: side states the carrier reported, then a slip
 * of the promised window (a Delay row or the "late" flag), then a parcel that stopped moving.
 */
export function bannerFor(input: BannerInput): Banner | null {
  const flags = readFlags(input.etaFlag);
  const delay = input.delays[0] ?? null;
  const current = input.etaEarliest && input.etaLatest ? { earliest: input.etaEarliest, latest: input.etaLatest } : null;
  const newWindow = current ?? (delay ? { earliest: delay.newEarliest, latest: delay.newLatest } : null);
  const previousWindow = delay ? { earliest: delay.previousEarliest, latest: delay.previousLatest } : null;
  const base = { newWindow: null, previousWindow: null };

  switch (input.status) {
    case "DELIVERED":
      return null;
    case "RETURNED_TO_SENDER":
      return { kind: "returned", ...base };
    case "CANCELLED":
      return { kind: "cancelled", ...base };
    case "DELIVERY_ATTEMPTED":
      return { kind: "attempted", ...base, newWindow: current };
    case "AVAILABLE_FOR_PICKUP":
      return { kind: "pickup", ...base };
    default:
      break;
  }
  const late = flags.has("late") || delay !== null;
  if (input.status === "EXCEPTION" || flags.has("exception")) {
    return {
      kind: "exception",
      reason: eventLabelKey("EXCEPTION", input.statusDetail),
      newWindow: late ? newWindow : current,
      previousWindow: late ? previousWindow : null,
    };
  }
  if (late) return { kind: "late", newWindow, previousWindow };
  if (flags.has("stalled")) return { kind: "stalled", newWindow: current, previousWindow: null };
  return null;
}
