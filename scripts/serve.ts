/**
 * The web server: Next.js behind a plain node:http server, so every request is stamped with its client
 * address (socket + TRUST_PROXY_HOPS, lib/lookup/client-ip.ts) before Next.js sees it — Next.js itself
 * exposes no socket address and lets a client-sent X-Forwarded-For stand. `npm start` and the e2e server
 * run this instead of `next start`.
 *
 *   tsx scripts/serve.ts --port 3000 [--hostname 127.0.0.1] [--dev]
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
const { stampClientAddress } = await import("../lib/lookup/client-ip");
const hops = env().TRUST_PROXY_HOPS;

const app = next({ dev, dir: process.cwd(), hostname, port });
const handle = app.getRequestHandler();
await app.prepare();
const server = http.createServer((request, response) => {
  stampClientAddress(request, hops);
  void handle(request, response);
});
if (dev) {
  const upgrade = app.getUpgradeHandler();
  server.on("upgrade", (request, socket, head) => void upgrade(request, socket, head));
}
server.keepAliveTimeout = 65_000;
server.listen(port, hostname, () => console.log(`▲ Next.js ready on http://${loopbackHost}:${port} (client address: ${hops ? `${hops} trusted proxy hop(s)` : "socket"})`));

async function stop() {
  server.close();
  await app.close();
  process.exit(0);
}
process.once("SIGTERM", () => void stop());
process.once("SIGINT", () => void stop());
