/**
 * The one line under the window that tells a shopper (or a support agent on the phone) why it says
 * what it says. Built from structured facts only, so the wording can move to next-intl later without
 * touching the model.
 */
import type { LaneBasis } from "./lanes";
import type { EstimateFlag, LocalDate } from "./types";

export interface ReasonFacts {
  basis: LaneBasis;
  holidays: number;
  flags: readonly EstimateFlag[];
  carrierWeight: number;
  /** Business days since the last scan and the lane's usual longest quiet stretch, when stalled. */
  quiet?: { days: number; usual: number };
  /** The latest the shopper had been shown, when the parcel is now past it. */
  missedLatest?: LocalDate;
  /** The parcel has already taken longer than anything in the history. */
  beyondHistory?: boolean;
  /** The shop's promised date, when the parcel is now unlikely to make it. */
  behindPromise?: LocalDate;
}

const NUMBER = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

function plural(n: number, one: string, many: string): string {
  return `${NUMBER.format(n)} ${n === 1 ? one : many}`;
}

export function describeBasis(basis: LaneBasis): string {
  const n = Math.max(1, Math.round(basis.deliveries));
  switch (basis.level) {
    case "prior":
      return "No delivery history yet: typical handling and transit times";
    case "global":
      return `Based on ${plural(n, "recent delivery", "recent deliveries")}`;
    case "destination":
      return `Based on ${plural(n, "recent delivery", "recent deliveries")} ${basis.label}`;
    case "lane-carrier": {
      // lane-keys.ts labels this level "SP→RJ by correios/sedex"; the carrier reads better last.
      const [lane, carrier] = basis.label.split(" by ");
      return `Based on ${plural(n, `recent ${lane} delivery`, `recent ${lane} deliveries`)} by ${carrier}`;
    }
    default: // lane, carrier: the label reads as an adjective ("SP→RJ", "correios")
      return `Based on ${plural(n, `recent ${basis.label} delivery`, `recent ${basis.label} deliveries`)}`;
  }
}

export function reasonLine(facts: ReasonFacts): string {
  const parts: string[] = [];
  if (facts.flags.includes("running_late")) {
    if (facts.missedLatest) parts.push(`Running late: past the promised ${facts.missedLatest}`);
    else if (facts.beyondHistory) parts.push("Running late: slower than every recent delivery like it");
    else if (facts.behindPromise) parts.push(`Running late: unlikely to arrive by the promised ${facts.behindPromise}`);
    else parts.push("Running late");
  }
  if (facts.flags.includes("exception")) parts.push("Carrier reported a problem; window widened");
  if (facts.flags.includes("stalled") && facts.quiet) {
    parts.push(
      `No scan for ${plural(facts.quiet.days, "business day", "business days")} (usually at most ${NUMBER.format(facts.quiet.usual)}); window widened`,
    );
  }
  parts.push(describeBasis(facts.basis));
  if (facts.carrierWeight > 0) parts.push(`carrier's estimate weighted ${Math.round(facts.carrierWeight * 100)}%`);
  if (facts.holidays > 0) parts.push(`${plural(facts.holidays, "holiday", "holidays")} on the way`);
  // One sentence: only its first clause starts with a capital.
  return parts.map((part, i) => (i === 0 ? part : lowerFirst(part))).join("; ");
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
