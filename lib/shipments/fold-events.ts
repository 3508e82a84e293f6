import { nextStatus, statusRank, type StatusAt } from "../carriers/status";
import type { NormalizedEvent } from "../carriers/types";

export type FoldableEvent = Pick<NormalizedEvent, "status" | "detailCode" | "occurredAt">;

/**
 * A total order on events: by time, then (same instant) by status rank and name, then detail code. With
 * it, folding a set of events gives one answer whatever order they were listed or delivered in.
 */
function byTimeThenKind(a: FoldableEvent, b: FoldableEvent): number {
  return (
    a.occurredAt.getTime() - b.occurredAt.getTime() ||
    statusRank(a.status) - statusRank(b.status) ||
    compare(a.status, b.status) ||
    compare(a.detailCode ?? "", b.detailCode ?? "")
  );
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export interface ShipmentProgress {
  status: StatusAt["status"];
  statusDetail: string | null;
  statusAt: Date | null;
  lastEventAt: Date | null;
  shippedAt: Date | null;
  deliveredAt: Date | null;
}

/** Folds events, oldest first, into the shipment's progress. Idempotent: re-applying the same events changes nothing. */
export function foldEvents(current: ShipmentProgress, events: readonly FoldableEvent[]): ShipmentProgress {
  const next = { ...current };
  const ordered = [...events].sort(byTimeThenKind);
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
