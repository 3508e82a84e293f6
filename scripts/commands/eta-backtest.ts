/**
 * eta:backtest — replays a delivery-history CSV (Olist columns, see docs/estimates.md) through the
 * estimator without peeking, and prints one JSON object with our figures next to the file's own promise.
 */
import { readFile } from "node:fs/promises";
import { z } from "zod";
import { runBacktest } from "@/lib/estimates/backtest";
import { earlyWarningTable } from "@/lib/estimates/backtest-early-warning";
import { frontierTable } from "@/lib/estimates/backtest-frontier";
import { DEFAULT_ESTIMATE_OPTIONS } from "@/lib/estimates/estimate-options";
import { DEFAULT_CALENDAR_OPTIONS } from "@/lib/estimates/business-days";
import { defaultCalibration } from "@/lib/estimates/calibration";
import { parseDeliveryHistory } from "@/lib/estimates/history-csv";
import { COHORT_PARTS, DEFAULT_CURRENT_CURVES, type CohortPart } from "@/lib/estimates/current-curves";

/** Which parts the current curves move by default ("off" = the completed-deliveries history alone, as before issue 13's censored curves). */
const DEFAULT_CURRENT = "handling,transit,total";
const DEFAULT_CURRENT_BY = "global";
import { isLocalDate, parseClock } from "@/lib/estimates/local-date";

export const usage = `Usage: npm run cli -- eta:backtest --csv <file> --evaluate-from <YYYY-MM-DD> [options]

Replays the file in time order: orders bought before --evaluate-from only teach; each later order is
estimated at purchase and at carrier hand-off from deliveries completed before that moment.

Options:
  --csv <file>              delivery history with the Olist columns (docs/estimates.md)
  --evaluate-from <date>    first purchase date (local) that is scored
  --evaluate-until <date>   score only purchases before this date (default: to the end of the file)
  --time-zone <iana>        zone of the file's timestamps (default America/Sao_Paulo)
  --country <code>          ISO country of shop and shoppers, for holidays (default BR)
  --cutoff <HH:MM>          merchant order cutoff, local (default 12:00)
  --handling-days <n>       merchant handling days before hand-off (default 1)
  --half-life <days>        recency half-life of the lane statistics (default 60)
  --promise-level <q>       quantile of "latest" before hand-off (default 0.96)
  --window-level <c>        coverage of the window once shipped (default 0.85)
  --adaptive-step <s>       let both levels adapt online with this step (default 0 = fixed)
  --window-step <s>         the window's own step, when it should differ from --adaptive-step
  --model <m>               before hand-off: "split" = handling per seller ⊗ transit per lane (default),
                            "total" = the lane's order → delivery history
  --handling-by <h>         learn handling per "seller" (zip prefix + state; default) or per origin "state"
  --recency-from <r>        age of a delivery for down-weighting: "delivery" (default) or "start"
  --holidays <h>            holidays that stop the clock in Brazil: "public+bank" (default; Carnival and
                            Corpus Christi count) or "public"
  --window <w>              once shipped: "shortest" run holding --window-level (default), or "lo-hi"
                            quantiles, e.g. 0.1-0.92
  --levels <q,q,…>          also read every promise at these levels, with the naive baseline (rolling
                            per-lane empirical quantile) at the same levels: the frontier per month and
                            overall, e.g. 0.85,0.9,0.93,0.95
  --baseline-window <days>  the naive baseline's window of completed deliveries (default 60)
  --alarm-below <p,p,…>     score the early warning against the file's promised date: flag "running late"
                            once the chance of making it is below p (default with --levels: ${DEFAULT_ESTIMATE_OPTIONS.promiseAlarmBelow});
                            the first value is also the estimate's alarm level
  --current <parts>         move every lane by the current, censoring-aware curves (recent purchase cohorts,
                            parcels still on their way censored) of these parts: "off", or a comma list of
                            handling, transit, total (default ${DEFAULT_CURRENT})
  --current-by <b>          "global" curves only, or also per "destination" region where enough parcels are
                            at risk (default ${DEFAULT_CURRENT_BY})
  --current-mode <m>        "cohort" (hazards from recent purchase cohorts) or "period" (from what parcels of
                            each age did on recent days) (default ${DEFAULT_CURRENT_CURVES.mode})
  --current-half-life <d>   business days after which a purchase cohort counts half (default ${DEFAULT_CURRENT_CURVES.halfLifeDays})
  --current-min-at-risk <n> parcels at risk an age needs before the curve speaks for it (default ${DEFAULT_CURRENT_CURVES.minAtRisk})
  --format <f>              "json" (default) or "table" (the frontier as a Markdown table, then the JSON)`;

