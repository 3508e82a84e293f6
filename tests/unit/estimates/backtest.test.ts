import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { runBacktest, type BacktestOptions } from "@/lib/estimates/backtest";
import { parseDeliveryHistory } from "@/lib/estimates/history-csv";
import { fromDayNumber } from "@/lib/estimates/local-date";
import { run, usage } from "@/scripts/commands/eta-backtest";
import { businessDaysAfter, businessDaysBefore, EXACT, TOTALS } from "./history-builder";

const HEADER =
  "order_id,order_purchase_timestamp,order_approved_at,order_delivered_carrier_date,order_delivered_customer_date," +
  "order_estimated_delivery_date,customer_state,customer_zip_code_prefix,seller_state,seller_zip_code_prefix,n_items";

function row(id: string, purchased: string, shipped: string, delivered: string, promised: string, to = "RJ", from = "SP"): string {
  return [id, purchased, purchased, shipped, delivered, promised, to, to ? "20000" : "", from, from ? "01000" : "", "1"].join(",");
}

/*
 * Ten SP→RJ orders teach (bought before 2018-03-19): each ordered at 09:00 k business days before
 * Friday 03-16, handed over the next business day, delivered 03-16 14:00. Totals {2,3,3,4,4,4,5,5,6,8},
 * transits {1,2,2,3,3,3,4,4,5,7}. Then four scored orders, all bought on Monday 03-19 before the cutoff.
 */
const TEACHING = TOTALS.map((k, i) => {
  const ordered = businessDaysBefore("2018-03-16", k);
  return row(`t${i}`, `${ordered} 09:00:00`, `${businessDaysAfter(ordered, 1)} 10:00:00`, "2018-03-16 14:00:00", "2018-03-30 00:00:00");
});
const SCORED = [
  row("a", "2018-03-19 09:00:00", "2018-03-20 10:00:00", "2018-03-22 15:00:00", "2018-04-02 00:00:00"),
  row("b", "2018-03-19 11:00:00", "2018-03-21 10:00:00", "2018-04-03 12:00:00", "2018-04-05 00:00:00"),
  row("c", "2018-03-19 11:30:00", "2018-03-20 16:00:00", "2018-03-26 10:00:00", "2018-03-23 00:00:00", "", ""),
  row("d", "2018-03-19 11:45:00", "", "2018-03-23 10:00:00", "2018-03-29 00:00:00"),
];
const BROKEN = [
  row("bad-date", "2018-02-30 10:00:00", "", "2018-03-05 10:00:00", "2018-03-10 00:00:00"),
  row("undelivered", "2018-03-01 10:00:00", "2018-03-02 10:00:00", "", "2018-03-10 00:00:00"),
  row("time-travel", "2018-03-05 10:00:00", "", "2018-03-01 10:00:00", "2018-03-10 00:00:00"),
  row("a", "2018-03-19 09:00:00", "2018-03-20 10:00:00", "2018-03-22 15:00:00", "2018-04-02 00:00:00"),
  row("unshipped-arrival", "2018-03-01 10:00:00", "2018-03-06 10:00:00", "2018-03-05 10:00:00", "2018-03-10 00:00:00"),
  row("no-promise", "2018-03-01 10:00:00", "", "2018-03-05 10:00:00", ""),
  row("no-purchase", "", "", "2018-03-05 10:00:00", "2018-03-10 00:00:00"),
];
const CSV = [HEADER, ...TEACHING, ...SCORED, ...BROKEN].join("\n") + "\n";

const OPTIONS: BacktestOptions = {
  evaluateFrom: "2018-03-19",
  timeZone: "America/Sao_Paulo",
  country: "BR",
  merchant: { handlingDays: 1, cutoff: "12:00" },
  estimate: EXACT,
};

