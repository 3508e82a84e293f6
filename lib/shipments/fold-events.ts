import { nextStatus, statusRank, type StatusAt } from "../carriers/status";
import type { NormalizedEvent } from "../carriers/types";

export interface ShipmentProgress {
  status: StatusAt["status"];
  statusDetail: string | null;
  statusAt: Date | null;
  lastEventAt: Date | null;
  shippedAt: Date | null;
  deliveredAt: Date | null;
}

/** Folds events, oldest first, into the shipment's progress. Idempotent: re-applying the same events changes nothing. */
export function foldEvents(current: ShipmentProgress, events: NormalizedEvent[]): ShipmentProgress {
  const next = { ...current };
  const ordered = [...events].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
  for (const event of ordered) {
    const before: StatusAt | null = next.statusAt ? { status: next.status, occurredAt: next.statusAt } : null;
    const status = nextStatus(before, { status: event.status, occurredAt: event.occurredAt });
    // The event sets the status when it wins; a late copy of the current status must not move statusAt back.
    const adopted =
      status === event.status && (!before || status !== before.status || event.occurredAt >= before.occurredAt);
    if (adopted) {
      next.status = status;
      next.statusDetail = event.detailCode;
      next.statusAt = event.occurredAt;
      if (status === "DELIVERED") next.deliveredAt = event.occurredAt;
    }
    if (!next.lastEventAt || event.occurredAt > next.lastEventAt) next.lastEventAt = event.occurredAt;
    const scanned = statusRank(event.status) >= 1 && event.status !== "CANCELLED";
    if (scanned && (!next.shippedAt || event.occurredAt < next.shippedAt)) next.shippedAt = event.occurredAt;
  }
  return next;
}
