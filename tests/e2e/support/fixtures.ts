/**
 * Orders of the demo merchant in every state the tracking page must get right, created for one spec file
 * and owned by it: other specs post events to the seeded demo orders (alerts delivers NW-1007, the
 * console rebrands), so the tracking specs never rely on the seeded ones keeping their state.
 * Written with SQL in the shape ingestion and lib/estimates leave them (events, status fields, eta
 * fields, a Delay row), with the shopper's street, email and phone filled in for the privacy checks.
 */
import { randomBytes, randomInt } from "node:crypto";
import type pg from "pg";
import type { ReasonFacts } from "../../../lib/estimates/reason";
import { withDatabase } from "./tracking";

interface Scan {
  hoursAgo: number;
  status: string;
  detail?: string;
  description: string;
  city: string;
  region: string;
  /** Minutes east of UTC; null when the carrier gave none (the page then uses the shopper's zone). */
  offset: number | null;
}

interface Parcel {
  carrier: string;
  service: string;
  scans: Scan[];
  /** Days from the shopper's local today. */
  /** `facts`: what the reason was built from (Shipment.etaReasonFacts), for the page's own language. */
  estimate?: { earliest: number; latest: number; flag?: string; reason: string; facts?: ReasonFacts };
  delay?: { previous: [number, number]; next: [number, number]; reason: string };
}

interface Spec {
  shopper: { name: string; email: string; phone: string; timeZone: string };
  destination: { street: string; city: string; region: string; postalCode: string };
  parcels: Parcel[];
}

const WEST = -480;
const MOUNTAIN = -420;
const CENTRAL = -360;
const EAST = -300;
const label = (hoursAgo: number): Scan => ({ hoursAgo, status: "INFO_RECEIVED", description: "Shipping label created, awaiting carrier pickup", city: "Portland", region: "OR", offset: WEST });
const pickup = (hoursAgo: number): Scan => ({ hoursAgo, status: "IN_TRANSIT", detail: "picked_up", description: "Picked up by carrier", city: "Portland", region: "OR", offset: WEST });
const shopper = (name: string, zone: string) => ({
  name,
  email: `${name.split(" ")[0]!.toLowerCase()}.e2e@example.com`,
  phone: `+1503555${randomInt(1000, 9999)}`,
  timeZone: zone,
});

/** The in-transit parcel's reason facts, as lib/estimates stores them (the page words them per language). */
export const IN_TRANSIT_REASON: ReasonFacts = {
  basis: { level: "lane-carrier", label: "OR→IL by usps/priority_mail", deliveries: 38.4 },
  holidays: 0,
  flags: [],
  carrierWeight: 0.3,
};