describe("backtest on a hand-checked history", () => {
  it("computes the report", () => {
    const { result } = runBacktest(parseDeliveryHistory(CSV, "America/Sao_Paulo"), OPTIONS);
    expect(result).toEqual({
      // Promise: q95 of the totals = 8 business days from Monday 03-19 → Thursday 03-29 for all four.
      // a (03-22) c (03-26) d (03-23) on time, b (04-03) late; lead 10 each; slack 7, −5, 3, 6.
      atPurchase: { orders: 4, onTimeRate: 0.75, medianLeadDays: 10, meanSlackDays: 2.75 },
      // Once shipped: transit indexes 1–5 (85%) from the hand-off day: a and c [03-21, 03-27] hold 03-22 and 03-26;
      // b [03-22, 03-28] misses 04-03; d has no hand-off. Every width is 6 days.
      atShipment: { orders: 3, inWindowRate: 0.6667, lateRate: 0.3333, medianWidthDays: 6 },
      // The file's promises: a 04-02 (lead 14, slack 11), b 04-05 (17, 2), c 03-23 (4, −3, late), d 03-29 (10, 6).
      baseline: { onTimeRate: 0.75, medianLeadDays: 12, meanSlackDays: 4 },
      rows: { read: 21, used: 14, taughtOnly: 10, withoutHandOff: 1 },
      skipped: {
        invalid_purchase_time: 1,
        not_delivered: 1,
        delivered_before_purchase: 1,
        duplicate_order_id: 1,
        delivered_before_shipped: 1,
        missing_promised_date: 1,
        missing_purchase_time: 1,
      },
    });
  });

  it("does not peek: a delivery completed after a purchase does not change that order's promise", () => {
    const promiseOf = (csv: string, id: string) => {
      const outcome = runBacktest(parseDeliveryHistory(csv, "America/Sao_Paulo"), OPTIONS).orders.find((o) => o.orderId === id);
      return outcome ? fromDayNumber(outcome.atPurchase.latest) : null;
    };
    // A very slow order (bought in January) delivered Monday 03-19 at 09:30, after a's purchase (09:00), before b's (11:00).
    for (const deliveredAt of ["2018-03-19 09:30:00", "2018-03-19 09:00:00"]) {
      const slow = row("slow", "2018-01-15 09:00:00", "2018-03-16 10:00:00", deliveredAt, "2018-02-10 00:00:00");
      const withSlow = [HEADER, ...TEACHING, slow, ...SCORED].join("\n");
      expect(promiseOf(withSlow, "a"), `delivered ${deliveredAt}`).toBe("2018-03-29");
      // …while b, bought after it was delivered, now has it in its 95% tail.
      expect(promiseOf(withSlow, "b")! > "2018-03-29").toBe(true);
    }
  });

  it("does not peek with the current curves on: an order still open at a purchase counts as open, whenever it arrives later", () => {
    const current: BacktestOptions["current"] = { parts: ["handling", "transit", "total"], settings: { minAtRisk: 1 } };
    // Read at 0.95 and at the median too: the 0.95 promise sits on the teaching history's last bin, where the
    // spliced tail of so small a history puts everything still open.
    const promisesWith = (deliveredAt: string, options: BacktestOptions = { ...OPTIONS, current, levels: [0.5] }) => {
      // Twenty orders bought 03-05, handed over 03-06, all still on their way when a, b, c and d are bought on 03-19.
      const open = Array.from({ length: 20 }, (_, i) => row(`open${i}`, "2018-03-05 09:00:00", "2018-03-06 10:00:00", deliveredAt, "2018-03-20 00:00:00"));
      const csv = [HEADER, ...TEACHING, ...open, ...SCORED].join("\n");
      return runBacktest(parseDeliveryHistory(csv, "America/Sao_Paulo"), options)
        .orders.filter((o) => !o.orderId.startsWith("open"))
        .map((o) => [fromDayNumber(o.atPurchase.latest), ...(o.atLevels?.ours ?? []).map(fromDayNumber)]);
    };
    const arrivesSoon = promisesWith("2018-03-19 18:00:00");
    expect(promisesWith("2018-04-27 18:00:00")).toEqual(arrivesSoon);
    // The curves are in use: twenty parcels open for 9 business days, longer than any delivery taught, move the promises.
    expect(promisesWith("2018-03-19 18:00:00", { ...OPTIONS, levels: [0.5] })).not.toEqual(arrivesSoon);
  });

  it("names the seller by zip prefix and state, and keeps São Paulo dates across the daylight-saving jumps", () => {
    const history = parseDeliveryHistory(CSV, "America/Sao_Paulo");
    expect(history.rows.find((r) => r.orderId === "a")).toMatchObject({ sellerState: "SP", sellerZip: "01000", customerState: "RJ" });
    expect(history.rows.find((r) => r.orderId === "c")).toMatchObject({ sellerState: null, sellerZip: null });
    // 2017-10-15 00:30 does not exist in São Paulo (clocks jump to 01:00) and 2018-02-17 23:30 happens twice:
    // both stay on their own calendar day, so "delivered on or before the promised date" compares like with like.
    const dst = [
      HEADER,
      row("gap", "2017-10-13 10:00:00", "2017-10-14 10:00:00", "2017-10-15 00:30:00", "2017-10-20 00:00:00"),
      row("fold", "2018-02-15 10:00:00", "2018-02-16 10:00:00", "2018-02-17 23:30:00", "2018-02-20 00:00:00"),
    ].join("\n");
    const { orders } = runBacktest(parseDeliveryHistory(dst, "America/Sao_Paulo"), { ...OPTIONS, evaluateFrom: "2017-01-01" });
    expect(orders.map((o) => [o.orderId, fromDayNumber(o.purchaseDay), fromDayNumber(o.deliveredDay)])).toEqual([
      ["gap", "2017-10-13", "2017-10-15"],
      ["fold", "2018-02-15", "2018-02-17"],
    ]);
  });

  it("reports the frontier: ours and the naive baseline at each level, per month and overall, the shop's promise beside", () => {
    const history = parseDeliveryHistory(CSV, "America/Sao_Paulo");
    const { result } = runBacktest(history, { ...OPTIONS, levels: [0.5, 0.95], naive: { minDeliveries: 10 } });
    const [all, march] = result.frontier?.periods ?? [];
    expect(result.frontier?.periods.map((p) => p.period)).toEqual(["all", "2018-03"]);
    expect(march).toEqual(all && { ...all, period: "2018-03" });
    // At the default level the frontier is the headline figure.
    expect(all?.points[1]?.ours).toEqual({ onTimeRate: 0.75, medianLeadDays: 10, meanSlackDays: 2.75 });
    expect(all?.merchant).toEqual(result.baseline);
    // Lower level, shorter promise: the levels are not clamped together.
    expect(all?.points[0]?.ours.medianLeadDays).toBeLessThan(10);
    // Naive: the ten teaching orders took {2,3,3,4,4,4,7,7,8,10} calendar days (all delivered 03-16); bought
    // 03-19: the median is 4 days → 03-23, the 95% quantile 10 → 03-29 (a 03-22, c 03-26, d 03-23 kept; b late).
    expect(all?.points.map((p) => p.naive.medianLeadDays)).toEqual([4, 10]);
    expect(all?.points[1]?.naive.onTimeRate).toBe(0.75);
  });

  it("scores the early warning against the file's promised date, looking again on the mornings before it", () => {
    const history = parseDeliveryHistory(CSV, "America/Sao_Paulo");
    const { result, orders } = runBacktest(history, { ...OPTIONS, alarmBelow: [0.5] });
    // Only c (promised Fri 03-23, delivered Mon 03-26, no states so "global") is late against the shop's date.
    // It was handed over Tue 03-20 16:00; on Wed 03-21 08:00 (2 days ahead) transit ≥ 1 of {1,2,2,3,3,3,4,4,5,7}
    // leaves P(≤ 3) = 6/10 (not flagged); Thu 03-22 (1 ahead): P(≤ 3 | ≥ 2) = 5/9; Fri 03-23: P(≤ 3 | ≥ 3) = 3/7 → flagged.
    expect(result.earlyWarning).toEqual([
      {
        alarmBelow: 0.5,
        lateOrders: 1,
        flaggedTwoDaysAheadRate: 0,
        flaggedBeforeDueRate: 1,
        medianDaysAhead: 0,
        onTimeOrders: 3,
        falseAlarmRate: 0,
      },
    ]);
    // b outlived every SP→RJ transit on Tue 04-03 (2 days ahead of its 04-05): shown 04-03 … 04-06, three of
    // those four days are by 04-05 (chance 0.75), so it is not a false alarm.
    // With levels, each period carries the same figures (here one month).
    const withLevels = runBacktest(history, { ...OPTIONS, alarmBelow: [0.5], levels: [0.95] }).result;
    expect(withLevels.frontier?.periods.map((p) => p.earlyWarning)).toEqual([result.earlyWarning?.[0], result.earlyWarning?.[0]]);
    // The promises themselves do not move.
    expect(orders.map((o) => fromDayNumber(o.atPurchase.latest))).toEqual(["2018-03-29", "2018-03-29", "2018-03-29", "2018-03-29"]);
  });

  it("rejects a line of the wrong width with its number", () => {
    const csv = [HEADER, TEACHING[0], "oops,2018-03-01,3"].join("\n");
    expect(() => parseDeliveryHistory(csv, "America/Sao_Paulo")).toThrow("line 3 malformed: expected 11 fields, found 3");
  });
});

