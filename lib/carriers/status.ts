/**
 * The one normalized shipment status model every provider maps into.
 * Main line: INFO_RECEIVED → IN_TRANSIT → OUT_FOR_DELIVERY → DELIVERED; the rest are side states.
 */
export const SHIPMENT_STATUSES = [
  "INFO_RECEIVED",
  "IN_TRANSIT",
  "OUT_FOR_DELIVERY",
  "DELIVERED",
  "AVAILABLE_FOR_PICKUP",
  "DELIVERY_ATTEMPTED",
  "EXCEPTION",
  "RETURNED_TO_SENDER",
  "CANCELLED",
  "UNKNOWN",
] as const;

export type ShipmentStatus = (typeof SHIPMENT_STATUSES)[number];

/** States a parcel does not leave: a late or stray event never reopens them. */
const TERMINAL: ReadonlySet<ShipmentStatus> = new Set(["DELIVERED", "RETURNED_TO_SENDER", "CANCELLED"]);

export function isTerminal(status: ShipmentStatus): boolean {
  return TERMINAL.has(status);
}

/**
 * Progress rank used so status only moves forward. Side states sit at the rank of the
 * main-line step they happen at (an attempt or pickup notice happens after going out for delivery).
 */
const RANK: Record<ShipmentStatus, number> = {
  UNKNOWN: -1,
  INFO_RECEIVED: 0,
  IN_TRANSIT: 1,
  EXCEPTION: 1,
  OUT_FOR_DELIVERY: 2,
  DELIVERY_ATTEMPTED: 2,
  AVAILABLE_FOR_PICKUP: 2,
  DELIVERED: 3,
  RETURNED_TO_SENDER: 3,
  CANCELLED: 3,
};

export function statusRank(status: ShipmentStatus): number {
  return RANK[status];
}

export interface StatusAt {
  status: ShipmentStatus;
  occurredAt: Date;
}

/**
 * Decides the shipment's status after an event. The status follows the newest event, except:
 * an event older than the one that set the current status only joins the timeline;
 * UNKNOWN never replaces a known status; nothing leaves a terminal state;
 * INFO_RECEIVED never pulls a parcel that was already scanned back to "label created".
 */
export function nextStatus(current: StatusAt | null, incoming: StatusAt): ShipmentStatus {
  if (!current) return incoming.status;
  if (incoming.status === "UNKNOWN" && current.status !== "UNKNOWN") return current.status;
  if (current.status === "UNKNOWN") return incoming.status;
  if (isTerminal(current.status)) return current.status;
  if (incoming.occurredAt.getTime() < current.occurredAt.getTime()) {
    // A late event may still complete the story (a delivery scan that was delayed in the pipeline).
    return isTerminal(incoming.status) ? incoming.status : current.status;
  }
  if (incoming.status === "INFO_RECEIVED" && statusRank(current.status) > 0) return current.status;
  return incoming.status;
}