export const FIXTURES = {
  "label-created": {
    shopper: shopper("Avery Chen", "America/Los_Angeles"),
    destination: { street: "12 Pine Street", city: "Seattle", region: "WA", postalCode: "98101" },
    parcels: [{ carrier: "ups", service: "Ground", scans: [label(5)] }],
  },
  "in-transit": {
    shopper: shopper("Jordan Diaz", "America/Chicago"),
    destination: { street: "400 Lake Shore Drive", city: "Chicago", region: "IL", postalCode: "60601" },
    parcels: [
      {
        carrier: "usps",
        service: "Priority Mail",
        scans: [
          label(54),
          pickup(50),
          { hoursAgo: 40, status: "IN_TRANSIT", detail: "departed_facility", description: "Departed USPS regional facility", city: "Portland", region: "OR", offset: WEST },
          { hoursAgo: 20, status: "IN_TRANSIT", detail: "arrived_at_facility", description: "Arrived at USPS regional facility", city: "Denver", region: "CO", offset: MOUNTAIN },
          { hoursAgo: 6, status: "IN_TRANSIT", detail: "in_transit", description: "In transit to next facility", city: "Omaha", region: "NE", offset: null },
        ],
        estimate: { earliest: 1, latest: 3, reason: "Based on 38 recent OR→IL deliveries by usps/priority_mail", facts: IN_TRANSIT_REASON },
      },
    ],
  },
  "out-for-delivery": {
    shopper: shopper("Sam Okafor", "America/Denver"),
    destination: { street: "1600 Glenarm Place", city: "Denver", region: "CO", postalCode: "80202" },
    parcels: [
      {
        carrier: "fedex",
        service: "Home Delivery",
        scans: [
          label(70),
          pickup(66),
          { hoursAgo: 30, status: "IN_TRANSIT", detail: "arrived_at_facility", description: "Arrived at FedEx location", city: "Salt Lake City", region: "UT", offset: MOUNTAIN },
          { hoursAgo: 2, status: "OUT_FOR_DELIVERY", detail: "out_for_delivery", description: "On FedEx vehicle for delivery", city: "Denver", region: "CO", offset: MOUNTAIN },
        ],
        estimate: { earliest: 0, latest: 0, reason: "On the delivery vehicle" },
      },
    ],
  },
  delivered: {
    shopper: shopper("Riley Park", "America/Los_Angeles"),
    destination: { street: "55 Mission Street", city: "San Francisco", region: "CA", postalCode: "94103" },
    parcels: [
      {
        carrier: "ups",
        service: "Ground",
        scans: [
          label(100),
          pickup(96),
          { hoursAgo: 31, status: "OUT_FOR_DELIVERY", detail: "out_for_delivery", description: "Out for delivery", city: "San Francisco", region: "CA", offset: WEST },
          { hoursAgo: 26, status: "DELIVERED", detail: "delivered", description: "Delivered, front door", city: "San Francisco", region: "CA", offset: WEST },
        ],
      },
    ],
  },
  exception: {
    shopper: shopper("Morgan Blake", "America/New_York"),
    destination: { street: "1 Beacon Street", city: "Boston", region: "MA", postalCode: "02108" },
    parcels: [
      {
        carrier: "fedex",
        service: "Ground",
        scans: [
          label(80),
          pickup(76),
          { hoursAgo: 50, status: "IN_TRANSIT", detail: "arrived_at_facility", description: "Arrived at FedEx hub", city: "Memphis", region: "TN", offset: CENTRAL },
          { hoursAgo: 12, status: "EXCEPTION", detail: "weather_delay", description: "Delay due to severe weather in the area", city: "Hartford", region: "CT", offset: EAST },
        ],
        estimate: { earliest: 2, latest: 5, flag: "exception", reason: "Carrier reported a problem; window widened" },
      },
    ],
  },
  "multi-parcel": {
    shopper: shopper("Casey Nguyen", "America/Los_Angeles"),
    destination: { street: "900 Broadway", city: "Tacoma", region: "WA", postalCode: "98402" },
    parcels: [
      {
        carrier: "ups",
        service: "Ground",
        scans: [
          label(75),
          pickup(72),
          { hoursAgo: 30, status: "OUT_FOR_DELIVERY", detail: "out_for_delivery", description: "Out for delivery", city: "Tacoma", region: "WA", offset: WEST },
          { hoursAgo: 25, status: "DELIVERED", detail: "delivered", description: "Delivered to mailroom", city: "Tacoma", region: "WA", offset: WEST },
        ],
      },
      {
        carrier: "usps",
        service: "Ground Advantage",
        scans: [
          label(74),
          pickup(70),
          { hoursAgo: 18, status: "IN_TRANSIT", detail: "arrived_at_facility", description: "Arrived at USPS facility", city: "Seattle", region: "WA", offset: WEST },
        ],
        estimate: { earliest: 1, latest: 2, reason: "Based on 21 recent USPS deliveries to WA" },
      },
    ],
  },
  delayed: {
    shopper: shopper("Dana Whitfield", "America/Chicago"),
    destination: { street: "301 Congress Avenue", city: "Austin", region: "TX", postalCode: "78701" },
    parcels: [
      {
        carrier: "fedex",
        service: "Ground",
        scans: [
          label(150),
          pickup(146),
          { hoursAgo: 120, status: "IN_TRANSIT", detail: "arrived_at_facility", description: "Arrived at FedEx hub", city: "Salt Lake City", region: "UT", offset: MOUNTAIN },
          { hoursAgo: 96, status: "IN_TRANSIT", detail: "departed_facility", description: "Departed FedEx hub", city: "Salt Lake City", region: "UT", offset: MOUNTAIN },
          { hoursAgo: 70, status: "IN_TRANSIT", detail: "arrived_at_facility", description: "Arrived at FedEx hub", city: "Denver", region: "CO", offset: MOUNTAIN },
          { hoursAgo: 40, status: "IN_TRANSIT", detail: "delayed", description: "Delay: package volume higher than usual at this facility", city: "Oklahoma City", region: "OK", offset: CENTRAL },
          { hoursAgo: 8, status: "IN_TRANSIT", detail: "departed_facility", description: "Departed FedEx facility", city: "Oklahoma City", region: "OK", offset: CENTRAL },
        ],
        estimate: { earliest: 1, latest: 3, flag: "running_late", reason: "Running late: slower than every recent delivery like it; based on 14 recent deliveries to TX" },
        delay: { previous: [-2, -1], next: [1, 3], reason: "Held up at the Oklahoma City facility" },
      },
    ],
  },
  attempted: {
    shopper: shopper("Eli Romero", "America/Phoenix"),
    destination: { street: "200 West Washington Street", city: "Phoenix", region: "AZ", postalCode: "85004" },
    parcels: [
      {
        carrier: "ups",
        service: "Ground",
        scans: [
          label(80),
          pickup(76),
          { hoursAgo: 30, status: "OUT_FOR_DELIVERY", detail: "out_for_delivery", description: "Out for delivery", city: "Phoenix", region: "AZ", offset: MOUNTAIN },
          { hoursAgo: 22, status: "DELIVERY_ATTEMPTED", detail: "notice_left", description: "Delivery attempted: no one available, notice left", city: "Phoenix", region: "AZ", offset: MOUNTAIN },
        ],
        estimate: { earliest: 1, latest: 1, reason: "The carrier tries again the next business day" },
      },
    ],
  },
  pickup: {
    shopper: shopper("Harper Lee", "America/Los_Angeles"),
    destination: { street: "125 East 8th Avenue", city: "Eugene", region: "OR", postalCode: "97401" },
    parcels: [
      {
        carrier: "usps",
        service: "Ground Advantage",
        scans: [
          label(60),
          pickup(56),
          { hoursAgo: 20, status: "AVAILABLE_FOR_PICKUP", detail: "pickup_available", description: "Available for pickup at the Eugene Post Office", city: "Eugene", region: "OR", offset: WEST },
        ],
      },
    ],
  },
  returned: {
    shopper: shopper("Quinn Adebayo", "America/New_York"),
    destination: { street: "55 Trinity Avenue", city: "Atlanta", region: "GA", postalCode: "30303" },
    parcels: [
      {
        carrier: "ups",
        service: "Ground",
        scans: [
          label(200),
          pickup(196),
          { hoursAgo: 120, status: "DELIVERY_ATTEMPTED", detail: "notice_left", description: "Delivery attempted", city: "Atlanta", region: "GA", offset: EAST },
          { hoursAgo: 30, status: "RETURNED_TO_SENDER", detail: "return_to_sender", description: "Returning to sender: not claimed", city: "Atlanta", region: "GA", offset: EAST },
        ],
      },
    ],
  },
} satisfies Record<string, Spec>;

