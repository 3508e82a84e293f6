/**
 * Public shapes of the delivery-estimate module. Everything here is plain data (JSON-serializable except
 * the `Date` inputs), so the ingestion and database layers can store and pass it without adapters.
 */
import type { LaneStats } from "./lane-stats";
import type { CarrierTrack } from "./carrier-track";
import type { Calibration } from "./calibration";
import type { ReasonFacts } from "./reason";

/** A calendar date in some place's local time, "YYYY-MM-DD". Never an instant. */
export type LocalDate = string;

/** Where a shipment made its latest estimate. Mirrors what the shopper sees on the page. */
export const ESTIMATE_STAGES = ["ordered", "shipped", "in_transit", "out_for_delivery", "exception"] as const;
export type EstimateStage = (typeof ESTIMATE_STAGES)[number];

/** A place parcels leave from or go to. `region` is the subdivision code date-holidays knows (e.g. "SP", "NY"). */
export interface Place {
  /** ISO 3166-1 alpha-2, e.g. "BR", "US". */
  country: string;
  /** State / province code, or null when unknown (lanes then fall back). */
  region: string | null;
  /** IANA time zone of this place, e.g. "America/Sao_Paulo". */
  timeZone: string;
}

export interface Route {
  origin: Place;
  destination: Place;
  /** Lower-case carrier code ("correios", "ups"), or null when unknown. */
  carrier: string | null;
  service: string | null;
  /**
   * The site that hands the parcel to the carrier (a warehouse id, or for a marketplace the seller), when
   * known: handling times are learned per shipper. Optional; without it they are learned per origin region.
   */
  shipper?: string | null;
}

/** How the merchant works: what turns an order time into the day it starts being handled. */
export interface MerchantPolicy {
  /** Business days the merchant needs to hand an order to the carrier (0 = same day). */
  handlingDays: number;
  /** Local "HH:MM" in the origin time zone; orders at or after it start being handled the next business day. */
  cutoff: string;
}

export interface DeliveryWindow {
  earliest: LocalDate;
  latest: LocalDate;
}

/** Things the page should call out next to the window. */
export type EstimateFlag = "running_late" | "stalled" | "exception" | "no_history";

export type LaneLevel = "lane-carrier" | "lane" | "destination" | "carrier" | "global";

/** What the window rests on, for the reason line, the support console and debugging. */
export interface EstimateBasis {
  /**
   * The most specific history level that carried real weight; "prior" with no history at all; "scan" when
   * the latest scan decides by itself (out for delivery).
   */
  level: LaneLevel | "prior" | "scan";
  /** Human label of that level, e.g. "SP→RJ", "to RJ", "correios", "all". */
  label: string;
  /** Recency-weighted number of deliveries behind that level (what "412 recent deliveries" counts). */
  deliveries: number;
  /** Public holidays between now and `latest` at the destination (name per date). */
  holidays: { date: LocalDate; name: string }[];
  /** Weight given to the carrier's own estimate, 0 when none was used. */
  carrierWeight: number;
  /** Quantile level the `latest` bound was read at (after calibration and widening). */
  latestLevel: number;
  /** With `promisedBy`: the model's chance (0–1) that the parcel still arrives by that date. */
  promisedByChance?: number;
}

export interface Estimate extends DeliveryWindow {
  /** Probability (0–1) the model gives to delivery inside the window, shrunk when history is thin. */
  confidence: number;
  stage: EstimateStage;
  flags: EstimateFlag[];
  /** One line a person can read, e.g. "Based on 412 recent SP→RJ deliveries; 1 holiday on the way". */
  reason: string;
  /**
   * What `reason` was built from (plain JSON), for `shopperReason(facts, locale)`: the page's own language
   * and date style. Absent when the latest scan decides by itself (out for delivery).
   */
  reasonFacts?: ReasonFacts;
  basis: EstimateBasis;
}

export interface EstimateInput {
  stage: EstimateStage;
  orderedAt: Date;
  /** Carrier hand-off (label scanned or picked up); null while not shipped. */
  shippedAt: Date | null;
  /** Latest carrier scan of any kind; null when none. Drives stall detection and out-for-delivery. */
  lastScanAt: Date | null;
  route: Route;
  merchant: MerchantPolicy;
  /** The carrier's own estimate as a destination-local date, when the provider sends one. */
  carrierEstimate: LocalDate | null;
  lanes: LaneStats;
  carrierTrack?: CarrierTrack | null;
  calibration?: Calibration | null;
  /** The window the shopper was last shown, if any (drives "running late"). */
  previouslyShown: DeliveryWindow | null;
  /**
   * The date the shop promised at checkout, destination-local, when it sent one: once the parcel's chance
   * of making it drops below `promiseAlarmBelow`, the estimate says "running late" before that day passes.
   */
  promisedBy?: LocalDate | null;
  /**
   * The merchant's current distributions (lib/estimates/current-curves.ts: recent cohorts with the parcels
   * still on their way censored, spliced onto the history's tail), per lane key (`*` global, `>BR-SP` to a
   * destination region) and part. When given, each lane's distribution of a part is moved by where the
   * completed history's quantiles at the most specific such key land on its current curve
   * (quantile-transfer.ts), so the season seen in open parcels reaches every lane.
   */
  current?: Record<string, Partial<Record<"handling" | "transit" | "total", ArrayLike<number>>>> | null;
}

/** A slipped promise: the shopper had been shown `previous`, the new estimate ends later. */
export interface Delay {
  previous: DeliveryWindow;
  next: DeliveryWindow;
  /** Calendar days the `latest` moved out by (≥ 1). */
  days: number;
  stage: EstimateStage;
  reason: string;
}
