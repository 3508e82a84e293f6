/**
 * The delivery-estimate module's public surface, for ingestion and the database layer. Everything is
 * pure: pass `now`, the stored state (lane statistics, carrier track record, calibration) and the
 * shipment's facts; store what comes back.
 */
export { estimateDelivery, estimateDeliveryAtLevels } from "./estimate";
export { detectDelay, detectPromiseSlip } from "./delay";
export { stageForStatus } from "./stage";
export {
  addDelivery,
  applyDelivery,
  emptyLaneStats,
  laneUpdates,
  observeDelivery,
  addObservation,
  effectiveCount,
  DEFAULT_LANE_SETTINGS,
  type CompletedDelivery,
  type LaneEntry,
  type LaneObservation,
  type LaneStats,
  type LaneStatsSettings,
} from "./lane-stats";
export { handlingChain, laneChain, type HandlingRef, type LaneRef } from "./lane-keys";
export { addCarrierOutcome, carrierRecord, emptyCarrierTrack, type CarrierOutcome, type CarrierTrack } from "./carrier-track";
export {
  DEFAULT_CALIBRATION,
  defaultCalibration,
  recordPromiseOutcome,
  recordWindowOutcome,
  type AdaptiveLevel,
  type Calibration,
} from "./calibration";
export { DEFAULT_ESTIMATE_OPTIONS, type EstimateOptions } from "./estimate-options";
export { toLocalDate, isLocalDate } from "./local-date";
export { shopperReason, carrierLabel } from "./shopper-reason";
export type { ReasonFacts } from "./reason";
export type {
  Delay,
  DeliveryWindow,
  Estimate,
  EstimateBasis,
  EstimateFlag,
  EstimateInput,
  EstimateStage,
  LaneLevel,
  LocalDate,
  MerchantPolicy,
  Place,
  Route,
} from "./types";
export { ESTIMATE_STAGES } from "./types";
