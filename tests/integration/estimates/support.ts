/**
 * Controlled inputs for the estimate integration tests: a Chicago merchant shipping from Illinois, a
 * fixed calendar in March 2027 (no US federal holiday between Feb 16 and May 31), and a lane history
 * where every parcel took exactly one business day of handling and three of transit, so the windows
 * the model must give can be worked out by hand.
 */
import { TZDate } from "@date-fns/tz";
import { db } from "../../../lib/db";
import type { ShipmentStatus } from "../../../lib/carriers/status";
import type { NormalizedUpdate } from "../../../lib/carriers/types";
import type { CompletedDelivery } from "../../../lib/estimates";
import { recordDeliveryHistory } from "../../../lib/estimates-store";
import { createOrder } from "../../../lib/shipments/create-order";
import { ingestUpdates } from "../../../lib/webhooks/pipeline";

export const CHICAGO = "America/Chicago";

/** A wall-clock time in a zone, as an instant: at("2027-03-08", "09:00"). */
export function at(date: string, time: string, zone = CHICAGO): Date {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const [h, min] = time.split(":").map(Number) as [number, number];
  return new Date(new TZDate(y, m - 1, d, h, min, 0, zone).getTime());
}

/** `n` weekdays after a date (the test calendar has no holidays, so weekdays are business days). */
export function weekdaysAfter(date: string, n: number): string {
  const day = new Date(`${date}T12:00:00Z`);
  for (let left = n; left > 0; ) {
    day.setUTCDate(day.getUTCDate() + 1);
    if (day.getUTCDay() !== 0 && day.getUTCDay() !== 6) left -= 1;
  }
  return day.toISOString().slice(0, 10);
}

let counter = 0;

export async function chicagoMerchant(options: { timeZone?: string } = {}) {
  counter += 1;
  return db.merchant.create({
    data: {
      slug: `eta-shop-${counter}-${Date.now()}`,
      name: "Prairie Goods",
      timeZone: options.timeZone ?? CHICAGO,
      handlingDays: 1,
      cutoffHour: 14,
      originRegion: "IL",
      originCountry: "US",
    },
    select: { id: true },
  });
}

/** Ordered the business day before hand-off at 09:00, handed over 16:00, delivered 3 business days later at 15:00. */
const STEADY_WEEKS = [
  { ordered: "2027-02-19", shipped: "2027-02-22", scans: ["2027-02-23", "2027-02-24"], delivered: "2027-02-25" },
  { ordered: "2027-02-22", shipped: "2027-02-23", scans: ["2027-02-24", "2027-02-25"], delivered: "2027-02-26" },
  { ordered: "2027-02-23", shipped: "2027-02-24", scans: ["2027-02-25", "2027-02-26"], delivered: "2027-03-01" },
  { ordered: "2027-02-26", shipped: "2027-03-01", scans: ["2027-03-02", "2027-03-03"], delivered: "2027-03-04" },
  { ordered: "2027-03-01", shipped: "2027-03-02", scans: ["2027-03-03", "2027-03-04"], delivered: "2027-03-05" },
  { ordered: "2027-03-02", shipped: "2027-03-03", scans: ["2027-03-04", "2027-03-05"], delivered: "2027-03-08" },
];

/** `count` deliveries IL → `region` by UPS Ground: handling index 1, transit 3, total 4, longest silence 1. */
export function steadyHistory(count: number, region = "TX"): CompletedDelivery[] {
  return Array.from({ length: count }, (_, index) => {
    const week = STEADY_WEEKS[index % STEADY_WEEKS.length]!;
    return {
      orderedAt: at(week.ordered, "09:00"),
      shippedAt: at(week.shipped, "16:00"),
      deliveredAt: at(week.delivered, "15:00"),
      route: {
        origin: { country: "US", region: "IL", timeZone: CHICAGO },
        destination: { country: "US", region, timeZone: CHICAGO },
        carrier: "ups",
        service: "Ground",
      },
      merchant: { handlingDays: 1, cutoff: "14:00" },
      scanTimes: week.scans.map((day) => at(day, "04:00")),
    };
  });
}

export async function seedHistory(merchantId: string, deliveries: CompletedDelivery[]) {
  await db.$transaction((tx) => recordDeliveryHistory(tx, merchantId, deliveries, at("2027-03-08", "06:00")));
}

/** An order to Austin, TX (shopper in Chicago time unless told) with one UPS Ground parcel. */
export async function orderTo(
  merchantId: string,
  placedAt: Date,
  options: { region?: string; shopperTimeZone?: string; tracking?: string; promisedBy?: string } = {},
) {
  counter += 1;
  const order = await createOrder(
    merchantId,
    {
      orderNumber: `PG-${counter}`,
      placedAt: placedAt.toISOString(),
      promisedBy: options.promisedBy,
      shopper: { email: "shopper@example.com", timeZone: options.shopperTimeZone ?? CHICAGO },
      destination: { city: "Austin", region: options.region ?? "TX", postalCode: "78701", country: "US" },
      shipments: [{ carrier: "ups", service: "Ground", trackingNumber: options.tracking ?? `1ZETA${counter}X${Date.now() % 100_000}` }],
    },
    placedAt,
  );
  return { order, shipment: order.shipments[0]! };
}

export function scan(status: ShipmentStatus, occurredAt: Date, description = `scan ${status}`) {
  return {
    status,
    detailCode: null,
    rawStatus: status.toLowerCase(),
    description,
    location: { city: "Dallas", region: "TX", postalCode: null, country: "US" },
    occurredAt,
    utcOffsetMinutes: null,
    providerEventId: null,
  };
}

/** Ingests events through the real path (ingestUpdates → afterIngest), received five minutes after the last. */
export async function ingest(
  merchantId: string,
  trackingNumber: string,
  events: ReturnType<typeof scan>[],
  extra: Partial<Pick<NormalizedUpdate, "carrierEstimate" | "orderNumber">> = {},
) {
  const now = new Date(Math.max(...events.map((event) => event.occurredAt.getTime())) + 5 * 60_000);
  const update: NormalizedUpdate = {
    carrier: "ups",
    trackingNumber,
    service: null,
    status: events.at(-1)!.status,
    detailCode: null,
    carrierEstimate: extra.carrierEstimate ?? null,
    orderNumber: extra.orderNumber ?? null,
    carrierUrl: null,
    events,
  };
  return ingestUpdates([update], { merchantId, source: "test", deliveryId: null, now });
}

const day = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : null);

/** The stored window as the page reads it. */
export async function windowOf(shipmentId: string) {
  const row = await db.shipment.findUniqueOrThrow({
    where: { id: shipmentId },
    select: { etaEarliest: true, etaLatest: true, etaStage: true, etaFlag: true, etaReason: true, etaConfidence: true, etaComputedAt: true, promisedLatest: true },
  });
  return {
    earliest: day(row.etaEarliest),
    latest: day(row.etaLatest),
    stage: row.etaStage,
    flags: row.etaFlag ? row.etaFlag.split(",") : [],
    reason: row.etaReason,
    confidence: row.etaConfidence,
    computedAt: row.etaComputedAt,
    promisedLatest: day(row.promisedLatest),
  };
}

export async function delaysOf(shipmentId: string) {
  const rows = await db.delay.findMany({ where: { shipmentId }, orderBy: { createdAt: "asc" } });
  return rows.map((row) => ({
    previous: [day(row.previousEarliest), day(row.previousLatest)],
    next: [day(row.newEarliest), day(row.newLatest)],
    reason: row.reason,
    createdAt: row.createdAt,
  }));
}
