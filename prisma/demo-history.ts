/**
 * A believable delivery history for the demo merchant (Portland, OR → the demo's destinations by UPS,
 * USPS and FedEx), so the demo's windows rest on lane statistics rather than the no-history prior.
 * Deterministic for a given `now` (a seeded generator, days counted back from it); every delivery lands
 * well before the demo's oldest order (about nine days back), so none is estimated from later ones.
 */
import { TZDate } from "@date-fns/tz";
import type { CompletedDelivery, Place } from "../lib/estimates";

const ORIGIN: Place = { country: "US", region: "OR", timeZone: "America/Los_Angeles" };
const POLICY = { handlingDays: 1, cutoff: "14:00" };

/** Destination, its zone, its share of orders and its usual transit in business days [fastest, slowest]. */
const DESTINATIONS: { region: string; timeZone: string; weight: number; transit: [number, number] }[] = [
  { region: "WA", timeZone: "America/Los_Angeles", weight: 18, transit: [1, 3] },
  { region: "OR", timeZone: "America/Los_Angeles", weight: 9, transit: [1, 2] },
  { region: "CA", timeZone: "America/Los_Angeles", weight: 16, transit: [2, 3] },
  { region: "AZ", timeZone: "America/Phoenix", weight: 8, transit: [2, 4] },
  { region: "CO", timeZone: "America/Denver", weight: 9, transit: [2, 4] },
  { region: "TX", timeZone: "America/Chicago", weight: 14, transit: [3, 5] },
  { region: "IL", timeZone: "America/Chicago", weight: 10, transit: [3, 5] },
  { region: "GA", timeZone: "America/New_York", weight: 8, transit: [4, 6] },
  { region: "MA", timeZone: "America/New_York", weight: 8, transit: [4, 6] },
];

/** The services the demo orders use; Priority Mail runs a day faster. */
const SERVICES: { carrier: string; service: string; weight: number; faster: number }[] = [
  { carrier: "ups", service: "Ground", weight: 35 },
  { carrier: "fedex", service: "Ground", weight: 20 },
  { carrier: "fedex", service: "Home Delivery", weight: 15 },
  { carrier: "usps", service: "Priority Mail", weight: 15, faster: 1 },
  { carrier: "usps", service: "Ground Advantage", weight: 15 },
].map((entry) => ({ faster: 0, ...entry }));

/** mulberry32: small, fast, and the same sequence everywhere. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function pick<T extends { weight: number }>(items: readonly T[], roll: number): T {
  const total = items.reduce((sum, item) => sum + item.weight, 0);
  let left = roll * total;
  for (const item of items) {
    left -= item.weight;
    if (left < 0) return item;
  }
  return items.at(-1)!;
}

const between = (next: () => number, lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));

/** A wall-clock time `days` calendar days before `now`'s date in `zone`. */
function localTime(now: Date, zone: string, daysBack: number, hour: number, minute: number): Date {
  const today = new TZDate(now.getTime(), zone);
  return new Date(new TZDate(today.getFullYear(), today.getMonth(), today.getDate() - daysBack, hour, minute, 0, zone).getTime());
}

function isWeekend(instant: Date, zone: string): boolean {
  const day = new TZDate(instant.getTime(), zone).getDay();
  return day === 0 || day === 6;
}

/** `n` weekdays after the instant's local day, at a given local time. */
function weekdaysLater(from: Date, n: number, zone: string, hour: number, minute: number): Date {
  const start = new TZDate(from.getTime(), zone);
  let offset = 0;
  for (let left = n; left > 0; ) {
    offset += 1;
    const day = new TZDate(start.getFullYear(), start.getMonth(), start.getDate() + offset, 12, 0, 0, zone);
    if (!isWeekend(day, zone)) left -= 1;
  }
  return new Date(new TZDate(start.getFullYear(), start.getMonth(), start.getDate() + offset, hour, minute, 0, zone).getTime());
}

export function demoDeliveryHistory(now: Date, count = 240): CompletedDelivery[] {
  const next = random(20_261_007);
  const deliveries: CompletedDelivery[] = [];
  for (let i = 0; i < count; i += 1) {
    const destination = pick(DESTINATIONS, next());
    const service = pick(SERVICES, next());
    const orderedAt = localTime(now, ORIGIN.timeZone, between(next, 30, 130), between(next, 7, 21), between(next, 0, 59));
    // Handed over one business day after the handling day starts (two, now and then).
    const afterCutoff = new TZDate(orderedAt.getTime(), ORIGIN.timeZone).getHours() >= 14 || isWeekend(orderedAt, ORIGIN.timeZone);
    const handling = (afterCutoff ? 2 : 1) + (next() < 0.1 ? 1 : 0);
    const shippedAt = weekdaysLater(orderedAt, handling, ORIGIN.timeZone, between(next, 15, 17), between(next, 0, 59));
    // Transit within the lane's usual range, with a slow tail (weather, volume) one time in twelve.
    const [fastest, slowest] = destination.transit;
    const tail = next() < 1 / 12 ? between(next, 1, 3) : 0;
    const transit = Math.max(1, between(next, fastest, slowest) - service.faster + tail);
    const deliveredAt = weekdaysLater(shippedAt, transit, destination.timeZone, between(next, 10, 19), between(next, 0, 59));
    // One scan each business day on the way, except where a hub sat on it for a day or two.
    const scanTimes: Date[] = [];
    for (let day = 1; day < transit; day += 1) {
      if (next() < 0.12) continue;
      scanTimes.push(weekdaysLater(shippedAt, day, destination.timeZone, between(next, 1, 6), between(next, 0, 59)));
    }
    deliveries.push({
      orderedAt,
      shippedAt,
      deliveredAt,
      route: {
        origin: ORIGIN,
        destination: { country: "US", region: destination.region, timeZone: destination.timeZone },
        carrier: service.carrier,
        service: service.service,
      },
      merchant: POLICY,
      scanTimes,
    });
  }
  return deliveries;
}
