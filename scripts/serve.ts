/**
 * The web server: Next.js behind a plain node:http server, so every request is stamped with its client
 * address (socket + TRUST_PROXY_HOPS, lib/lookup/client-ip.ts) before Next.js sees it — Next.js itself
 * exposes no socket address and lets a client-sent X-Forwarded-For stand. `npm start` and the e2e server
 * run this instead of `next start`. It also answers webhooks itself (lib/webhooks/fast-lane.ts) with the
 * route's own code, skipping Next.js's routing and compression.
 *
 *   tsx scripts/serve.ts --port 3000 [--hostname 127.0.0.1] [--dev]
 *
 * SIGTERM/SIGINT drain it (scripts/graceful-stop.ts): /api/ready answers 503 at once, it keeps accepting
 * for a grace of 2 s if a health check polled /api/ready in the last 10 s (else none; DRAIN_GRACE_MS
 * overrides: lib/server/drain-grace.ts), requests in flight finish (at most 10 s in all), then it exits.
 */
import http from "node:http";
import { isIPv6 } from "node:net";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: { port: { type: "string", default: "3000" }, hostname: { type: "string", default: "127.0.0.1" }, dev: { type: "boolean", default: false } },
  strict: true,
});
const port = Number(values.port);
const hostname = values.hostname;
const dev = values.dev;
// Before Next.js loads: it picks its production or development behaviour from NODE_ENV at import.
if (!dev) (process.env as Record<string, string>).NODE_ENV = "production";
process.env.PORT = String(port);
// The proxy renders pages through a loopback request to this server (lib/tracking/proxy-routes.ts).
const wildcard = hostname === "0.0.0.0" || hostname === "::";
const loopbackHost = wildcard ? "127.0.0.1" : isIPv6(hostname) ? `[${hostname}]` : hostname;
process.env.__NEXT_PRIVATE_ORIGIN = `http://${loopbackHost}:${port}`;

const { default: next } = await import("next");
const { env } = await import("../lib/env");
const { startDraining } = await import("../lib/server/draining");
const { answerBeforeNext } = await import("../lib/server/before-next");
const { gracefulStop } = await import("./graceful-stop");
// Loaded now, not at the signal: compiling it then (tsx) would add to the grace the load balancer sees.
const { drainGrace, lastReadinessPollAt } = await import("../lib/server/drain-grace");
const hops = env().TRUST_PROXY_HOPS;

const app = next({ dev, dir: process.cwd(), hostname, port });
const handle = app.getRequestHandler();
await app.prepare();
const server = http.createServer((request, response) => {
  // Client address stamping, draining, the early 503 and the webhook fast lane (lib/server/before-next.ts).
  if (answerBeforeNext(request, response, { hops, fastLane: !dev })) return;
  void handle(request, response);
});
if (dev) {
  const upgrade = app.getUpgradeHandler();
  server.on("upgrade", (request, socket, head) => void upgrade(request, socket, head));
}
server.keepAliveTimeout = 65_000;
server.listen(port, hostname, () => console.log(`▲ Next.js ready on http://${loopbackHost}:${port} (client address: ${hops ? `${hops} trusted proxy hop(s)` : "socket"})`));

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  startDraining();
  // A grace only when a load balancer's health check is watching (or DRAIN_GRACE_MS says so): lib/server/drain-grace.ts.
  const grace = drainGrace(process.env.DRAIN_GRACE_MS, lastReadinessPollAt(), Date.now());
  console.log(`▲ ${signal}: draining, grace ${grace.ms} ms (${grace.reason}).`);
  const started = Date.now();
  const report = await gracefulStop(server, { graceMs: grace.ms, deadlineMs: Number(process.env.DRAIN_DEADLINE_MS ?? 10_000) });
  console.log(`▲ ${signal}: drained in ${Date.now() - started} ms (${report.finished ? "every request finished" : `${report.abandoned} connection(s) cut at the deadline`}); stopping.`);
  await app.close().catch(() => undefined);
  process.exit(0);
}
process.once("SIGTERM", () => void stop("SIGTERM"));
process.once("SIGINT", () => void stop("SIGINT"));
