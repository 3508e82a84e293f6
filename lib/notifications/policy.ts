import { TZDate } from "@date-fns/tz";
import { addDays, startOfDay } from "date-fns";

/** Several events within this window become one message (per subscription and parcel). */
export const COALESCE_WINDOW_MS = 60_000;
/** At most this many texts per parcel per local day (the confirmation text is not counted). */
export const SMS_DAILY_CAP = 3;
export const QUIET_START_HOUR = 21;
export const QUIET_END_HOUR = 8;

const zoneChecks = new Map<string, boolean>();

export function isValidTimeZone(zone: string | null | undefined): zone is string {
  if (!zone || zone.length > 64) return false;
  let valid = zoneChecks.get(zone);
  if (valid === undefined) {
    try {
      new Intl.DateTimeFormat("en-US", { timeZone: zone });
      valid = true;
    } catch {
      valid = false;
    }
    if (zoneChecks.size < 1_000) zoneChecks.set(zone, valid);
  }
  return valid;
}

/**
 * When a non-urgent text may go out: `now` itself outside 21:00–08:00 in the shopper's zone, otherwise
 * the end of the quiet night (08:00 local, today if before 8, tomorrow if after 21).
 */
export function quietHoursRelease(now: Date, timeZone: string): Date {
  const local = new TZDate(now.getTime(), timeZone);
  const hour = local.getHours();
  if (hour >= QUIET_END_HOUR && hour < QUIET_START_HOUR) return now;
  const day = hour >= QUIET_START_HOUR ? addDays(startOfDay(local), 1) : startOfDay(local);
  const release = new TZDate(day.getFullYear(), day.getMonth(), day.getDate(), QUIET_END_HOUR, 0, 0, timeZone);
  return new Date(release.getTime());
}

/** The shopper's calendar day of an instant, as "YYYY-MM-DD" (the unit of the daily SMS cap). */
export function localDay(instant: Date, timeZone: string): string {
  const local = new TZDate(instant.getTime(), timeZone);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}`;
}
