/**
 * The bench:ingest workload, shared with bench:ingest-profile so the profile drains the same kind of
 * backlog the benchmark's workers do: 1,000 shipments walked round-robin, one delivery in five carrying
 * two or three scans, 10% of scans sent out of order, 10% of deliveries re-sent (duplicates).
 */
import { mulberry32 } from "./seeded-random";

export const SHIPMENTS = 1_000;

// Scans start a day and a half ago: recent enough that their status changes are announced to subscribers
// (statuses older than 72 h are not), and each shipment's few dozen hourly scans stay in the past.
export const BASE_TIME = Math.floor(Date.now() / 3_600_000) * 3_600_000 - 36 * 3_600_000;

export const trackingNumber = (k: number) => `BENCH${String(k).padStart(6, "0")}`;

export interface Send {
  shipment: number;
  scan: number;
  /** Scans in this delivery: `scan`, `scan + 1`, … (aggregators batch several). */
  scans: number;
  /** A re-sent delivery (the provider's retry): adds no event. */
  duplicate: boolean;
}

/** Where the bench's parcels go and how: lanes the demo's delivery history covers. */
export const LANES = [
  { region: "WA", carrier: "ups", service: "Ground" },
  { region: "CA", carrier: "fedex", service: "Ground" },
  { region: "TX", carrier: "ups", service: "Ground" },
  { region: "IL", carrier: "usps", service: "Priority Mail" },
  { region: "GA", carrier: "fedex", service: "Home Delivery" },
] as const;
export const laneOf = (shipment: number) => LANES[shipment % LANES.length]!;

/** Walks shipments round-robin, one scan each; 10% of scans swapped with the next (out of order), 10% re-sent (duplicates). */
export class Workload {
  private nextScan = new Array<number>(SHIPMENTS).fill(0);
  private held = new Map<number, number>();
  private cursor = 0;
  private sent: Send[] = [];
  private random = mulberry32(42);

  next(): Send {
    if (this.sent.length > 0 && this.random() < 0.1) return { ...this.sent[Math.floor(this.random() * this.sent.length)]!, duplicate: true };
    const shipment = this.cursor++ % SHIPMENTS;
    const heldScan = this.held.get(shipment);
    let send: Send;
    if (heldScan !== undefined) {
      this.held.delete(shipment);
      send = { shipment, scan: heldScan, scans: 1, duplicate: false };
    } else {
      // One delivery in five carries two or three scans.
      const scans = this.random() < 0.2 ? 2 + Math.floor(this.random() * 2) : 1;
      const scan = this.nextScan[shipment]!;
      this.nextScan[shipment]! += scans;
      if (scan > 0 && scans === 1 && this.random() < 0.1) {
        // Send the later scan first; the held one follows on this shipment's next turn.
        this.held.set(shipment, scan);
        send = { shipment, scan: this.nextScan[shipment]!++, scans: 1, duplicate: false };
      } else send = { shipment, scan, scans, duplicate: false };
    }
    this.sent.push(send);
    return send;
  }
}

export function bodyFor({ shipment, scan, scans }: Pick<Send, "shipment" | "scan" | "scans">): string {
  return JSON.stringify({
    carrier: laneOf(shipment).carrier,
    trackingNumber: trackingNumber(shipment),
    events: Array.from({ length: scans }, (_, i) => ({
      status: scan + i === 0 ? "INFO_RECEIVED" : "IN_TRANSIT",
      description: `Scan ${scan + i}`,
      occurredAt: new Date(BASE_TIME + (scan + i) * 3_600_000).toISOString().replace("Z", "+00:00"),
      location: { city: "Louisville", region: "KY", country: "US" },
    })),
  });
}

/** Events a set of sends adds: a duplicate adds none. */
export const newEvents = (sends: Send[]) => sends.reduce((sum, send) => sum + (send.duplicate ? 0 : send.scans), 0);
