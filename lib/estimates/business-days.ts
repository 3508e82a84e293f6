/**
 * Business-day arithmetic on local day numbers: weekends and public holidays of one place.
 *
 * Transit times are learned and predicted as business-day *indexes* from a base day, with one
 * convention used everywhere so learning and predicting agree exactly:
 *   index(base, d) = number of business days in (B, next business day on or after d], where B is the
 *   first business day on or after `base` (0 when d ≤ B);
 *   dayAt(base, k) = the k-th business day after B (B itself for k = 0).
 * Then "delivered on or before dayAt(base, k)" ⇔ "index(base, delivered) ≤ k", even for parcels that
 * arrive on a Saturday or a holiday, which is what makes an on-time promise read off a histogram honest.
 */
import { holidayCalendar, type HolidayCalendar, type HolidayType } from "./holidays";
import { localClockOf, parseClock } from "./local-date";
import type { MerchantPolicy, Place } from "./types";

/** Countries whose weekend is Friday + Saturday (0 = Sunday … 6 = Saturday); everyone else: Saturday + Sunday. */
const WEEKENDS: Record<string, readonly number[]> = {
  SA: [5, 6],
  IL: [5, 6],
  EG: [5, 6],
  QA: [5, 6],
  KW: [5, 6],
  BH: [5, 6],
  OM: [5, 6],
  JO: [5, 6],
};
const DEFAULT_WEEKEND: readonly number[] = [0, 6];

export interface BusinessCalendar {
  readonly key: string;
  isBusinessDay(day: number): boolean;
  /** The public holiday on that day, or null (weekends are not reported as holidays). */
  holidayOn(day: number): string | null;
}

export interface CalendarOptions {
  holidayTypes: readonly HolidayType[];
  /**
   * Per country (ISO code), the holiday types that stop deliveries there instead of `holidayTypes`.
   * Optional for stored settings written before it existed.
   */
  holidayTypesByCountry?: Readonly<Record<string, readonly HolidayType[]>>;
  /** Countries (ISO codes) whose subdivision (state) holidays stop deliveries as well as the national ones. */
  regionalHolidays: readonly string[];
}

/**
 * Brazil's Correios close on state holidays, so a parcel to RJ waits out São Jorge; US carriers follow
 * the federal calendar only (USPS delivers on Lincoln's Birthday in New York), so the US stays national.
 */
export const DEFAULT_CALENDAR_OPTIONS: CalendarOptions = {
  holidayTypes: ["public"],
  regionalHolidays: ["BR"],
  // date-holidays files Carnival Monday/Tuesday and Corpus Christi under "bank" in Brazil; hardly a
  // parcel is delivered on them (0–4 a day in the Olist history against ~150 on the days around).
  holidayTypesByCountry: { BR: ["public", "bank"] },
};

const calendars = new Map<string, BusinessCalendar>();

export function businessCalendar(place: Pick<Place, "country" | "region">, options: CalendarOptions = DEFAULT_CALENDAR_OPTIONS): BusinessCalendar {
  const holidays = holidayCalendar({
    country: place.country,
    region: options.regionalHolidays.includes(place.country.toUpperCase()) ? place.region : null,
    types: options.holidayTypesByCountry?.[place.country.toUpperCase()] ?? options.holidayTypes,
  });
  const cached = calendars.get(holidays.key);
  if (cached) return cached;
  const calendar = fromHolidays(holidays, WEEKENDS[place.country.toUpperCase()] ?? DEFAULT_WEEKEND);
  calendars.set(holidays.key, calendar);
  return calendar;
}

function fromHolidays(holidays: HolidayCalendar, weekend: readonly number[]): BusinessCalendar {
  const off = new Set(weekend);
  const memo = new Map<number, boolean>();
  return {
    key: holidays.key,
    holidayOn: (day) => holidays.holidayOn(day),
    isBusinessDay(day) {
      let open = memo.get(day);
      if (open === undefined) {
        const weekday = (((day + 4) % 7) + 7) % 7;
        open = !off.has(weekday) && holidays.holidayOn(day) === null;
        memo.set(day, open);
      }
      return open;
    },
  };
}

