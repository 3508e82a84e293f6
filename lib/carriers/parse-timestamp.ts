/**
 * One reader for the timestamp shapes providers send, which tells how much it actually knows:
 *  - "offset":   2026-07-01T10:00:00+08:00  → the instant, and the local offset (+480)
 *  - "utc":      2026-07-01T10:00:00Z       → the instant; a Z says nothing about the local zone of the scan
 *  - "floating": 2026-07-01T10:00:00        → a wall-clock time with no zone at all
 *  - "date":     2026-07-01                 → a calendar day
 *
 * Floating and date values are kept as their wall-clock reading in UTC fields (Date.UTC of the digits),
 * so the time shown is what the carrier wrote, and `utcOffsetMinutes` stays null: we never guess a zone.
 * (date-fns' parseISO is not used because it reads offset-less strings in the server's own zone,
 * which would make the result depend on where the process runs.)
 */
export type TimestampForm = "offset" | "utc" | "floating" | "date";

export interface ParsedTimestamp {
  instant: Date;
  /** Minutes east of UTC, only when the text carried a numeric offset; null otherwise. */
  utcOffsetMinutes: number | null;
  form: TimestampForm;
}

const PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|z|[+-]\d{2}(?::?\d{2})?)?)?$/;

/** Offsets in real use run from -12:00 to +14:00; anything past ±18:00 is not a time zone. */
const MAX_OFFSET_MINUTES = 18 * 60;

export function parseTimestamp(text: string): ParsedTimestamp | null {
  if (text.length > 40) return null;
  const match = PATTERN.exec(text.trim());
  if (!match) return null;
  const [, y, mo, d, h, mi, s, frac, zone] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = h === undefined ? 0 : Number(h);
  const minute = mi === undefined ? 0 : Number(mi);
  const second = s === undefined ? 0 : Number(s);
  const millis = frac === undefined ? 0 : Number(frac.slice(0, 3).padEnd(3, "0"));

  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  const wallClock = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  // Date.UTC rolls 31 February over into March; a value that does not round-trip was not a real date.
  const check = new Date(wallClock);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;

  if (h === undefined) return { instant: check, utcOffsetMinutes: null, form: "date" };
  if (zone === undefined) return { instant: check, utcOffsetMinutes: null, form: "floating" };
  if (zone === "Z" || zone === "z") return { instant: check, utcOffsetMinutes: null, form: "utc" };

  const offset = parseOffset(zone);
  if (offset === null) return null;
  return { instant: new Date(wallClock - offset * 60_000), utcOffsetMinutes: offset, form: "offset" };
}

function parseOffset(zone: string): number | null {
  const sign = zone.startsWith("-") ? -1 : 1;
  const digits = zone.slice(1).replace(":", "");
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
  if (minutes > 59) return null;
  const total = hours * 60 + minutes;
  if (total > MAX_OFFSET_MINUTES) return null;
  // "-00:00" is zero, not -0 (which would compare unequal with Object.is).
  return total === 0 ? 0 : sign * total;
}