function isClock(value: string): boolean {
  try {
    parseClock(value);
    return true;
  } catch {
    return false;
  }
}

const level = z.coerce.number().gt(0.5).lt(1);

const flagSchema = z.object({
  csv: z.string({ error: "--csv <file> is required" }).min(1, "--csv <file> is required"),
  "evaluate-from": z
    .string({ error: "--evaluate-from <YYYY-MM-DD> is required" })
    .refine(isLocalDate, "--evaluate-from must be a date, YYYY-MM-DD"),
  "evaluate-until": z.string().refine(isLocalDate, "--evaluate-until must be a date, YYYY-MM-DD").optional(),
  "time-zone": z
    .string()
    .default("America/Sao_Paulo")
    .refine((zone) => zone === "UTC" || Intl.supportedValuesOf("timeZone").includes(zone), "--time-zone must be an IANA zone"),
  country: z.string().regex(/^[A-Za-z]{2}$/, "--country must be a 2-letter ISO code").default("BR"),
  cutoff: z.string().default("12:00").refine(isClock, "--cutoff must be HH:MM"),
  "handling-days": z.coerce.number().int().min(0).max(30).default(1),
  "half-life": z.coerce.number().positive().max(3650).default(60),
  "promise-level": level.default(0.96),
  "window-level": level.default(0.85),
  "adaptive-step": z.coerce.number().min(0).max(0.05).default(0),
  "window-step": z.coerce.number().min(0).max(0.05).optional(),
  model: z.enum(["split", "total"], { error: '--model must be "split" or "total"' }).default("split"),
  "handling-by": z.enum(["seller", "state"], { error: '--handling-by must be "seller" or "state"' }).default("seller"),
  "recency-from": z.enum(["delivery", "start"], { error: '--recency-from must be "delivery" or "start"' }).default("delivery"),
  holidays: z.enum(["public+bank", "public"], { error: '--holidays must be "public+bank" or "public"' }).default("public+bank"),
  window: z
    .string()
    .default("shortest")
    .refine((w) => w === "shortest" || windowQuantiles(w) !== null, '--window must be "shortest" or two quantiles "lo-hi", e.g. 0.1-0.92'),
  levels: z
    .string()
    .refine((v) => levelList(v) !== null, "--levels must be levels between 0.5 and 1, comma-separated, e.g. 0.85,0.9,0.93,0.95")
    .optional(),
  "baseline-window": z.coerce.number().int().min(1).max(365).default(60),
  "alarm-below": z
    .string()
    .refine((v) => chanceList(v) !== null, "--alarm-below must be chances between 0 and 1, comma-separated, e.g. 0.2,0.3")
    .optional(),
  current: z
    .string()
    .default(DEFAULT_CURRENT)
    .refine((v) => currentParts(v) !== null, '--current must be "off" or a comma list of handling, transit, total'),
  "current-by": z.enum(["global", "destination"], { error: '--current-by must be "global" or "destination"' }).default(DEFAULT_CURRENT_BY),
  "current-mode": z.enum(["cohort", "period"], { error: '--current-mode must be "cohort" or "period"' }).default(DEFAULT_CURRENT_CURVES.mode),
  "current-half-life": z.coerce.number().positive().max(3650).default(DEFAULT_CURRENT_CURVES.halfLifeDays),
  "current-min-at-risk": z.coerce.number().positive().max(100000).default(DEFAULT_CURRENT_CURVES.minAtRisk),
  format: z.enum(["json", "table"], { error: '--format must be "json" or "table"' }).default("json"),
});

