/**
 * The database side of delivery estimates (lib/estimates is the pure model): windows re-estimated on
 * every event and stored on the shipment, slips recorded as Delay rows, the merchant's lane statistics
 * kept up to date one delivery at a time, and the sweep that keeps undelivered windows out of the past.
 */
export { reestimateShipment, type ReestimateOptions, type ReestimateResult } from "./reestimate-shipment";
export { reestimateChanged } from "./reestimate-changed";
export { recordDelivery, recordDeliveryHistory, type DeliveryLearned } from "./record-delivery";
export { reestimateOverdue, estimateMissingWindows, sweepOverdueEstimates, OPEN_STATUSES, type OverdueOptions, type OverdueResult } from "./reestimate-overdue";
export { reestimatePromised, type PromisedOptions, type PromisedResult } from "./reestimate-promised";
export { readEstimateState, CALIBRATION_KEY, CARRIER_TRACK_KEY, type EstimateState } from "./lane-store";
