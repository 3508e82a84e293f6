/**
 * `npm run worker`: processes stored webhook deliveries (lib/webhooks/ingest-worker.ts) and runs the alerts
 * outbox worker. Sends through SMTP (SMTP_URL) and Twilio (TWILIO_*), or
 * the file transports (.data/outbox) when they are unset. Against PostgreSQL run as many as you like; on
 * the embedded database `npm start` runs one beside the app (PGlite shares one session: more add nothing).
 *
 *   npm run worker -- [--concurrency 8] [--lease 30] [--id name] [--only ingest|alerts] [--batch 250 (25 on PGlite)]
 *
 * SIGTERM/SIGINT: stops claiming, lets messages in flight finish, exits.
 */
import { parseArgs } from "node:util";
import { withDatabase } from "./with-database";

const { values } = parseArgs({
  options: {
    concurrency: { type: "string", default: "8" },
    lease: { type: "string", default: "30" },
    id: { type: "string" },
    only: { type: "string" },
    batch: { type: "string" },
  },
  strict: true,
});

const concurrency = Number(values.concurrency);
const leaseSeconds = Number(values.lease);
if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 256) throw new Error("--concurrency must be 1–256");
if (!Number.isFinite(leaseSeconds) || leaseSeconds < 2) throw new Error("--lease must be at least 2 seconds");
if (values.only !== undefined && values.only !== "ingest" && values.only !== "alerts") throw new Error("--only must be ingest or alerts");
const batchSize = values.batch === undefined ? undefined : Number(values.batch);
if (batchSize !== undefined && (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 1_000)) throw new Error("--batch must be 1–1000");
const runIngest = values.only !== "alerts";
const runAlerts = values.only !== "ingest";

await withDatabase(async () => {
  const { channelsFromEnv } = await import("../lib/notifications/channels");
  const { OutboxWorker } = await import("../lib/notifications/outbox/worker");
  const { IngestWorker } = await import("../lib/webhooks/ingest-worker");
  const { disconnectDb } = await import("../lib/db");
  const { closeSentPool } = await import("../lib/notifications/outbox/sent-pool");
  const ingest = runIngest ? new IngestWorker({ workerId: values.id && `${values.id}-ingest`, batchSize }) : null;
  if (ingest) {
    await ingest.start();
    console.log(`Ingest worker ${ingest.id}: ${ingest.listening ? "LISTEN/NOTIFY" : "polling"}.`);
  }
  const channels = runAlerts ? channelsFromEnv({ smtpConnections: concurrency }) : null;
  const worker = channels ? new OutboxWorker({ channels, concurrency, leaseMs: leaseSeconds * 1000, workerId: values.id }) : null;
  if (worker && channels) {
    await worker.start();
    console.log(
      `Alerts worker ${worker.id}: email via ${channels.email.kind}, SMS via ${channels.sms.kind}; ${worker.listening ? "LISTEN/NOTIFY" : "polling"}.`,
    );
  }
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once("SIGTERM", stop);
    process.once("SIGINT", stop);
  });
  await ingest?.stop();
  await worker?.stop();
  await channels?.email.close();
  await channels?.sms.close();
  await closeSentPool();
  await disconnectDb();
  if (ingest) console.log(`Ingest worker stopped: ${JSON.stringify(ingest.stats)}`);
  if (worker) console.log(`Alerts worker stopped: ${JSON.stringify(worker.stats)}`);
});