function currentParts(value: string): CohortPart[] | null {
  if (value === "off") return [];
  const parts = value.split(",").map((part) => part.trim());
  return parts.every((part): part is CohortPart => (COHORT_PARTS as readonly string[]).includes(part)) ? parts : null;
}

function levelList(value: string): number[] | null {
  const levels = value.split(",").map((part) => Number(part.trim()));
  return levels.length > 0 && levels.every((q) => Number.isFinite(q) && q > 0.5 && q < 1) ? levels : null;
}

function chanceList(value: string): number[] | null {
  const chances = value.split(",").map((part) => Number(part.trim()));
  return chances.every((p) => Number.isFinite(p) && p > 0 && p < 1) ? chances : null;
}

function windowQuantiles(value: string): [number, number] | null {
  const match = /^(0?\.\d+)-(0?\.\d+)$/.exec(value);
  if (!match) return null;
  const [lo, hi] = [Number(match[1]), Number(match[2])];
  return lo < hi ? [lo, hi] : null;
}

export async function run(flags: Record<string, string | boolean | undefined>): Promise<number> {
  const parsed = flagSchema.safeParse(flags);
  if (!parsed.success) {
    console.error(`${parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("\n")}\n\n${usage}`);
    return 2;
  }
  const flag = parsed.data;
  const text = await readFile(flag.csv, "utf8").catch((error: unknown) => {
    throw new Error(`cannot read ${flag.csv}: ${error instanceof Error ? error.message : String(error)}`);
  });
  const history = parseDeliveryHistory(text, flag["time-zone"]);
  const step = flag["adaptive-step"];
  const alarms = flag["alarm-below"] ? (chanceList(flag["alarm-below"]) ?? []) : flag.levels ? [DEFAULT_ESTIMATE_OPTIONS.promiseAlarmBelow] : [];
  const { result } = runBacktest(history, {
    evaluateFrom: flag["evaluate-from"],
    evaluateUntil: flag["evaluate-until"],
    timeZone: flag["time-zone"],
    country: flag.country.toUpperCase(),
    merchant: { cutoff: flag.cutoff, handlingDays: flag["handling-days"] },
    lanes: {
      halfLifeDays: flag["half-life"],
      recencyFrom: flag["recency-from"],
      calendar: {
        ...DEFAULT_CALENDAR_OPTIONS,
        holidayTypesByCountry: flag.holidays === "public" ? {} : DEFAULT_CALENDAR_OPTIONS.holidayTypesByCountry,
      },
    },
    shipperKnown: flag["handling-by"] === "seller",
    levels: flag.levels ? (levelList(flag.levels) ?? undefined) : undefined,
    naive: { windowDays: flag["baseline-window"] },
    alarmBelow: alarms,
    current: {
      parts: currentParts(flag.current) ?? [],
      byDestination: flag["current-by"] === "destination",
      settings: { mode: flag["current-mode"], halfLifeDays: flag["current-half-life"], minAtRisk: flag["current-min-at-risk"] },
    },
    estimate: {
      decompose: flag.model === "split",
      windowQuantiles: flag.window === "shortest" ? null : windowQuantiles(flag.window),
      ...(alarms[0] === undefined ? {} : { promiseAlarmBelow: alarms[0] }),
    },
    calibration: defaultCalibration({
      promise: { level: flag["promise-level"], target: flag["promise-level"], step },
      window: { level: flag["window-level"], target: flag["window-level"], step: flag["window-step"] ?? step },
    }),
  });
  if (flag.format === "table" && result.frontier) console.log(frontierTable(result.frontier));
  if (flag.format === "table" && result.earlyWarning) console.log(earlyWarningTable(result.earlyWarning));
  console.log(JSON.stringify(result, null, 2));
  return 0;
}
