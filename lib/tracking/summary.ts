import type { ShipmentStatus } from "../carriers/status";
import type { Messages } from "../i18n/messages";

/**
 * The order's status in words: the parcel's status, or for several parcels each status with its count
 * in the order the parcels were created ("1 Delivered · 1 On its way").
 */
export function statusSummary(statuses: readonly ShipmentStatus[], m: Messages): string {
  if (statuses.length === 1) return m.status[statuses[0]!];
  const counts = new Map<ShipmentStatus, number>();
  for (const status of statuses) counts.set(status, (counts.get(status) ?? 0) + 1);
  return [...counts].map(([status, count]) => `${count} ${m.status[status]}`).join(m.page.summarySeparator);
}
