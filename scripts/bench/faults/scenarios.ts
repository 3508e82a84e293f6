/**
 * The three faults of issue #11, each on a merchant of its own in the private cluster:
 *  a. ingest workers SIGKILLed in the middle of a batch (a write transaction open), three times;
 *  b. the app SIGKILLed with requests in flight, twice;
 *  c. PostgreSQL stopped as in a crash (pg_ctl -m immediate) under load, kept down, started again;
 *  d. PostgreSQL frozen under load (SIGSTOP: its host stops answering, nothing is closed), then thawed.
 * Each ends with the same check (check.ts): 0 lost, 0 duplicated, every stored delivery processed once.
 */
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import { db } from "../../../lib/db";
import { createMerchant } from "../../../lib/merchants/create-merchant";
import { setProviderConnection } from "../../../lib/merchants/set-provider-connection";
import { newTrackingToken } from "../../../lib/shipments/tokens";
import { percentile } from "../bench-server";
import { checkOutcome, isClean, waitUntilProcessed, type Outcome } from "./check";
import type { PrivatePostgres } from "./private-postgres";
import { startApp, startWorker, type AppKind, type Running } from "./processes";
import { makeDeliveries, Provider, type Answer } from "./sender";

export interface Size {
  shipments: number;
  deliveries: number;
  senders: number;
  /** How long PostgreSQL stays down in scenario c. */
  downMs: number;
  /** Worker batch size (small batches give a kill more batches to land in). */
  batch: number;
}

export const SIZES: Record<"small" | "bench", Size> = {
  small: { shipments: 40, deliveries: 240, senders: 4, downMs: 2_000, batch: 20 },
  bench: { shipments: 500, deliveries: 3_000, senders: 16, downMs: 5_000, batch: 100 },
};

export interface Setting {
  size: Size;
  app: AppKind;
  appPort: number;
  cluster: PrivatePostgres;
  /** Environment for the app and workers (DATABASE_URL, APP_SECRET). */
  env: Record<string, string>;
}

interface Shop {
  merchantId: string;
  url: string;
  secret: string;
  trackingNumbers: string[];
}

async function openShop(slug: string, setting: Setting): Promise<Shop> {
  const secret = randomBytes(24).toString("hex");
  const merchant = await createMerchant({ slug, name: `Shop ${slug}`, timeZone: undefined, defaultLocale: undefined });
  await setProviderConnection(merchant.id, "generic", secret);
  const trackingNumbers = Array.from({ length: setting.size.shipments }, (_, i) => `1Z${slug.toUpperCase().replace(/\W/g, "")}${String(i).padStart(5, "0")}`);
  for (let start = 0; start < trackingNumbers.length; start += 100) {
    await db.$transaction(async (tx) => {
      for (const [offset, trackingNumber] of trackingNumbers.slice(start, start + 100).entries()) {
        await tx.order.create({
          data: {
            merchantId: merchant.id, orderNumber: `${slug}-${start + offset}`, destCountry: "US", destRegion: "IL",
            shipments: { create: { merchantId: merchant.id, carrier: "ups", trackingNumber, token: newTrackingToken() } },
          },
          select: { id: true },
        });
      }
      // 100 orders one by one: past Prisma's default 5 s on a machine at load 15-20 (a run died of it).
    }, { timeout: 60_000 });
  }
  return { merchantId: merchant.id, url: `http://127.0.0.1:${setting.appPort}/api/webhooks/generic/${slug}`, secret, trackingNumbers };
}

const baseTime = () => Date.now() - 48 * 3_600_000;
const round = (value: number) => Math.round(value * 10) / 10;

function statusCounts(answers: Answer[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const answer of answers) counts[String(answer.status ?? "no answer")] = (counts[String(answer.status ?? "no answer")] ?? 0) + 1;
  return counts;
}

