/**
 * The app's webhook endpoint and health check, as a process of their own, without a Next.js build: what the
 * fault test SIGKILLs mid-accept and keeps serving through a database restart. Webhooks are answered as
 * scripts/serve.ts answers them in production, before Next.js (lib/server/before-next.ts: the early 503
 * and the fast lane, which runs the route's own answerWebhook); the health check is the real route handler
 * (app/api/health/route.ts) behind node:http. The bench runs the production build instead
 * (scripts/bench/ingest-faults.ts --app next).
 *
 *   DATABASE_URL=… APP_SECRET=… node --import tsx scripts/bench/faults/webhook-app.ts --port 4210
 */
import http from "node:http";
import { parseArgs } from "node:util";
import { GET as health } from "../../../app/api/health/route";
import { answerBeforeNext } from "../../../lib/server/before-next";

const { values } = parseArgs({ options: { port: { type: "string" } }, strict: true });
const port = Number(values.port);
if (!Number.isInteger(port) || port < 1 || port > 65_535) throw new Error("--port must be a port number");

async function answer(req: http.IncomingMessage): Promise<Response> {
  const url = new URL(req.url ?? "/", `http://127.0.0.1:${port}`);
  if (req.method === "GET" && url.pathname === "/api/health") return health();
  return new Response(null, { status: 404 });
}

const server = http.createServer((req, res) => {
  if (answerBeforeNext(req, res, { hops: 0, fastLane: true })) return;
  answer(req)
    .then(async (response) => {
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    })
    .catch(() => res.writeHead(500).end());
});
server.listen(port, "127.0.0.1", () => console.log(`webhook app listening on ${port}`));
const stop = () => server.close(() => process.exit(0));
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