describe("eta:backtest command", () => {
  let dir = "";
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "eta-backtest-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("prints one JSON object for a history file", async () => {
    const file = join(dir, "history.csv");
    await writeFile(file, CSV);
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    try {
      expect(await run({ csv: file, "evaluate-from": "2018-03-19" })).toBe(0);
      expect(log).toHaveBeenCalledTimes(1);
      const printed = JSON.parse(String(log.mock.calls[0]?.[0]));
      // The baseline and the row counts do not depend on the estimator's settings.
      expect(printed.baseline).toEqual({ onTimeRate: 0.75, medianLeadDays: 12, meanSlackDays: 4 });
      expect(printed.rows).toEqual({ read: 21, used: 14, taughtOnly: 10, withoutHandOff: 1 });
      expect(printed.atPurchase.orders).toBe(4);
      expect(printed.atShipment.orders).toBe(3);
    } finally {
      log.mockRestore();
    }
  });

  it("prints the frontier as a table before the JSON with --levels and --format table", async () => {
    const file = join(dir, "history.csv");
    await writeFile(file, CSV);
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    try {
      expect(await run({ csv: file, "evaluate-from": "2018-03-19", levels: "0.9,0.95", format: "table" })).toBe(0);
      const table = String(log.mock.calls[0]?.[0]);
      expect(table.split("\n")[0]).toBe("| period | orders | level | ours | naive baseline | merchant's promise | early warning |");
      // At the default alarm level (0.40) c, late against the shop's date, is never flagged (0.43 on its due morning).
      expect(table).toContain("| 0.0% of 1 late ≥ 2 d ahead, 0.0% false |");
      expect(table).toContain("| all | 4 | 0.9 | ");
      expect(table).toContain("|  |  | 0.95 | 75.0% @ 10 d, slack 2.8 | ");
      expect(String(log.mock.calls[1]?.[0])).toContain("| alarm below | late vs the shop's date |");
      expect(JSON.parse(String(log.mock.calls[2]?.[0])).frontier.levels).toEqual([0.9, 0.95]);
    } finally {
      log.mockRestore();
    }
  });

  it("fails with a message naming the problem for a file that is not such a CSV", async () => {
    const file = join(dir, "notes.txt");
    await writeFile(file, "Dear merchant,\nhere is your report.\n");
    await expect(run({ csv: file, "evaluate-from": "2018-03-19" })).rejects.toThrow(/missing column order_id/);
  });

  it("rejects unknown model choices with the usage", async () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      expect(await run({ csv: "x.csv", "evaluate-from": "2018-03-19", model: "magic", window: "0.9-0.1" })).toBe(2);
      expect(String(error.mock.calls[0]?.[0])).toContain('--model must be "split" or "total"');
      expect(String(error.mock.calls[0]?.[0])).toContain("--window must be");
      expect(await run({ csv: "x.csv", "evaluate-from": "2018-03-19", levels: "0.3,abc", "alarm-below": "2" })).toBe(2);
      expect(String(error.mock.calls[1]?.[0])).toContain("--levels must be levels between 0.5 and 1");
      expect(String(error.mock.calls[1]?.[0])).toContain("--alarm-below must be chances between 0 and 1");
    } finally {
      error.mockRestore();
    }
  });

  it("explains missing flags", async () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      expect(await run({ "evaluate-from": "2018-03-19" })).toBe(2);
      expect(String(error.mock.calls[0]?.[0])).toContain("--csv <file> is required");
      expect(String(error.mock.calls[0]?.[0])).toContain(usage.split("\n")[0]);
    } finally {
      error.mockRestore();
    }
  });
});
