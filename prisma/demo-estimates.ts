/**
 * Delivery windows the demo needs before the estimate module is wired into ingestion: the "running
 * late" order gets a slipped window and the Delay record that explains it, written the way
 * lib/estimates will write them (eta fields on the shipment, one Delay row: previous → new window).
 */
import { db } from "../lib/db";

interface DemoDelay {
  orderNumber: string;
  zone: string;
  /** Days from the seed's local "today" in `zone`. */
  previous: [number, number];
  next: [number, number];
  flag: string;
  reason: string;
  delayReason: string;
}

export const DEMO_DELAYS: DemoDelay[] = [
  {
    orderNumber: "NW-1007",
    zone: "America/Chicago",
    previous: [-2, -1],
    next: [1, 3],
    flag: "running_late",
    reason: "Running late: slower than every recent delivery like it; based on 14 recent deliveries to TX",
    delayReason: "Held up at the Oklahoma City facility (volume higher than usual)",
  },
];

function localDay(now: Date, zone: string, plusDays: number): Date {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
  const day = new Date(`${today}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + plusDays);
  return day;
}

export async function applyDemoEstimates(merchantId: string, now: Date): Promise<void> {
  for (const demo of DEMO_DELAYS) {
    const shipment = await db.shipment.findFirst({
      where: { merchantId, order: { orderNumber: demo.orderNumber } },
      orderBy: { createdAt: "asc" },
      select: { id: true },
    });
    if (!shipment) continue;
    const [previousEarliest, previousLatest] = demo.previous.map((days) => localDay(now, demo.zone, days)) as [Date, Date];
    const [newEarliest, newLatest] = demo.next.map((days) => localDay(now, demo.zone, days)) as [Date, Date];
    await db.$transaction([
      db.shipment.update({
        where: { id: shipment.id },
        data: {
          etaEarliest: newEarliest,
          etaLatest: newLatest,
          etaConfidence: 0.7,
          etaStage: "in_transit",
          etaReason: demo.reason,
          etaFlag: demo.flag,
          etaComputedAt: now,
          promisedLatest: previousLatest,
        },
      }),
      db.delay.create({
        data: { shipmentId: shipment.id, previousEarliest, previousLatest, newEarliest, newLatest, reason: demo.delayReason, createdAt: now },
      }),
    ]);
  }
}
