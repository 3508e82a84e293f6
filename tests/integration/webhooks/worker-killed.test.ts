import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../lib/db";
import { processPendingDeliveries } from "../../../lib/webhooks/process-pending";
import { resetDatabase } from "../support/reset-database";
import { merchantWithConnections, registerShipment, SECRETS } from "../support/demo-merchant";
import { serveWebhooks, type WebhookServer } from "../support/serve-webhooks";
import { signGeneric } from "../support/webhook-signing";

const repo = path.resolve(import.meta.dirname, "../../..");
const onPostgres = process.env.INTEGRATION_DB === "postgres";

// A worker process SIGKILLed in the middle of a batch: its transaction never commits, the deliveries it
// had claimed are pending again, and the next worker processes each exactly once. PostgreSQL only: on
// pglite-server every connection shares one session, so a transaction left open by a killed client is
// the session's, not the client's (STACK.md) — one worker runs there, beside the app.
describe.skipIf(!onPostgres)("a worker killed mid-batch", () => {
  let server: WebhookServer;
  let merchantId: string;

  beforeAll(async () => {
    await resetDatabase();
    server = await serveWebhooks({ process: "manual" });
    merchantId = (await merchantWithConnections("killed-shop")).id;
  });
  afterAll(async () => {
    await db.$executeRawUnsafe(`DROP TRIGGER IF EXISTS slow_event ON "TrackingEvent"`);
    await server.close();
  });

  it("loses nothing and processes every accepted delivery exactly once", async () => {
    const count = 20;
    for (let index = 0; index < count; index++) await registerShipment(merchantId, `K-${index}`, "ups", `1ZKILL${index}`);
    const occurredAt = new Date(Date.now() - 3_600_000).toISOString();
    for (let index = 0; index < count; index++) {
      const body = JSON.stringify({ carrier: "ups", trackingNumber: `1ZKILL${index}`, events: [{ status: "IN_TRANSIT", occurredAt, description: index === 7 ? "SLOW" : `Scan ${index}` }] });
      const response = await fetch(`${server.url}/api/webhooks/generic/killed-shop`, {
        method: "POST", body, headers: { "content-type": "application/json", "Parcelpage-Signature": signGeneric(body, SECRETS.generic) },
      });
      expect(response.status).toBe(202);
    }
    // Hold the worker inside its batch: the event insert sleeps while it carries the SLOW event.
    await db.$executeRawUnsafe(`CREATE OR REPLACE FUNCTION slow_event() RETURNS trigger AS $$
      BEGIN IF NEW."description" = 'SLOW' THEN PERFORM pg_sleep(3); END IF; RETURN NEW; END $$ LANGUAGE plpgsql`);
    await db.$executeRawUnsafe(`CREATE TRIGGER slow_event BEFORE INSERT ON "TrackingEvent" FOR EACH ROW EXECUTE FUNCTION slow_event()`);

    const worker = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts", "--only", "ingest", "--batch", "50"], {
      cwd: repo,
      env: { ...process.env, LOG_LEVEL: "silent", DB_POOL_MAX: "2" },
      stdio: "ignore",
    });
    const exited = new Promise((resolve) => worker.once("exit", resolve));
    // Wait until it is in the middle of the batch (its INSERT sleeping), then kill it.
    const deadline = Date.now() + 30_000;
    for (;;) {
      const [row] = await db.$queryRaw<{ sleeping: number }[]>`
        SELECT count(*)::int AS "sleeping" FROM pg_stat_activity WHERE "query" LIKE '%INSERT INTO "TrackingEvent"%' AND "state" = 'active' AND "pid" <> pg_backend_pid()`;
      if (row!.sleeping > 0) break;
      if (Date.now() > deadline) throw new Error("the worker never reached its batch");
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    worker.kill("SIGKILL");
    await exited;
    await db.$executeRawUnsafe(`DROP TRIGGER slow_event ON "TrackingEvent"`);

    // Nothing of the killed batch committed; its rows come free once the server notices the client is gone.
    expect(await db.webhookDelivery.count({ where: { outcome: { not: "RECEIVED" } } })).toBe(0);
    const until = Date.now() + 30_000;
    while ((await db.webhookDelivery.count({ where: { outcome: "RECEIVED" } })) > 0) {
      if (Date.now() > until) throw new Error("deliveries still pending 30 s after the worker was killed");
      await processPendingDeliveries();
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const deliveries = await db.webhookDelivery.findMany({ select: { outcome: true, attempts: true, eventsAdded: true } });
    expect(deliveries).toHaveLength(count);
    expect(deliveries.every((delivery) => delivery.outcome === "PROCESSED" && delivery.attempts === 1 && delivery.eventsAdded === 1)).toBe(true);
    expect(await db.trackingEvent.count()).toBe(count);
  });
});
