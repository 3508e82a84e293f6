/**
 * Public-holiday lookup per country (and subdivision) from date-holidays, by local day number.
 * date-holidays is slow per call, so each (place, year) is expanded once into a Map and cached:
 * the cache holds facts about the calendar, never the current time, so the functions stay pure.
 */
import Holidays from "date-holidays";
import { dayNumberOf, yearOf } from "./local-date";

export type HolidayType = "public" | "bank" | "optional" | "school" | "observance";

export interface HolidaySpec {
  country: string;
  /** Subdivision (state) code; ignored when null or when date-holidays does not know it. */
  region: string | null;
  /** Which date-holidays types stop deliveries. Carriers generally stop only on "public" ones. */
  types: readonly HolidayType[];
}

export interface HolidayCalendar {
  readonly key: string;
  /** The holiday's name on that local day, or null. Weekends are not holidays here. */
  holidayOn(day: number): string | null;
}

const calendars = new Map<string, HolidayCalendar>();

export function holidayKey(spec: HolidaySpec): string {
  return `${spec.country.toUpperCase()}|${spec.region?.toUpperCase() ?? ""}|${[...spec.types].sort().join("+")}`;
}

export function holidayCalendar(spec: HolidaySpec): HolidayCalendar {
  const key = holidayKey(spec);
  const cached = calendars.get(key);
  if (cached) return cached;
  const calendar = buildCalendar(spec, key);
  calendars.set(key, calendar);
  return calendar;
}

function buildCalendar(spec: HolidaySpec, key: string): HolidayCalendar {
  const country = spec.country.toUpperCase();
  const region = spec.region?.toUpperCase() ?? null;
  const known = region !== null && knownRegion(country, region);
  const source = known && region ? new Holidays(country, region) : new Holidays(country);
  const types = new Set<string>(spec.types);
  const years = new Map<number, Map<number, string>>();

  function year(y: number): Map<number, string> {
    let days = years.get(y);
    if (days) return days;
    days = new Map();
    for (const holiday of source.getHolidays(y)) {
      if (!types.has(holiday.type)) continue;
      // `date` is the local start ("YYYY-MM-DD hh:mm:ss"); a few holidays span several days.
      const start = dayNumberOf(Number(holiday.date.slice(0, 4)), Number(holiday.date.slice(5, 7)), Number(holiday.date.slice(8, 10)));
      const span = Math.max(1, Math.round((holiday.end.getTime() - holiday.start.getTime()) / 86_400_000));
      for (let i = 0; i < span; i += 1) if (!days.has(start + i)) days.set(start + i, holiday.name);
    }
    years.set(y, days);
    return days;
  }

  return {
    key,
    holidayOn(day: number): string | null {
      return year(yearOf(day)).get(day) ?? null;
    },
  };
}

const regionsByCountry = new Map<string, Set<string>>();

function knownRegion(country: string, region: string): boolean {
  let regions = regionsByCountry.get(country);
  if (!regions) {
    regions = new Set(Object.keys(new Holidays().getStates(country) ?? {}).map((code) => code.toUpperCase()));
    regionsByCountry.set(country, regions);
  }
  return regions.has(region);
}