export type State = keyof typeof FIXTURES;
export const STATE_NAMES = Object.keys(FIXTURES) as State[];

export interface Fixture {
  state: State;
  orderNumber: string;
  email: string;
  postalCode: string;
  parcels: { token: string; carrier: string; trackingNumber: string }[];
}

const id = () => `e2e${randomBytes(11).toString("hex")}`;

/** Fresh numbers in each carrier's own shape (they show on screenshots). */
function trackingNumberFor(carrier: string): string {
  const digits = (count: number) => Array.from({ length: count }, () => randomInt(0, 10)).join("");
  if (carrier === "ups") return `1Z999AA1${digits(10)}`;
  if (carrier === "usps") return `9400111899${digits(12)}`;
  return digits(12);
}
const MOVING = new Set(["IN_TRANSIT", "OUT_FOR_DELIVERY", "DELIVERED", "AVAILABLE_FOR_PICKUP", "DELIVERY_ATTEMPTED", "EXCEPTION", "RETURNED_TO_SENDER"]);

function localDay(now: Date, zone: string, plusDays: number): string {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
  const day = new Date(`${today}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + plusDays);
  return day.toISOString().slice(0, 10);
}

async function insert(client: pg.Client, merchantId: string, state: State, now: Date): Promise<Fixture> {
  const spec: Spec = FIXTURES[state];
  const orderId = id();
  const orderNumber = `NW-${randomInt(20_000, 99_999)}`;
  const firstScan = Math.max(...spec.parcels.flatMap((parcel) => parcel.scans.map((scan) => scan.hoursAgo)));
  const at = (hoursAgo: number) => new Date(Math.floor((now.getTime() - hoursAgo * 3_600_000) / 60_000) * 60_000);
  await client.query(
    `INSERT INTO "Order" ("id", "merchantId", "orderNumber", "shopperName", "shopperEmail", "shopperPhone", "destStreet", "destCity",
       "destRegion", "destPostalCode", "destCountry", "shopperTimeZone", "placedAt", "createdAt", "updatedAt")
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'US', $11, $12, $13, $13)`,
    [orderId, merchantId, orderNumber, spec.shopper.name, spec.shopper.email, spec.shopper.phone, spec.destination.street,
      spec.destination.city, spec.destination.region, spec.destination.postalCode, spec.shopper.timeZone, at(firstScan + 20), now],
  );
  const parcels: Fixture["parcels"] = [];
  for (const [index, parcel] of spec.parcels.entries()) {
    const shipmentId = id();
    const token = randomBytes(18).toString("base64url");
    const trackingNumber = trackingNumberFor(parcel.carrier);
    const last = parcel.scans.at(-1)!;
    const moving = parcel.scans.filter((scan) => MOVING.has(scan.status));
    const days = (plus: number) => localDay(now, spec.shopper.timeZone, plus);
    await client.query(
      `INSERT INTO "Shipment" ("id", "merchantId", "orderId", "carrier", "service", "trackingNumber", "token", "status", "statusDetail",
         "statusAt", "lastEventAt", "shippedAt", "deliveredAt", "etaEarliest", "etaLatest", "etaConfidence", "etaStage", "etaReason",
         "etaFlag", "etaComputedAt", "promisedLatest", "createdAt", "updatedAt", "etaReasonFacts")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::"ShipmentStatus", $9, $10, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $19, $22::jsonb)`,
      [shipmentId, merchantId, orderId, parcel.carrier, parcel.service, trackingNumber, token, last.status, last.detail ?? null, at(last.hoursAgo),
        moving[0] ? at(moving[0].hoursAgo) : null, last.status === "DELIVERED" ? at(last.hoursAgo) : null,
        parcel.estimate ? days(parcel.estimate.earliest) : null, parcel.estimate ? days(parcel.estimate.latest) : null,
        parcel.estimate ? 0.8 : null, parcel.estimate ? "in_transit" : null, parcel.estimate?.reason ?? null, parcel.estimate?.flag ?? null,
        now, parcel.delay ? days(parcel.delay.previous[1]) : null, new Date(now.getTime() + index),
        parcel.estimate?.facts ? JSON.stringify(parcel.estimate.facts) : null],
    );
    for (const [position, scan] of parcel.scans.entries()) {
      await client.query(
        `INSERT INTO "TrackingEvent" ("id", "shipmentId", "status", "detailCode", "rawStatus", "description", "city", "region", "country",
           "occurredAt", "utcOffsetMinutes", "dedupeKey", "source", "createdAt")
         VALUES ($1, $2, $3::"ShipmentStatus", $4, $5, $6, $7, $8, 'US', $9, $10, $11, 'e2e', $12)`,
        [id(), shipmentId, scan.status, scan.detail ?? null, scan.detail ?? scan.status.toLowerCase(), scan.description, scan.city, scan.region,
          at(scan.hoursAgo), scan.offset, `e2e-${position}`, now],
      );
    }
    if (parcel.delay) {
      await client.query(
        `INSERT INTO "Delay" ("id", "shipmentId", "previousEarliest", "previousLatest", "newEarliest", "newLatest", "reason", "createdAt")
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [id(), shipmentId, days(parcel.delay.previous[0]), days(parcel.delay.previous[1]), days(parcel.delay.next[0]), days(parcel.delay.next[1]), parcel.delay.reason, now],
      );
    }
    parcels.push({ token, carrier: parcel.carrier, trackingNumber });
  }
  return { state, orderNumber, email: spec.shopper.email, postalCode: spec.destination.postalCode, parcels };
}

/** One fresh order per state for the calling spec file. */
export async function createFixtures(): Promise<Record<State, Fixture>> {
  return withDatabase(async (client) => {
    const merchant = await client.query(`SELECT "id" FROM "Merchant" WHERE "slug" = 'northwind'`);
    const merchantId = merchant.rows[0].id as string;
    const now = new Date();
    const fixtures = {} as Record<State, Fixture>;
    for (const state of STATE_NAMES) fixtures[state] = await insert(client, merchantId, state, now);
    return fixtures;
  });
}

export function pathOf(fixture: Fixture, lang?: string, parcel = 0): string {
  return `/t/${fixture.parcels[parcel]!.token}${lang ? `?lang=${lang}` : ""}`;
}