/** A guard against calendars with no business days at all (a bad custom weekend): ~3 months. */
const MAX_SCAN = 100;

/**
 * The longest span any of the walks below will take, in days (~10 years). Inputs are bounded at the door
 * (lib/validation/date-window.ts), but these loops call the holiday calendar per day, and a span to year
 * 9999 once kept a request busy for seconds and the memo growing: past the cap an index saturates and a
 * day count stops, rather than walking on. No estimate we make reaches that far.
 */
export const MAX_SPAN_DAYS = 3660;

/** A count of days to walk, never past MAX_SPAN_DAYS (NaN and negatives walk none). */
export function boundedSteps(n: number): number {
  return n > 0 ? Math.min(n, MAX_SPAN_DAYS) : 0;
}

/** The first business day on or after `day`. */
export function rollForward(day: number, calendar: BusinessCalendar): number {
  for (let d = day, i = 0; i < MAX_SCAN; d += 1, i += 1) if (calendar.isBusinessDay(d)) return d;
  return day;
}

/** The k-th business day after the first business day on or after `base` (k ≥ 0). */
export function dayAt(base: number, k: number, calendar: BusinessCalendar): number {
  let day = rollForward(base, calendar);
  const stop = day + MAX_SPAN_DAYS;
  for (let left = boundedSteps(k); left > 0 && day < stop; ) {
    day += 1;
    if (calendar.isBusinessDay(day)) left -= 1;
  }
  return day;
}

/** Business-day index of `day` counted from `base` (see the module comment); 0 when not after base. */
export function indexOf(base: number, day: number, calendar: BusinessCalendar): number {
  const start = rollForward(base, calendar);
  const end = Math.min(rollForward(day, calendar), start + MAX_SPAN_DAYS);
  let count = 0;
  for (let d = start + 1; d <= end; d += 1) if (calendar.isBusinessDay(d)) count += 1;
  return count;
}

/** `n` business days after `day`, counting only business days (Friday + 1 = Monday, Saturday + 1 = Monday). */
export function addBusinessDays(day: number, n: number, calendar: BusinessCalendar): number {
  if (n <= 0) return day;
  let current = day;
  const stop = day + MAX_SPAN_DAYS;
  for (let left = boundedSteps(n); left > 0 && current < stop; ) {
    current += 1;
    if (calendar.isBusinessDay(current)) left -= 1;
  }
  return current;
}

/** Holidays falling on days that would otherwise be working days, in (from, to]. */
export function holidaysBetween(from: number, to: number, calendar: BusinessCalendar): { day: number; name: string }[] {
  const found: { day: number; name: string }[] = [];
  const end = Math.min(to, from + MAX_SPAN_DAYS);
  for (let d = from + 1; d <= end; d += 1) {
    const name = calendar.holidayOn(d);
    if (name === null) continue;
    const weekday = (((d + 4) % 7) + 7) % 7;
    if (weekday !== 0 && weekday !== 6) found.push({ day: d, name });
  }
  return found;
}

/**
 * The origin-local business day an order starts being handled: the order day if it came in before the
 * cutoff on a business day, otherwise the next business day. Time zone: the origin's (the merchant's
 * warehouse), because that is whose clock the cutoff is on.
 */
export function handlingStartDay(orderedAt: Date, policy: MerchantPolicy, origin: Place, calendar: BusinessCalendar): number {
  const { day, minutes } = localClockOf(orderedAt, origin.timeZone);
  const afterCutoff = minutes >= parseClock(policy.cutoff);
  if (!afterCutoff && calendar.isBusinessDay(day)) return day;
  return rollForward(day + 1, calendar);
}

/** The origin-local business day the merchant promises to hand the parcel over. */
export function expectedShipDay(orderedAt: Date, policy: MerchantPolicy, origin: Place, calendar: BusinessCalendar): number {
  return addBusinessDays(handlingStartDay(orderedAt, policy, origin, calendar), policy.handlingDays, calendar);
}
