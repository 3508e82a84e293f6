/**
 * bench:frontier — what the console's promise-level frontier costs per page view (before its cache):
 * the most recent N deliveries of the shared history replayed by frontierFromDeliveries at the console's
 * six levels, scoring the last 30 days. Prints milliseconds per run and per delivery, median of 3 runs.
 *
 *   npm run bench:frontier [-- --sizes 500,1000,3000]
 */
import { readFileSync } from "node:fs";
import { frontierFromDeliveries, type DeliveredShipment } from "../../lib/analytics/frontier-history";
import { toLocalDate } from "../../lib/estimates";
import { parseDeliveryHistory } from "../../lib/estimates/history-csv";

const ZONE = "America/Sao_Paulo";
const sizesArg = process.argv.indexOf("--sizes");
const sizes = (sizesArg > 0 ? process.argv[sizesArg + 1]! : "500,1000,2000,3000").split(",").map(Number);

const history = parseDeliveryHistory(readFileSync("tests/fixtures/olist/deliveries-history.csv", "utf8"), ZONE);
const byDelivery = [...history.rows].sort((a, b) => b.deliveredAt.getTime() - a.deliveredAt.getTime());
const merchant = { timeZone: ZONE, originCountry: "BR", originRegion: "SP", handlingDays: 1, cutoffHour: 12 };

for (const size of sizes) {
  const rows: DeliveredShipment[] = byDelivery.slice(0, size).map((row) => ({
    id: row.orderId,
    placedAt: row.purchasedAt,
    shippedAt: row.shippedAt,
    deliveredAt: row.deliveredAt,
    promisedBy: row.promised,
    promisedLatest: null,
    destRegion: row.customerState,
  }));
  const newest = rows[0]!.placedAt;
  const period = { from: new Date(newest.getTime() - 30 * 86_400_000), to: new Date(newest.getTime() + 86_400_000) };
  const times: number[] = [];
  let orders = 0;
  for (let run = 0; run < 3; run += 1) {
    const started = performance.now();
    orders = frontierFromDeliveries(rows, merchant, period).period?.orders ?? 0;
    times.push(performance.now() - started);
  }
  const median = [...times].sort((a, b) => a - b)[1]!;
  console.log(
    JSON.stringify({ deliveries: rows.length, scored: orders, period: `${toLocalDate(period.from, ZONE)}…`, msPerRun: Math.round(median), msPerDelivery: +(median / rows.length).toFixed(3) }),
  );
}