/** Whether some other backend has a write transaction open (a worker in the middle of its batch). */
async function writeTransactionOpen(): Promise<boolean> {
  const [row] = await db.$queryRaw<{ open: number }[]>`
    SELECT count(*)::int AS "open" FROM pg_stat_activity WHERE "backend_xid" IS NOT NULL AND "pid" <> pg_backend_pid()`;
  return row!.open > 0;
}

export interface ScenarioResult {
  ok: boolean;
  outcome: Outcome;
  [detail: string]: unknown;
}

/** a. Workers SIGKILLed mid-batch: the backlog is accepted first, then drained by 2 workers killed 3 times. */
export async function workerKilled(setting: Setting): Promise<ScenarioResult> {
  const shop = await openShop("fault-worker", setting);
  const deliveries = makeDeliveries(setting.size.deliveries, shop.trackingNumbers, baseTime());
  const app = await startApp(setting.app, setting.appPort, setting.env);
  const workers: Running[] = [];
  try {
    const provider = new Provider(shop.url, shop.secret);
    await provider.sendAll(deliveries, setting.size.senders);
    const kills: { pendingBefore: number; writeTransactionOpen: boolean }[] = [];
    for (let round = 0; round < 3; round++) {
      workers.push(...(await Promise.all([startWorker(setting.env, setting.size.batch), startWorker(setting.env, setting.size.batch)])));
      // Kill the moment a worker is seen inside a batch with rows written and not committed.
      const pending = () => db.webhookDelivery.count({ where: { merchantId: shop.merchantId, outcome: "RECEIVED" } });
      const deadline = performance.now() + 60_000;
      while (!(await writeTransactionOpen()) && performance.now() < deadline && (await pending()) > 0) {
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      const open = await writeTransactionOpen();
      const pendingBefore = await pending();
      await Promise.all(workers.splice(0).map((worker) => worker.kill()));
      kills.push({ pendingBefore, writeTransactionOpen: open });
    }
    workers.push(await startWorker(setting.env, setting.size.batch));
    await waitUntilProcessed(shop.merchantId, 300_000);
    const outcome = await checkOutcome(shop.merchantId, deliveries, provider.acknowledged);
    const killedMidBatch = kills.filter((kill) => kill.writeTransactionOpen && kill.pendingBefore > 0).length;
    return { ok: isClean(outcome, deliveries.length) && killedMidBatch > 0, kills, killedMidBatch, answers: statusCounts(provider.answers), outcome };
  } finally {
    await Promise.all(workers.map((worker) => worker.stop()));
    await app.stop();
  }
}

/** b. The app SIGKILLed twice while senders have requests in flight; restarted each time. */
export async function appKilled(setting: Setting): Promise<ScenarioResult> {
  const shop = await openShop("fault-app", setting);
  const deliveries = makeDeliveries(setting.size.deliveries, shop.trackingNumbers, baseTime());
  let app = await startApp(setting.app, setting.appPort, setting.env);
  const worker = await startWorker(setting.env, setting.size.batch);
  try {
    const provider = new Provider(shop.url, shop.secret);
    const sending = provider.sendAll(deliveries, setting.size.senders);
    const kills: { acknowledgedBefore: number; requestsInFlight: number }[] = [];
    for (const share of [1 / 3, 2 / 3]) {
      await provider.acknowledgedAtLeast(Math.floor(deliveries.length * share));
      kills.push({ acknowledgedBefore: provider.acknowledged.size, requestsInFlight: provider.inFlight });
      await app.kill();
      app = await startApp(setting.app, setting.appPort, setting.env);
    }
    await sending;
    await waitUntilProcessed(shop.merchantId, 300_000);
    const outcome = await checkOutcome(shop.merchantId, deliveries, provider.acknowledged);
    const brokenAnswers = provider.answers.filter((answer) => answer.status === null).length;
    return { ok: isClean(outcome, deliveries.length), kills, answers: statusCounts(provider.answers), brokenAnswers, outcome };
  } finally {
    await worker.stop();
    await app.stop();
  }
}

/** c. PostgreSQL crashed under load (2 workers running), kept down, started again. */
export async function databaseRestarted(setting: Setting): Promise<ScenarioResult> {
  const shop = await openShop("fault-db", setting);
  const deliveries = makeDeliveries(setting.size.deliveries, shop.trackingNumbers, baseTime());
  const app = await startApp(setting.app, setting.appPort, setting.env);
  const workers = await Promise.all([startWorker(setting.env, setting.size.batch), startWorker(setting.env, setting.size.batch)]);
  try {
    const provider = new Provider(shop.url, shop.secret);
    const sending = provider.sendAll(deliveries, setting.size.senders);
    await provider.acknowledgedAtLeast(Math.floor(deliveries.length / 3));
    const crashAt = performance.now();
    await setting.cluster.crash();
    const downFrom = performance.now();
    await new Promise((resolve) => setTimeout(resolve, setting.size.downMs / 2));
    const healthWhileDown = await fetch(`http://127.0.0.1:${setting.appPort}/api/health`, { signal: AbortSignal.timeout(30_000) }).then((r) => r.status, () => null);
    await new Promise((resolve) => setTimeout(resolve, setting.size.downMs / 2));
    const downUntil = performance.now();
    setting.cluster.start();
    const restartedAt = performance.now();
    await sending;
    // The app's and the workers' pools reconnect on their own; this process's pool too.
    await waitUntilProcessed(shop.merchantId, 300_000);
    const outcome = await checkOutcome(shop.merchantId, deliveries, provider.acknowledged);
    const whileDown = provider.answers.filter((answer) => answer.startedAt >= downFrom && answer.endedAt <= downUntil);
    const latencies = whileDown.map((answer) => answer.endedAt - answer.startedAt).sort((a, b) => a - b);
    const firstAcceptedAfter = provider.answers.filter((answer) => answer.status === 202 && answer.endedAt > restartedAt).sort((x, y) => x.endedAt - y.endedAt)[0];
    const down = {
      answers: whileDown.length,
      byStatus: statusCounts(whileDown),
      withRetryAfter: whileDown.filter((answer) => answer.status === 503 && answer.retryAfter !== null).length,
      p50Ms: round(percentile(latencies, 50)),
      p99Ms: round(percentile(latencies, 99)),
      maxMs: round(latencies.at(-1) ?? NaN),
      within100Ms: latencies.filter((ms) => ms <= 100).length,
      // When the slow ones were sent (ms after the database went down) and how long each took: a pattern to look into.
      slowest: [...whileDown].sort((x, y) => (y.endedAt - y.startedAt) - (x.endedAt - x.startedAt)).slice(0, 5)
        .map((answer) => ({ sentAfterMs: round(answer.startedAt - downFrom), tookMs: round(answer.endedAt - answer.startedAt) })),
      healthStatus: healthWhileDown,
    };
    // Requests in flight when pg_ctl was told to crash the server (the senders kept running meanwhile):
    // how long after the server was gone (pg_ctl returned: every backend had exited) each was answered.
    const atCrash = provider.answers.filter((answer) => answer.startedAt < crashAt && answer.endedAt > crashAt);
    const afterGone = atCrash.map((answer) => Math.max(0, answer.endedAt - downFrom)).sort((a, b) => a - b);
    const inFlightAtCrash = {
      pgCtlMs: round(downFrom - crashAt),
      answers: atCrash.length,
      byStatus: statusCounts(atCrash),
      answeredBeforeGone: atCrash.filter((answer) => answer.endedAt <= downFrom).length,
      withinMsAfterGone: { 10: afterGone.filter((ms) => ms <= 10).length, 100: afterGone.filter((ms) => ms <= 100).length },
      maxMsAfterGone: round(afterGone.at(-1) ?? NaN),
      slowest: [...atCrash].sort((x, y) => y.endedAt - x.endedAt).slice(0, 5)
        .map((answer) => ({ status: answer.status, sentBeforeCrashMs: round(crashAt - answer.startedAt), tookMs: round(answer.endedAt - answer.startedAt), msAfterGone: round(answer.endedAt - downFrom) })),
    };
    const onlyRetryable503s = whileDown.length > 0 && down.withRetryAfter === whileDown.length;
    return {
      ok: isClean(outcome, deliveries.length) && onlyRetryable503s,
      downMs: round(downUntil - downFrom),
      down,
      inFlightAtCrash,
      firstAcceptedAfterRestartMs: firstAcceptedAfter ? round(firstAcceptedAfter.endedAt - restartedAt) : null,
      answers: statusCounts(provider.answers),
      outcome,
    };
  } finally {
    await Promise.all(workers.map((worker) => worker.stop()));
    await app.stop();
  }
}

/**
 * d. PostgreSQL frozen under load (SIGSTOP to the server and its backends, 2 workers running): connections
 * stay open and nothing answers, as when the host is paused or cut off; thawed after downMs. Requests sent
 * meanwhile must be answered 503 + Retry-After, bounded by the accept deadline (2 s, lib/webhooks/accept-breaker.ts), not hang until
 * the thaw; queries abandoned meanwhile may commit after it (stored twice, events once: check.ts).
 */
export async function databaseFrozen(setting: Setting): Promise<ScenarioResult> {
  const shop = await openShop("fault-frozen", setting);
  const deliveries = makeDeliveries(setting.size.deliveries, shop.trackingNumbers, baseTime());
  const app = await startApp(setting.app, setting.appPort, setting.env);
  const workers = await Promise.all([startWorker(setting.env, setting.size.batch), startWorker(setting.env, setting.size.batch)]);
  try {
    const provider = new Provider(shop.url, shop.secret);
    const sending = provider.sendAll(deliveries, setting.size.senders);
    await provider.acknowledgedAtLeast(Math.floor(deliveries.length / 3));
    const frozenFrom = performance.now();
    setting.cluster.freeze();
    await new Promise((resolve) => setTimeout(resolve, setting.size.downMs));
    const thawAt = performance.now();
    setting.cluster.thaw();
    await sending;
    await waitUntilProcessed(shop.merchantId, 300_000);
    const outcome = await checkOutcome(shop.merchantId, deliveries, provider.acknowledged);
    const timing = (answers: Answer[], from: (answer: Answer) => number) => {
      const ms = answers.map((answer) => answer.endedAt - from(answer)).sort((a, b) => a - b);
      return {
        answers: answers.length,
        byStatus: statusCounts(answers),
        answeredBeforeThaw: answers.filter((answer) => answer.endedAt < thawAt).length,
        within100Ms: ms.filter((value) => value <= 100).length,
        within600Ms: ms.filter((value) => value <= 600).length,
        p50Ms: round(percentile(ms, 50)),
        maxMs: round(ms.at(-1) ?? NaN),
      };
    };
    // Sent while frozen: how long each took. In flight at the freeze: how long after it each was answered.
    const sentWhileFrozen = provider.answers.filter((answer) => answer.startedAt >= frozenFrom && answer.startedAt < thawAt);
    const inFlightAtFreeze = provider.answers.filter((answer) => answer.startedAt < frozenFrom && answer.endedAt > frozenFrom);
    const frozen = { ...timing(sentWhileFrozen, (answer) => answer.startedAt), withRetryAfter: sentWhileFrozen.filter((answer) => answer.status === 503 && answer.retryAfter !== null).length };
    return {
      ok: isClean(outcome, deliveries.length),
      frozenMs: round(thawAt - frozenFrom),
      sentWhileFrozen: frozen,
      inFlightAtFreeze: timing(inFlightAtFreeze, () => frozenFrom),
      answers: statusCounts(provider.answers),
      outcome,
    };
  } finally {
    await Promise.all(workers.map((worker) => worker.stop()));
    await app.stop();
  }
}
