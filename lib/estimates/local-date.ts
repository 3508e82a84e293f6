/**
 * Local calendar dates as integer day numbers (days since 1970-01-01), so business-day arithmetic is
 * integer arithmetic and never trips over daylight-saving hours. Instants become local dates only
 * through an explicit IANA time zone (@date-fns/tz); nothing here reads the clock.
 */
import { TZDate } from "@date-fns/tz";
import type { LocalDate } from "./types";

const MS_PER_DAY = 86_400_000;
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLocalDate(value: string): boolean {
  const match = LOCAL_DATE.exec(value);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const day = Date.UTC(y, m - 1, d);
  const back = new Date(day);
  return back.getUTCFullYear() === y && back.getUTCMonth() === m - 1 && back.getUTCDate() === d;
}

/** "2018-04-21" → day number. Throws on anything that is not a real calendar date. */
export function toDayNumber(date: LocalDate): number {
  if (!isLocalDate(date)) throw new RangeError(`not a local date (YYYY-MM-DD): "${date}"`);
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / MS_PER_DAY;
}

export function dayNumberOf(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

/** Every estimate formats a handful of dates; the same few thousand days come back again and again. */
const formatted = new Map<number, LocalDate>();

export function fromDayNumber(day: number): LocalDate {
  let date = formatted.get(day);
  if (date === undefined) {
    date = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
    if (formatted.size > 100_000) formatted.clear();
    formatted.set(day, date);
  }
  return date;
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

export function yearOf(day: number): number {
  return new Date(day * MS_PER_DAY).getUTCFullYear();
}

/** The local calendar day of an instant in a time zone. */
export function localDayOf(instant: Date, timeZone: string): number {
  return Math.floor(localWallMs(instant.getTime(), timeZone) / MS_PER_DAY);
}

/** The local date and minutes past local midnight of an instant, in one time-zone conversion. */
export function localClockOf(instant: Date, timeZone: string): { day: number; minutes: number } {
  const wall = localWallMs(instant.getTime(), timeZone);
  const day = Math.floor(wall / MS_PER_DAY);
  return { day, minutes: Math.floor((wall - day * MS_PER_DAY) / 60_000) };
}

/*
 * UTC offsets only change on quarter-hour boundaries (every zone in use since the 1970s), so the offset of
 * a quarter hour is remembered: a backtest converts hundreds of thousands of instants, and each TZDate
 * conversion costs ~10 µs of Intl work (it was the largest single cost of `eta:backtest`). Pure: the memo
 * only ever holds what the zone database says.
 */
const QUARTER_HOUR = 900_000;
const offsets = new Map<string, Map<number, number>>();

/** The instant's local wall-clock time, as milliseconds since 1970-01-01T00:00 of that wall clock. */
function localWallMs(ms: number, timeZone: string): number {
  return ms + offsetAt(ms, timeZone);
}

function offsetAt(ms: number, timeZone: string): number {
  let zone = offsets.get(timeZone);
  if (!zone || zone.size > 100_000) {
    zone = new Map();
    offsets.set(timeZone, zone);
  }
  const quarter = Math.floor(ms / QUARTER_HOUR);
  let offset = zone.get(quarter);
  if (offset === undefined) {
    const start = quarter * QUARTER_HOUR;
    const local = new TZDate(start, timeZone);
    const wall = Date.UTC(local.getFullYear(), local.getMonth(), local.getDate(), local.getHours(), local.getMinutes(), local.getSeconds());
    offset = wall - start;
    zone.set(quarter, offset);
  }
  return offset;
}

const THREE_HOURS = 3 * 3_600_000;

export function toLocalDate(instant: Date, timeZone: string): LocalDate {
  return fromDayNumber(localDayOf(instant, timeZone));
}

/**
 * The instant of a local wall-clock time. A time that does not exist (skipped by a daylight-saving jump)
 * moves forward by the jump, as clocks do; an ambiguous one (repeated hour) takes the first occurrence.
 */
export function instantOfLocal(day: number, minutes: number, timeZone: string, seconds = 0): Date {
  // Away from a daylight-saving change (one offset for three hours either side) the wall time maps to
  // one instant, found with the remembered offsets; near one, TZDate's rules decide.
  const wall = day * MS_PER_DAY + minutes * 60_000 + seconds * 1000;
  const offset = offsetAt(wall - offsetAt(wall, timeZone), timeZone);
  const guess = wall - offset;
  if (offsetAt(guess - THREE_HOURS, timeZone) === offset && offsetAt(guess + THREE_HOURS, timeZone) === offset) return new Date(guess);
  const date = new Date(day * MS_PER_DAY);
  const local = new TZDate(
    date.getUTCFullYear(),
    date.getUTCMonth(),
    date.getUTCDate(),
    Math.floor(minutes / 60),
    minutes % 60,
    seconds,
    timeZone,
  );
  return new Date(local.getTime());
}

/** "HH:MM" → minutes past midnight; throws on anything else so a bad merchant setting is loud. */
export function parseClock(value: string): number {
  const match = /^(\d{1,2}):(\d{2})$/.exec(value);
  const hours = match ? Number(match[1]) : NaN;
  const minutes = match ? Number(match[2]) : NaN;
  if (!match || hours > 24 || minutes > 59 || (hours === 24 && minutes > 0)) {
    throw new RangeError(`not a time of day (HH:MM): "${value}"`);
  }
  return hours * 60 + minutes;
}
