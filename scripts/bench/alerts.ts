/**
 * `npm run bench:alerts` — the alerts outbox on PostgreSQL, end to end, against a real SMTP server on
 * loopback (smtp-server, in this process) and two worker processes (`scripts/worker.ts`, as deployed).
 *
 *  1. Throughput: 10,000 alerts enqueued through the real ingestion path (an out-for-delivery event per
 *     parcel, each with an active email subscription), then two workers drain them: messages/s.
 *  2. Latency: with the workers running, events ingested at a steady rate; for each, the time from the
 *     ingestion call to the SMTP server accepting the email (p50/p95).
 *  3. Crash: 10,000 more, two workers, one SIGKILLed mid-drain; the survivor takes over the dead one's
 *     rows when their lease runs out. Counted at the SMTP server: every message must arrive exactly
 *     once (by Message-ID, which is stable per outbox row), none lost, none twice. BENCH_CRASH_ROUNDS
 *     repeats it with fresh parcels, killing at a different point each time. A round counts only when the
 *     killed worker held claimed rows (SENDING once it is dead, and not claimed by the survivor, whose
 *     claims are logged at debug level): it reports how many, and how many the survivor took over after
 *     the lease (its log, and the database's attempts); if the victim held none, a fresh victim is
 *     started and killed right after its next claim (at most 4 kills per round).
 *
 * BENCH_DATABASE_URL: a PostgreSQL server (default postgresql://postgres@127.0.0.1:5432/); a fresh
 * database is created and dropped. BENCH_MESSAGES (10000), BENCH_RATE (50/s), BENCH_LATENCY_SECONDS (20).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { createFreshDatabase } from "../fresh-database";
import { startSmtpStandIn, type ReceivedMail } from "../../tests/support/stand-ins/smtp";

const SERVER = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/";
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 10_000);
const RATE = Number(process.env.BENCH_RATE ?? 50);
const LATENCY_SECONDS = Number(process.env.BENCH_LATENCY_SECONDS ?? 20);
const CONCURRENCY = Number(process.env.BENCH_WORKER_CONCURRENCY ?? 16);
/** Crash rounds, each with its own parcels, killing at 30%, 50%, 70%… of the drain. */
const CRASH_ROUNDS = Number(process.env.BENCH_CRASH_ROUNDS ?? 1);
const LEASE_SECONDS = 10;
const APP_URL = "http://bench.parcelpage.test";

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

