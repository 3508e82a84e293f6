import type { ShipmentStatus } from "./status";

/** What a provider's code pair (status + finer detail) means in our model. */
export interface MappedStatus {
  status: ShipmentStatus;
  detailCode: string | null;
}

/**
 * Mapping tables are Maps, not object literals: a payload saying status "constructor" or "__proto__"
 * must find nothing, not Object.prototype's members.
 */
export type StatusTable = ReadonlyMap<string, ShipmentStatus>;

export function table(entries: Record<string, ShipmentStatus>): StatusTable {
  return new Map(Object.entries(entries));
}
