/**
 * Delivery history in the Olist export shape (docs/estimates.md lists the columns), turned into
 * validated rows. A file without the required columns, or with a line of the wrong width, is rejected
 * with the line; a row whose timestamps are missing, unreadable or impossible is skipped and counted
 * by reason, so one bad export row never hides the rest.
 */
import { parseCsv, CsvFormatError } from "./csv";
import { dayNumberOf, fromDayNumber, instantOfLocal } from "./local-date";
import type { LocalDate } from "./types";

export const REQUIRED_COLUMNS = [
  "order_id",
  "order_purchase_timestamp",
  "order_delivered_carrier_date",
  "order_delivered_customer_date",
  "order_estimated_delivery_date",
  "customer_state",
  "seller_state",
] as const;

type Column = (typeof REQUIRED_COLUMNS)[number] | "seller_zip_code_prefix";

export interface HistoryRow {
  orderId: string;
  line: number;
  purchasedAt: Date;
  /** Carrier hand-off; null when the export has none. */
  shippedAt: Date | null;
  deliveredAt: Date;
  /** The promise the shop itself made (the backtest's baseline). */
  promised: LocalDate;
  customerState: string | null;
  sellerState: string | null;
  /** `seller_zip_code_prefix` when the file has the column and a value: with the state, it names the seller. */
  sellerZip?: string | null;
}

export type SkipReason =
  | "missing_order_id"
  | "duplicate_order_id"
  | "missing_purchase_time"
  | "invalid_purchase_time"
  | "not_delivered"
  | "invalid_delivery_time"
  | "invalid_carrier_time"
  | "missing_promised_date"
  | "invalid_promised_date"
  | "shipped_before_purchase"
  | "delivered_before_purchase"
  | "delivered_before_shipped";

export interface DeliveryHistory {
  rows: HistoryRow[];
  /** Data lines read (header excluded). */
  read: number;
  skipped: Partial<Record<SkipReason, number>>;
}

/** "YYYY-MM-DD", "YYYY-MM-DD HH:MM[:SS[.fff]]" or with a "T"; a local wall time in the file's zone. */
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/;

interface WallTime {
  day: number;
  minutes: number;
  seconds: number;
}

export function parseWallTime(value: string): WallTime | null {
  const match = TIMESTAMP.exec(value.trim());
  if (!match) return null;
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const [hours, minutes, seconds] = [Number(match[4] ?? 0), Number(match[5] ?? 0), Number(match[6] ?? 0)];
  if (month < 1 || month > 12 || date < 1 || hours > 23 || minutes > 59 || seconds > 59) return null;
  const day = dayNumberOf(year, month, date);
  // Date.UTC rolls 2018-02-30 over into March; a real date survives the round trip.
  if (fromDayNumber(day) !== `${match[1]}-${match[2]}-${match[3]}`) return null;
  return { day, minutes: hours * 60 + minutes, seconds };
}

type Parsed<T> = { ok: true; value: T } | { ok: false; reason: SkipReason };

function instant(value: string, timeZone: string, missing: SkipReason | null, invalid: SkipReason): Parsed<Date | null> {
  if (value.trim() === "") return missing ? { ok: false, reason: missing } : { ok: true, value: null };
  const wall = parseWallTime(value);
  if (!wall) return { ok: false, reason: invalid };
  return { ok: true, value: instantOfLocal(wall.day, wall.minutes, timeZone, wall.seconds) };
}

function state(value: string): string | null {
  const trimmed = value.trim().toUpperCase();
  return trimmed === "" ? null : trimmed;
}

export function parseDeliveryHistory(text: string, timeZone: string): DeliveryHistory {
  const table = parseCsv(text);
  const index = new Map(table.header.map((name, i) => [name, i]));
  for (const column of REQUIRED_COLUMNS) {
    if (!index.has(column)) throw new CsvFormatError(`missing column ${column} (header: ${table.header.slice(0, 12).join(",") || "empty"})`);
  }
  const width = table.header.length;
  const skipped: Partial<Record<SkipReason, number>> = {};
  const seen = new Set<string>();
  const rows: HistoryRow[] = [];

  for (const record of table.records) {
    if (record.fields.length !== width) {
      throw new CsvFormatError(`line ${record.line} malformed: expected ${width} fields, found ${record.fields.length}`);
    }
    const get = (column: Column) => {
      const at = index.get(column);
      return at === undefined ? "" : (record.fields[at] ?? "");
    };
    const row = toRow(get, record.line, timeZone);
    if (!row.ok) {
      skipped[row.reason] = (skipped[row.reason] ?? 0) + 1;
      continue;
    }
    if (seen.has(row.value.orderId)) {
      skipped.duplicate_order_id = (skipped.duplicate_order_id ?? 0) + 1;
      continue;
    }
    seen.add(row.value.orderId);
    rows.push(row.value);
  }
  return { rows, read: table.records.length, skipped };
}

function toRow(get: (column: Column) => string, line: number, timeZone: string): Parsed<HistoryRow> {
  const orderId = get("order_id").trim();
  if (!orderId) return { ok: false, reason: "missing_order_id" };
  const purchased = instant(get("order_purchase_timestamp"), timeZone, "missing_purchase_time", "invalid_purchase_time");
  if (!purchased.ok) return purchased;
  const delivered = instant(get("order_delivered_customer_date"), timeZone, "not_delivered", "invalid_delivery_time");
  if (!delivered.ok) return delivered;
  const shipped = instant(get("order_delivered_carrier_date"), timeZone, null, "invalid_carrier_time");
  if (!shipped.ok) return shipped;
  const promisedText = get("order_estimated_delivery_date");
  if (promisedText.trim() === "") return { ok: false, reason: "missing_promised_date" };
  const promised = parseWallTime(promisedText);
  if (!promised) return { ok: false, reason: "invalid_promised_date" };

  const purchasedAt = purchased.value;
  const deliveredAt = delivered.value;
  const shippedAt = shipped.value;
  if (!purchasedAt || !deliveredAt) return { ok: false, reason: "missing_purchase_time" };
  if (deliveredAt < purchasedAt) return { ok: false, reason: "delivered_before_purchase" };
  if (shippedAt && shippedAt < purchasedAt) return { ok: false, reason: "shipped_before_purchase" };
  if (shippedAt && deliveredAt < shippedAt) return { ok: false, reason: "delivered_before_shipped" };
  return {
    ok: true,
    value: {
      orderId,
      line,
      purchasedAt,
      shippedAt,
      deliveredAt,
      promised: fromDayNumber(promised.day),
      customerState: state(get("customer_state")),
      sellerState: state(get("seller_state")),
      sellerZip: get("seller_zip_code_prefix").trim() || null,
    },
  };
}
