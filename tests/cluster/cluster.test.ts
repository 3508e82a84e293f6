/**
 * The multi-instance topology on loopback (scripts/cluster/topology.ts): 2 app instances + 2 workers +
 * PostgreSQL (a fresh database per run) + Caddy with its internal CA. Three promises of issue #15:
 * a change made anywhere shows on every instance within 2 s; certificates only for proven custom domains;
 * a rolling restart under load fails no page request, and every acknowledged webhook and every alert is
 * processed/sent exactly once.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFreshDatabase, type FreshDatabase } from "../../scripts/fresh-database";
import { findCaddy } from "../../scripts/cluster/caddy";
import { stopLiveProcesses } from "../../scripts/cluster/managed-process";
import { queuedMessageId } from "../../lib/notifications/message-id";
import { startCluster, type Cluster } from "../../scripts/cluster/topology";
import { startSmtpStandIn, type SmtpStandIn } from "../support/stand-ins/smtp";
import { signGeneric } from "../integration/support/webhook-signing";
import { BASE_PORT, clusterSkipReason, DIST_DIR, SERVER_URL } from "./support/cluster-env";
import { httpsGet } from "./support/https-client";
import { PENDING_DOMAIN, PLATFORM_CLAIM, PLATFORM_HOST, PROVEN_DOMAIN, seedCluster, type ClusterSeed } from "./support/seed-cluster";

const skipReason = await clusterSkipReason();
if (skipReason) console.warn(`\n(${skipReason})\n`);

describe.skipIf(skipReason !== null)("cluster: 2 app instances, 2 workers, PostgreSQL, Caddy", () => {
  let database: FreshDatabase;
  let smtp: SmtpStandIn;
  let cluster: Cluster;
  let seed: ClusterSeed;
  let ca: string;
  let caddyDir: string;
  let db: typeof import("../../lib/db").db;

  beforeAll(async () => {
    const started = Date.now();
    const step = (what: string) => console.log(`cluster set-up: ${what} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
    database = await createFreshDatabase(SERVER_URL, "cluster");
    step("fresh database migrated");
    process.env.DATABASE_URL = database.url;
    process.env.APP_SECRET ??= "cluster-test-app-secret-0123456789abcdef";
    process.env.DB_POOL_MAX = "3";
    (await import("../../lib/env")).reloadEnv();
    db = (await import("../../lib/db")).db;
    seed = await seedCluster();
    step("seeded");
    smtp = await startSmtpStandIn();
    caddyDir = mkdtempSync(path.join(os.tmpdir(), "parcelpage-caddy-"));
    const logDir = path.resolve("test-results", "cluster-logs");
    mkdirSync(logDir, { recursive: true });
    cluster = await startCluster({
      databaseUrl: database.url,
      appInstances: 2,
      workers: 2,
      basePort: BASE_PORT,
      distDir: DIST_DIR,
      caddyBinary: findCaddy(),
      platformHost: PLATFORM_HOST,
      caddyDataDir: caddyDir,
      logDir,
      env: { SMTP_URL: smtp.url, SMTP_FROM: "alerts@parcelpage.test", APP_SECRET: process.env.APP_SECRET!, LOG_LEVEL: "warn", DB_POOL_MAX: "4" },
    });
    ca = readFileSync(cluster.caddy!.rootCertificatePath, "utf8");
    step("2 app instances ready, 2 workers and Caddy started");
  }, 360_000);

  afterAll(async () => {
    await cluster?.stop();
    // A start-up abandoned half-way (hook timeout) left processes no Cluster handle knows of.
    await stopLiveProcesses();
    await smtp?.close();
    const { disconnectDb } = await import("../../lib/db");
    await disconnectDb();
    await database?.drop();
    if (caddyDir) rmSync(caddyDir, { recursive: true, force: true });
  }, 60_000);

  /**
   * Polls `probe` on each instance (in parallel) until it holds there; returns the worst instance's delay
   * from the change to the start of the first request that saw it (what a visitor arriving then gets,
   * independent of how long that answer then took on a loaded machine).
   */
  async function visibleEverywhere(probe: (baseUrl: string) => Promise<boolean>, limitMs = 5_000): Promise<number> {
    const changedAt = Date.now();
    const delays = await Promise.all(
      [0, 1].map(async (index) => {
        for (;;) {
          const sentAt = Date.now();
          if (await probe(cluster.appUrl(index))) return sentAt - changedAt;
          if (Date.now() - changedAt > limitMs) throw new Error(`not visible on instance ${index + 1} after ${limitMs} ms`);
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      }),
    );
    return Math.max(...delays);
  }

  /** GET / with another Host header (fetch does not let a caller set Host). */
  function getWithHost(base: string, host: string): Promise<{ status: number; location: string | undefined }> {
    return new Promise((resolve, reject) => {
      http
        .get(`${base}/`, { headers: { host } }, (response) => {
          response.resume();
          response.on("end", () => resolve({ status: response.statusCode ?? 0, location: response.headers.location }));
        })
        .on("error", reject);
    });
  }

  it("shows a change made through one instance on every instance within 2 s", async () => {
    const parcel = seed.parcels[0]!;
    // Warm both instances' caches first: staleness, not a cold miss, is what is under test.
    for (const index of [0, 1]) {
      expect((await fetch(`${cluster.appUrl(index)}/t/${parcel.token}`)).status).toBe(200);
      expect((await fetch(`${cluster.appUrl(index)}/api/v1/branding`, { headers: { authorization: `Bearer ${seed.apiKey}` } })).status).toBe(200);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));

    // A rebrand through instance 1: the tracking page on both shows the new colour.
    const rebrand = await fetch(`${cluster.appUrl(0)}/api/v1/branding`, {
      method: "PATCH",
      headers: { authorization: `Bearer ${seed.apiKey}`, "content-type": "application/json" },
      body: JSON.stringify({ brandColor: "#123456" }),
    });
    expect(rebrand.status).toBe(200);
    const rebrandMs = await visibleEverywhere(async (base) => (await (await fetch(`${base}/t/${parcel.token}`)).text()).includes("#123456"));
    expect(rebrandMs).toBeLessThanOrEqual(2_000);

    // A scan through instance 2, processed by a worker: both instances' version and page show it.
    const before = (await (await fetch(`${cluster.appUrl(0)}/api/tracking/${parcel.token}/version`)).json()) as { version: string };
    const body = JSON.stringify({ carrier: "ups", trackingNumber: parcel.trackingNumber, events: [{ status: "IN_TRANSIT", occurredAt: new Date(Date.now() - 60_000).toISOString(), description: "Arrived at Consistency Hub" }] });
    const scan = await fetch(`${cluster.appUrl(1)}/api/webhooks/generic/${seed.slug}`, {
      method: "POST", body, headers: { "content-type": "application/json", "Parcelpage-Signature": signGeneric(body, seed.secret) },
    });
    expect(scan.status).toBe(202);
    const { deliveryId } = (await scan.json()) as { deliveryId: string };
    const waitStarted = Date.now();
    while ((await db.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId }, select: { outcome: true } })).outcome === "RECEIVED") {
      if (Date.now() - waitStarted > 20_000) throw new Error("the workers did not process the scan within 20 s");
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const scanMs = await visibleEverywhere(async (base) => {
      const version = (await (await fetch(`${base}/api/tracking/${parcel.token}/version`)).json()) as { version: string };
      return version.version !== before.version && (await (await fetch(`${base}/t/${parcel.token}`)).text()).includes("Consistency Hub");
    });
    expect(scanMs).toBeLessThanOrEqual(2_000);

    // A revoked key: refused by both instances within 2 s.
    const { revokeApiKey } = await import("../../lib/merchants/revoke-api-key");
    const key = await db.apiKey.findFirstOrThrow({ where: { merchantId: seed.merchantId }, select: { id: true } });
    const extra = await (await import("../../lib/merchants/create-api-key")).createApiKey(seed.merchantId, { name: "to revoke", rateLimitPerMinute: 1_000 });
    const extraId = (await db.apiKey.findFirstOrThrow({ where: { merchantId: seed.merchantId, NOT: { id: key.id } }, select: { id: true } })).id;
    for (const index of [0, 1]) expect((await fetch(`${cluster.appUrl(index)}/api/v1/branding`, { headers: { authorization: `Bearer ${extra.key}` } })).status).toBe(200);
    await revokeApiKey(seed.merchantId, extraId, new Date());
    const revokeMs = await visibleEverywhere(async (base) => (await fetch(`${base}/api/v1/branding`, { headers: { authorization: `Bearer ${extra.key}` } })).status === 401);
    expect(revokeMs).toBeLessThanOrEqual(2_000);

    // A domain proven after both instances were asked about it (and cached "nobody's"): served within 2 s.
    const laterDomain = "later.cluster-shop.test";
    for (const index of [0, 1]) expect((await getWithHost(cluster.appUrl(index), laterDomain)).status).not.toBe(307);
    const later = await db.merchant.findUniqueOrThrow({ where: { slug: "pending-shop" }, select: { id: true } });
    await db.merchant.update({ where: { id: later.id }, data: { customDomain: laterDomain, verifiedDomain: laterDomain } });
    const domainMs = await visibleEverywhere(async (base) => {
      const response = await getWithHost(base, laterDomain);
      return response.status === 307 && (response.location ?? "").endsWith("/pending-shop/lookup");
    });
    expect(domainMs).toBeLessThanOrEqual(2_000);
    await db.merchant.update({ where: { id: later.id }, data: { customDomain: PENDING_DOMAIN, verifiedDomain: null } });
    console.log(`cluster consistency: rebrand ${rebrandMs} ms, scan ${scanMs} ms, revoked key ${revokeMs} ms, proven domain ${domainMs} ms (limit 2,000 ms)`);
  }, 120_000);

  it("certifies a proven custom domain from Caddy's internal CA, and nothing else", async () => {
    const parcel = seed.parcels[1]!;
    const page = await httpsGet(PROVEN_DOMAIN, cluster.httpsPort, `/t/${parcel.token}`, ca);
    expect(page.status).toBe(200);
    expect(page.body).toContain("Cluster Shop");
    expect(page.certificate.subjectaltname).toContain(`DNS:${PROVEN_DOMAIN}`);
    expect(page.certificate.issuer.CN).toMatch(/Caddy Local Authority/);

    // A requested-but-unproven domain, and a name under the platform host forced into the database: no certificate, so no handshake.
    for (const name of [PENDING_DOMAIN, PLATFORM_CLAIM, "never-claimed.example"]) {
      await expect(httpsGet(name, cluster.httpsPort, `/t/${parcel.token}`, ca), name).rejects.toThrow();
    }
    // The platform host has its own certificate; the ask endpoint is not reachable through Caddy.
    const platform = await httpsGet(PLATFORM_HOST, cluster.httpsPort, `/t/${parcel.token}`, ca);
    expect(platform.status).toBe(200);
    const ask = await httpsGet(PLATFORM_HOST, cluster.httpsPort, `/api/tls/ask?domain=${PROVEN_DOMAIN}`, ca);
    expect(ask.status).toBe(404);
  }, 60_000);

  it("drains on SIGTERM: /api/ready 503 at once, no new connections, the request in flight finishes, then it exits", async () => {
    // A webhook whose body is still arriving: a request in flight when the instance is told to stop. (Not one
    // held inside its INSERT by a table lock, as before: the accept path waits on the database 2 s at
    // most and then answers 503, lib/webhooks/accept-breaker.ts.)
    const parcel = seed.parcels[1]!;
    const body = JSON.stringify({ carrier: "ups", trackingNumber: parcel.trackingNumber, events: [{ status: "IN_TRANSIT", occurredAt: new Date(Date.now() - 120_000).toISOString(), description: "In flight at SIGTERM" }] });
    const bytes = new TextEncoder().encode(body);
    let finishBody = () => {};
    const slowBody = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.slice(0, 10));
        let finished = false;
        finishBody = () => {
          if (finished) return;
          finished = true;
          controller.enqueue(bytes.slice(10));
          controller.close();
        };
      },
    });
    try {
      const inFlight = fetch(`${cluster.appUrl(0)}/api/webhooks/generic/${seed.slug}`, {
        method: "POST", body: slowBody, duplex: "half",
        headers: { "content-type": "application/json", "Parcelpage-Signature": signGeneric(body, seed.secret) },
      } as RequestInit);
      await new Promise((resolve) => setTimeout(resolve, 500));
      const sigterm = Date.now();
      const stopped = cluster.stopApp(0);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect((await fetch(`${cluster.appUrl(0)}/api/ready`)).status).toBe(503);
      // Past the 2 s grace the listener is closed: nothing new gets in, but the process is still there.
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, sigterm + 2_600 - Date.now())));
      await expect(fetch(`${cluster.appUrl(0)}/api/health`)).rejects.toThrow();
      expect(cluster.apps[0]).not.toBeNull();
      finishBody();
      const answer = await inFlight;
      expect(answer.status).toBe(202);
      await stopped;
      expect(Date.now() - sigterm).toBeLessThan(10_500);
    } finally {
      finishBody();
      if (!cluster.apps[0]) await cluster.startApp(0);
    }
  }, 60_000);

  it("rolls both app instances and a worker under load: no failed page, every acknowledged webhook and alert exactly once", async () => {
    const agent = new https.Agent({ keepAlive: true, maxSockets: 8 });
    const pageFailures: string[] = [];
    let pages = 0;
    let stop = false;
    const pageLoop = async (worker: number) => {
      for (let i = worker; !stop; i++) {
        const parcel = seed.parcels[i % seed.parcels.length]!;
        try {
          const answer = await httpsGet(PLATFORM_HOST, cluster.httpsPort, `/t/${parcel.token}`, ca, { agent });
          if (answer.status !== 200) pageFailures.push(`${answer.status} ${answer.body.slice(0, 120)}`);
        } catch (error) {
          pageFailures.push(error instanceof Error ? error.message : String(error));
        }
        pages++;
      }
    };

    // Each parcel gets scans 1, 2, 3… in order; a scan is re-sent until acknowledged, as carriers retry.
    const acknowledged: string[] = [];
    const unacknowledged: string[] = [];
    const scansSent = new Map<number, number>();
    const hookLoop = async (worker: number) => {
      for (let i = worker; !stop; i += 4) {
        const parcelIndex = 2 + (i % (seed.parcels.length - 2));
        const parcel = seed.parcels[parcelIndex]!;
        const scan = (scansSent.get(parcelIndex) ?? 0) + 1;
        scansSent.set(parcelIndex, scan);
        const occurredAt = new Date(Date.now() - 3_600_000 + scan * 1_000).toISOString();
        const body = JSON.stringify({ carrier: "ups", trackingNumber: parcel.trackingNumber, events: [{ status: "IN_TRANSIT", occurredAt, description: `Rolling scan ${scan}` }] });
        for (let attempt = 0; ; attempt++) {
          try {
            const answer = await httpsGet(PLATFORM_HOST, cluster.httpsPort, `/api/webhooks/generic/${seed.slug}`, ca, {
              agent, method: "POST", body, headers: { "content-type": "application/json", "Parcelpage-Signature": signGeneric(body, seed.secret) },
            });
            if (answer.status === 202) {
              acknowledged.push((JSON.parse(answer.body) as { deliveryId: string }).deliveryId);
              break;
            }
            unacknowledged.push(`${answer.status} ${answer.body.slice(0, 120)}`);
          } catch (error) {
            unacknowledged.push(error instanceof Error ? error.message : String(error));
          }
          if (attempt > 50) throw new Error("a webhook was never acknowledged");
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      }
    };

    const loops = [0, 1, 2].map(pageLoop).concat([0, 1, 2, 3].map(hookLoop));
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    await pause(2_000);
    for (const index of [0, 1]) {
      await cluster.stopApp(index); // SIGTERM: /api/ready 503 at once, in-flight requests finish, exit
      await pause(1_000); // one instance serves alone
      await cluster.startApp(index);
      await pause(2_500); // Caddy's health check (1 s) takes it back before the next one goes
    }
    // Then a worker, in the middle of the stream: it stops claiming and finishes what it holds.
    await cluster.restartWorker(0);
    await pause(1_500);
    stop = true;
    await Promise.all(loops);
    agent.destroy();

    // Everything acknowledged gets processed, and every alert goes out.
    const deadline = Date.now() + 60_000;
    for (;;) {
      const [waiting, unsent] = await Promise.all([
        db.webhookDelivery.count({ where: { outcome: "RECEIVED" } }),
        db.outboxMessage.count({ where: { status: { notIn: ["SENT"] } } }),
      ]);
      if (waiting === 0 && unsent === 0) break;
      if (Date.now() > deadline) throw new Error(`after 60 s: ${waiting} deliveries unprocessed, ${unsent} alerts unsent`);
      await pause(250);
    }

    console.log(`rolling restart: ${pages} page requests (${pageFailures.length} failed), ${acknowledged.length} webhooks acknowledged (${unacknowledged.length} answers to retry${unacknowledged.length ? `: ${unacknowledged.slice(0, 3).join(" | ")}` : ""}), ${smtp.messages.length} e-mails`);
    expect(pageFailures).toEqual([]);
    expect(pages).toBeGreaterThan(20);
    // Caddy retries a failed GET on the other instance, so pages alone would not notice an instance that
    // dies mid-request; a webhook POST that reached an instance is not retried by Caddy (the carrier retries
    // it, as the senders here do). With the drain, 0 or 1 POST per run needed a retry (6 runs); without it
    // (DRAIN_GRACE_MS=0 DRAIN_DEADLINE_MS=0) two runs saw 78 and 4 — timing decides, so the drain itself is
    // proven by the test above; this bound only catches a restart that cuts many.
    expect(unacknowledged.length, unacknowledged.slice(0, 5).join(" | ")).toBeLessThanOrEqual(5);

    const deliveries = await db.webhookDelivery.findMany({ where: { id: { in: acknowledged } }, select: { outcome: true, attempts: true, eventsAdded: true } });
    expect(deliveries).toHaveLength(acknowledged.length);
    expect(deliveries.filter((delivery) => delivery.outcome !== "PROCESSED" || delivery.attempts !== 1)).toEqual([]);
    // Every scan is one event, whatever was re-sent; no scan twice.
    const scans = [...scansSent.values()].reduce((sum, count) => sum + count, 0);
    const events = await db.trackingEvent.count({ where: { description: { startsWith: "Rolling scan" } } });
    expect(events).toBe(scans);
    const distinct = await db.$queryRaw<{ n: number }[]>`
      SELECT count(DISTINCT ("shipmentId", "description"))::int AS n FROM "TrackingEvent" WHERE "description" LIKE 'Rolling scan%'`;
    expect(distinct[0]!.n).toBe(events);

    // Alerts: every outbox row sent, each exactly once (the worker stamps each row's own Message-ID,
    // an HMAC of its id under the APP_SECRET this process shares with the workers: lib/notifications/message-id.ts).
    const outbox = await db.outboxMessage.findMany({ select: { id: true, status: true } });
    expect(outbox.length).toBeGreaterThanOrEqual(scansSent.size);
    expect(outbox.filter((message) => message.status !== "SENT")).toEqual([]);
    const tagOf = (messageId: string | null | undefined) => /^<([^@]+)@/.exec(messageId ?? "")?.[1];
    const sentTags = smtp.messages.map((mail) => tagOf(mail.messageId));
    expect(sentTags.toSorted()).toEqual(outbox.map((message) => tagOf(queuedMessageId("alert", message.id))).toSorted());
  }, 240_000);
});
