/**
 * The chance, by the model's own distribution, that a parcel not delivered yet still arrives by the day
 * the shop promised at checkout (`promisedBy`). Below the merchant's alarm level the page says "running
 * late" before that day passes — the early warning that lets the shop apologise first instead of
 * answering a "where is my order?" afterwards.
 */
import { addBusinessDays, indexOf, rollForward, type BusinessCalendar } from "./business-days";
import { massBetween, totalMass } from "./distribution";

/**
 * `weights`: business-day indexes counted from `base`; `elapsed`: today's index (the parcel is not
 * delivered before it). A promised weekend or holiday counts up to the business day before it, since
 * indexes cannot tell a Saturday arrival from Monday's.
 */
export function chanceByDay(weights: Float64Array, base: number, elapsed: number, promisedDay: number, calendar: BusinessCalendar): number | null {
  const remaining = totalMass(weights, elapsed);
  if (remaining <= 0) return null;
  const last = indexOf(base, promisedDay, calendar) - (calendar.isBusinessDay(promisedDay) ? 0 : 1);
  if (last < elapsed) return 0;
  return Math.min(1, massBetween(weights, elapsed, last) / remaining);
}

/**
 * A parcel that has outlived every recent delivery like it is shown today … today + `overdueDays` business
 * days; its chance is the share of those days on or before the promised date. Zero would cry wolf on
 * every parcel the history is merely too thin for.
 */
export function chanceBeyondHistory(today: number, promisedDay: number, overdueDays: number, calendar: BusinessCalendar): number {
  const days: number[] = [];
  for (let k = 0, day = rollForward(today, calendar); k <= overdueDays; k += 1, day = addBusinessDays(day, 1, calendar)) days.push(day);
  return days.filter((day) => day <= promisedDay).length / days.length;
}