const fmt = (n: number, digits = 0) => n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function main() {
  const fresh = await createFreshDatabase(SERVER, "parcelpage_bench_alerts");
  process.env.DATABASE_URL = fresh.url;
  process.env.APP_SECRET = randomBytes(32).toString("hex");
  process.env.APP_URL = APP_URL;
  process.env.DB_POOL_MAX = "8";
  process.env.LOG_LEVEL = "warn";
  const { reloadEnv } = await import("../../lib/env");
  reloadEnv();
  const { db, disconnectDb } = await import("../../lib/db");
  const { ingestUpdates } = await import("../../lib/webhooks/pipeline");
  const { newTrackingToken } = await import("../../lib/shipments/tokens");

  /** Message-ID → when the SMTP server accepted it (every transmission kept). */
  const accepted = new Map<string, number[]>();
  const smtp = await startSmtpStandIn({
    onMessage(mail: ReceivedMail) {
      if (!mail.messageId) return;
      const times = accepted.get(mail.messageId) ?? [];
      times.push(mail.acceptedAt);
      accepted.set(mail.messageId, times);
    },
  });
  // Only the counts are needed: do not keep 20,000 raw messages in memory.
  const keepNothing = setInterval(() => smtp.messages.splice(0), 1_000);

  const children = new Set<ChildProcess>();
  /** What a worker said on stdout: the rows it claimed (a crash victim logs them at debug level) and its final stats. */
  interface WorkerLog {
    claimed: Set<string>;
    /** Rows it took over from a worker whose lease ran out. */
    retaken: Set<string>;
    /** Called after each claim line. */
    onClaim: (() => void) | null;
    stats: { claimed: number; reclaimed: number; sent: number } | null;
  }
  const logs = new Map<ChildProcess, WorkerLog>();
  const startWorker = (name: string, { logClaims = false } = {}) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts", "--concurrency", String(CONCURRENCY), "--lease", String(LEASE_SECONDS), "--id", name], {
      env: { ...process.env, SMTP_URL: smtp.url, SMTP_FROM: "Bench <alerts@bench.parcelpage.test>", DB_POOL_MAX: "4", LOG_LEVEL: logClaims ? "debug" : "warn" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    children.add(child);
    child.on("exit", () => children.delete(child));
    const log: WorkerLog = { claimed: new Set(), retaken: new Set(), onClaim: null, stats: null };
    logs.set(child, log);
    return new Promise<ChildProcess>((resolve, reject) => {
      let buffered = "";
      child.stdout!.setEncoding("utf8");
      child.stdout!.on("data", (chunk: string) => {
        buffered += chunk;
        let newline: number;
        while ((newline = buffered.indexOf("\n")) >= 0) {
          const line = buffered.slice(0, newline);
          buffered = buffered.slice(newline + 1);
          if (line.startsWith("Alerts worker stopped: ")) log.stats = JSON.parse(line.slice("Alerts worker stopped: ".length)) as WorkerLog["stats"];
          else if (line.startsWith("Alerts worker")) resolve(child);
          else if (line.includes('"msg":"claimed"')) {
            const claim = JSON.parse(line) as { outboxIds: string[]; retaken: string[] };
            for (const id of claim.outboxIds) log.claimed.add(id);
            for (const id of claim.retaken) log.retaken.add(id);
            log.onClaim?.();
          }
        }
      });
      child.once("exit", (code, signal) => reject(new Error(`worker ${name} exited (${code ?? signal}) before starting`)));
    });
  };
  /** SIGKILL, then wait until its stdout is read to the end (every claim it logged is known). */
  const killWorker = (child: ChildProcess) =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("close", () => resolve());
      child.kill("SIGKILL");
    });
  const stopWorker = (child: ChildProcess) =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });

  try {
    // ── fixtures: one merchant; per phase, parcels with an active email subscription each ──────────
    const merchant = await db.merchant.create({ data: { slug: "bench-alerts", name: "Bench Outfitters", timeZone: "America/New_York" }, select: { id: true } });
    const makeParcels = async (label: string, count: number) => {
      const parcels: { shipmentId: string; trackingNumber: string }[] = [];
      for (let start = 0; start < count; start += 2_000) {
        const size = Math.min(2_000, count - start);
        const orders = Array.from({ length: size }, (_, i) => ({ id: randomUUID(), n: start + i }));
        await db.order.createMany({ data: orders.map((o) => ({ id: o.id, merchantId: merchant.id, orderNumber: `${label}-${o.n}`, destCountry: "US", shopperTimeZone: "America/New_York" })) });
        const shipments = orders.map((o) => ({ id: randomUUID(), orderId: o.id, trackingNumber: `${label}${String(o.n).padStart(7, "0")}` }));
        await db.shipment.createMany({
          data: shipments.map((s) => ({ id: s.id, merchantId: merchant.id, orderId: s.orderId, carrier: "ups", trackingNumber: s.trackingNumber, token: newTrackingToken(), status: "IN_TRANSIT", statusAt: new Date(Date.now() - 86_400_000) })),
        });
        await db.alertSubscription.createMany({
          data: orders.map((o) => ({
            merchantId: merchant.id, orderId: o.id, channel: "EMAIL", address: `shopper-${label.toLowerCase()}-${o.n}@bench.example`, scope: "ALL", status: "ACTIVE",
            locale: "en", consentText: "bench", consentAt: new Date(), confirmedAt: new Date(),
          })),
        });
        parcels.push(...shipments.map((s) => ({ shipmentId: s.id, trackingNumber: s.trackingNumber })));
      }
      return parcels;
    };
    const outForDelivery = (trackingNumber: string, status: "OUT_FOR_DELIVERY" | "DELIVERED" = "OUT_FOR_DELIVERY") => ({
      carrier: "ups", trackingNumber, service: null, status, detailCode: null, carrierEstimate: null, orderNumber: null, carrierUrl: null,
      events: [{
        status, detailCode: null, rawStatus: status.toLowerCase(), description: status === "DELIVERED" ? "Delivered" : "Out for delivery",
        location: { city: "Boston", region: "MA", postalCode: null, country: "US" }, occurredAt: new Date(Date.now() - 60_000), utcOffsetMinutes: -300, providerEventId: null,
      }],
    });
    /** Enqueues through ingestion: batches of 50 parcels per transaction, 4 at a time. */
    const enqueueAll = async (parcels: { trackingNumber: string }[], status: "OUT_FOR_DELIVERY" | "DELIVERED") => {
      const batches: { trackingNumber: string }[][] = [];
      for (let i = 0; i < parcels.length; i += 50) batches.push(parcels.slice(i, i + 50));
      let next = 0;
      await Promise.all(
        Array.from({ length: 4 }, async () => {
          while (next < batches.length) {
            const batch = batches[next++]!;
            await ingestUpdates(batch.map((p) => outForDelivery(p.trackingNumber, status)), { merchantId: merchant.id, source: "bench", deliveryId: null, now: new Date() });
          }
        }),
      );
    };
    const rowIdsOf = async (shipmentIds: string[]) => {
      const rows = await db.outboxMessage.findMany({ where: { shipmentId: { in: shipmentIds } }, select: { id: true, shipmentId: true, status: true, attempts: true, sentAt: true } });
      return rows;
    };
    // The workers inherit this process's APP_SECRET and APP_URL, so the ids they send are these.
    const { queuedMessageId } = await import("../../lib/notifications/message-id");
    const messageId = (rowId: string) => queuedMessageId("alert", rowId);
    const waitUntil = async (done: () => boolean | Promise<boolean>, timeoutMs: number, what: string) => {
      const deadline = Date.now() + timeoutMs;
      while (!(await done())) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };

    console.log(`PostgreSQL ${fresh.url.replace(/\/\/.*@/, "//…@")}, SMTP ${smtp.url}, ${CONCURRENCY} sends in flight per worker, lease ${LEASE_SECONDS} s`);
    const setA = await makeParcels("A", MESSAGES);
    const setB = await makeParcels("B", RATE * LATENCY_SECONDS);
    const crashSets = [];
    for (let round = 1; round <= CRASH_ROUNDS; round++) crashSets.push(await makeParcels(`C${round}`, MESSAGES));

    // ── 1. throughput ─────────────────────────────────────────────────────────────────────────────
    const t = performance.now();
    await enqueueAll(setA, "OUT_FOR_DELIVERY");
    const enqueueSeconds = (performance.now() - t) / 1000;
    const rowsA = await rowIdsOf(setA.map((p) => p.shipmentId));
    const idsA = new Set(rowsA.map((row) => messageId(row.id)));
    console.log(`\n1. Throughput: ${fmt(rowsA.length)} alerts enqueued through ingestion in ${fmt(enqueueSeconds, 1)} s (${fmt(rowsA.length / enqueueSeconds)}/s)`);
    const spawnedAt = Date.now();
    const workers = await Promise.all([startWorker("bench-1"), startWorker("bench-2")]);
    const countOf = (ids: Set<string>) => [...ids].filter((id) => accepted.has(id)).length;
    await waitUntil(() => countOf(idsA) === idsA.size, 300_000, "the first drain");
    const timesA = [...idsA].map((id) => accepted.get(id)![0]!);
    const first = Math.min(...timesA);
    const last = Math.max(...timesA);
    const drainRate = idsA.size / ((last - first) / 1000);
    console.log(`   2 workers drained them: first accepted ${fmt((first - spawnedAt) / 1000, 1)} s after the workers were started, last ${fmt((last - spawnedAt) / 1000, 1)} s`);
    console.log(`   → ${fmt(drainRate)} emails/s (first to last accepted); ${fmt(idsA.size / ((last - spawnedAt) / 1000))}/s including worker start-up`);
    // The only moment a crash can make an email go out twice: the SMTP server has it, the row does not say so yet.
    const sentA = await rowIdsOf(setA.map((p) => p.shipmentId));
    const windows = sentA.map((row) => row.sentAt!.getTime() - accepted.get(messageId(row.id))![0]!).sort((a, b) => a - b);
    console.log(`   server accepted → worker records it: p50 ${fmt(percentile(windows, 50))} ms, p99 ${fmt(percentile(windows, 99))} ms, max ${fmt(windows.at(-1)!)} ms (the in-doubt window)`);

    // ── 2. latency ────────────────────────────────────────────────────────────────────────────────
    // Events arrive on a fixed schedule; each is ingested in its own transaction (at most 6 at once: the
    // pool's size). Latency counts from the event's scheduled arrival, so any queueing here counts too.
    const ingestedAt = new Map<string, number>();
    const committedAt = new Map<string, number>();
    const interval = 1000 / RATE;
    const startedAt = Date.now();
    let cursor = 0;
    await Promise.all(
      Array.from({ length: 6 }, async () => {
        while (cursor < setB.length) {
          const index = cursor++;
          const parcel = setB[index]!;
          const due = startedAt + index * interval;
          if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
          ingestedAt.set(parcel.shipmentId, due);
          await ingestUpdates([outForDelivery(parcel.trackingNumber)], { merchantId: merchant.id, source: "bench", deliveryId: null, now: new Date() });
          committedAt.set(parcel.shipmentId, Date.now());
        }
      }),
    );
    const lag = (Date.now() - startedAt) / 1000 - setB.length / RATE;
    const rowsB = await rowIdsOf(setB.map((p) => p.shipmentId));
    const idsB = new Set(rowsB.map((row) => messageId(row.id)));
    await waitUntil(() => countOf(idsB) === idsB.size, 120_000, "the latency phase");
    const latencies = rowsB.map((row) => accepted.get(messageId(row.id))![0]! - ingestedAt.get(row.shipmentId!)!).sort((a, b) => a - b);
    const afterCommit = rowsB.map((row) => accepted.get(messageId(row.id))![0]! - committedAt.get(row.shipmentId!)!).sort((a, b) => a - b);
    console.log(`\n2. Latency: ${fmt(rowsB.length)} events at ${RATE}/s, each ingested in its own transaction, with the workers running (ingestion fell ${fmt(Math.max(0, lag), 1)} s behind schedule)`);
    console.log(`   event arrives → email accepted by the SMTP server: p50 ${fmt(percentile(latencies, 50))} ms, p95 ${fmt(percentile(latencies, 95))} ms, p99 ${fmt(percentile(latencies, 99))} ms, max ${fmt(latencies.at(-1)!)} ms`);
    console.log(`   ingestion committed → accepted:                  p50 ${fmt(percentile(afterCommit, 50))} ms, p95 ${fmt(percentile(afterCommit, 95))} ms`);
    await Promise.all(workers.map(stopWorker));

    // ── 3. crash ──────────────────────────────────────────────────────────────────────────────────
    const allIds = new Set([...idsA, ...idsB]);
    const totals = { expected: 0, missing: 0, twice: 0, reclaimed: 0, sent: 0, held: 0, heldReclaimed: 0, survivorReclaimed: 0, kills: 0 };
    const rounds: { killAt: number; kills: number; held: number; heldReclaimed: number; retakenByTheSurvivor: number; survivorReclaimed: number; lost: number; twice: number }[] = [];
    for (const [index, setC] of crashSets.entries()) {
      const killAt = [0.3, 0.5, 0.7, 0.1, 0.9][index % 5]!;
      await enqueueAll(setC, "DELIVERED");
      const rowsC = await rowIdsOf(setC.map((p) => p.shipmentId));
      const idsC = new Set(rowsC.map((row) => messageId(row.id)));
      for (const id of idsC) allIds.add(id);
      const crashStart = Date.now();
      const [firstVictim, survivor] = await Promise.all([startWorker(`crash-victim-${index + 1}`, { logClaims: true }), startWorker(`crash-survivor-${index + 1}`, { logClaims: true })]);
      await waitUntil(() => countOf(idsC) >= idsC.size * killAt, 300_000, "the crash point");
      const atKill = countOf(idsC);
      const roundIds = rowsC.map((r) => r.id);
      // The round counts only if the killed worker held claimed rows. Both workers log the rows they claim
      // (debug level); the survivor's log is complete (it stops gracefully), the victim's may miss its
      // last lines (SIGKILL). So the rows the victim held are those SENDING once it is dead that the
      // survivor had not claimed fresh; re-claimed are those the survivor logged as taken over. If the
      // victim held none, a fresh victim is started and killed right after its next claim (at most
      // MAX_KILLS kills per round).
      const MAX_KILLS = 4;
      let victim = firstVictim;
      let kills = 0;
      let killedAt = 0;
      let sendingAtKill = 0;
      /** Rows SENDING just after a kill → their attempts then. */
      const sendingAfterKills = new Map<string, number>();
      for (;;) {
        await killWorker(victim);
        kills++;
        killedAt = Date.now();
        const sending = await db.outboxMessage.findMany({ where: { id: { in: roundIds }, status: "SENDING" }, select: { id: true, attempts: true } });
        sendingAtKill = sending.length;
        for (const row of sending) if (!sendingAfterKills.has(row.id)) sendingAfterKills.set(row.id, row.attempts);
        // For the decision only (the count comes at the end): the victim's own, possibly incomplete, log.
        const claimed = logs.get(victim)!.claimed;
        if (sending.some((row) => claimed.has(row.id)) || kills >= MAX_KILLS) break;
        const pending = await db.outboxMessage.count({ where: { id: { in: roundIds }, status: "PENDING" } });
        if (pending === 0) break;
        console.log(`   kill ${kills}: the victim held no claimed rows (${sendingAtKill} SENDING were the survivor's); killing a fresh worker right after its next claim`);
        victim = await startWorker(`crash-victim-${index + 1}-retry-${kills}`, { logClaims: true });
        const log = logs.get(victim)!;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 30_000);
          log.onClaim = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
      await waitUntil(
        async () => (await db.outboxMessage.count({ where: { id: { in: rowsC.map((r) => r.id) }, status: { not: "SENT" } } })) === 0,
        300_000,
        "the survivor to finish",
      );
      const crashEnd = Date.now();
      await new Promise((resolve) => setTimeout(resolve, 500));
      await stopWorker(survivor);
      await waitUntil(() => logs.get(survivor)!.stats !== null, 10_000, "the survivor's final stats");
      const survivorReclaimed = logs.get(survivor)!.stats!.reclaimed;
      const survivorLog = logs.get(survivor)!;
      const held = new Map([...sendingAfterKills].filter(([id]) => !survivorLog.claimed.has(id) || survivorLog.retaken.has(id)));
      const retakenByTheSurvivor = [...held.keys()].filter((id) => survivorLog.retaken.has(id)).length;

      const transmissions = [...idsC].reduce((sum, id) => sum + (accepted.get(id)?.length ?? 0), 0);
      const distinct = countOf(idsC);
      const missing = idsC.size - distinct;
      const twice = [...idsC].filter((id) => (accepted.get(id)?.length ?? 0) > 1).length;
      const finalRows = await rowIdsOf(setC.map((p) => p.shipmentId));
      const reclaimed = finalRows.filter((row) => row.attempts > 1).length;
      const sentRows = finalRows.filter((row) => row.status === "SENT").length;
      // Held rows claimed again (attempts went up, by the database) and sent.
      const heldReclaimed = finalRows.filter((row) => held.has(row.id) && row.attempts > held.get(row.id)! && row.status === "SENT").length;
      Object.assign(totals, {
        expected: totals.expected + idsC.size, missing: totals.missing + missing, twice: totals.twice + twice,
        reclaimed: totals.reclaimed + reclaimed, sent: totals.sent + sentRows,
        held: totals.held + held.size, heldReclaimed: totals.heldReclaimed + heldReclaimed, survivorReclaimed: totals.survivorReclaimed + survivorReclaimed, kills: totals.kills + kills,
      });
      rounds.push({ killAt, kills, held: held.size, heldReclaimed, retakenByTheSurvivor, survivorReclaimed, lost: missing, twice });
      console.log(`\n3.${index + 1} Crash: ${fmt(idsC.size)} alerts, 2 workers; SIGKILL of one after ${fmt(atKill)} were accepted (${fmt((killedAt - crashStart) / 1000, 1)} s in${kills > 1 ? `, kill ${kills} of the round` : ""})`);
      console.log(
        `   the killed worker held ${held.size} claimed rows (${sendingAtKill} SENDING just after the kill, the rest the survivor's); the survivor took over ${retakenByTheSurvivor} of them ` +
          `(its own count: ${survivorReclaimed} taken over in all); by the database ${heldReclaimed} were claimed again after the lease and sent`,
      );
      console.log(`   rows sent again after their lease ran out (attempts > 1): ${reclaimed}`);
      console.log(`   the survivor finished ${fmt((crashEnd - killedAt) / 1000, 1)} s after the kill (lease ${LEASE_SECONDS} s)`);
      console.log(`   at the SMTP server: ${fmt(transmissions)} messages received, ${fmt(distinct)} distinct Message-IDs of ${fmt(idsC.size)} expected`);
      console.log(`   → lost ${missing}; Message-IDs accepted more than once ${twice} (in-doubt sends repeated with the same Message-ID); outbox rows SENT ${fmt(sentRows)}/${fmt(idsC.size)}`);
    }
    const stray = [...accepted.keys()].filter((id) => !allIds.has(id)).length;
    if (CRASH_ROUNDS > 1) {
      console.log(`\n   all ${CRASH_ROUNDS} crash rounds: ${fmt(totals.expected)} expected, lost ${totals.missing}, accepted twice ${totals.twice}, retaken after a lease ${totals.reclaimed}, held by the killed worker ${totals.held}, of which re-claimed ${totals.heldReclaimed}`);
    }
    console.log(`   messages at the SMTP server that no outbox row sent: ${stray}`);

    const goals: [string, boolean][] = [
      [`≥ 200 emails/s (${fmt(drainRate)})`, drainRate >= 200],
      [`p95 < 2 s (${fmt(percentile(latencies, 95))} ms)`, percentile(latencies, 95) < 2_000],
      [`zero lost (${totals.missing})`, totals.missing === 0 && totals.sent === totals.expected && stray === 0],
      [`zero accepted twice (${totals.twice})`, totals.twice === 0],
      [
        `every crash round's killed worker held rows, re-claimed by the survivor (${rounds.map((r) => `${r.retakenByTheSurvivor}/${r.held}`).join(", ")})`,
        rounds.every((r) => r.held > 0 && r.retakenByTheSurvivor > 0),
      ],
    ];
    console.log(`\nGoals: ${goals.map(([what, met]) => `${met ? "✔" : "✖"} ${what}`).join("  ")}`);
    console.log(
      JSON.stringify({
        bench: "alerts",
        messages: MESSAGES,
        emailsPerSecond: Math.round(drainRate),
        latencyMs: { p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99) },
        inDoubtWindowMs: { p50: percentile(windows, 50), p99: percentile(windows, 99) },
        crash: { rounds, expected: totals.expected, lost: totals.missing, acceptedTwice: totals.twice, stray, held: totals.held, heldReclaimed: totals.heldReclaimed, survivorReclaimed: totals.survivorReclaimed },
        pass: goals.every(([, met]) => met),
      }),
    );
    process.exitCode = goals.every(([, met]) => met) ? 0 : 1;
  } finally {
    clearInterval(keepNothing);
    for (const child of children) child.kill("SIGKILL");
    await smtp.close();
    await disconnectDb();
    await fresh.drop();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
