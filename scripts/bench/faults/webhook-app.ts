/**
 * The app's webhook route and health check, as a process of their own, without a Next.js build: what the
 * fault test SIGKILLs mid-accept and keeps serving through a database restart. The route handlers are the
 * real ones (app/api/webhooks/…/route.ts, app/api/health/route.ts); only Next.js's HTTP layer is replaced
 * by node:http. The bench runs the production build instead (scripts/bench/ingest-faults.ts --app next).
 *
 *   DATABASE_URL=… APP_SECRET=… node --import tsx scripts/bench/faults/webhook-app.ts --port 4210
 */
import http from "node:http";
import { Readable } from "node:stream";
import { parseArgs } from "node:util";
import { GET as health } from "../../../app/api/health/route";
import { POST as webhook } from "../../../app/api/webhooks/[provider]/[merchant]/route";

const { values } = parseArgs({ options: { port: { type: "string" } }, strict: true });
const port = Number(values.port);
if (!Number.isInteger(port) || port < 1 || port > 65_535) throw new Error("--port must be a port number");

async function answer(req: http.IncomingMessage): Promise<Response> {
  const url = new URL(req.url ?? "/", `http://127.0.0.1:${port}`);
  if (req.method === "GET" && url.pathname === "/api/health") return health();
  const match = /^\/api\/webhooks\/([^/]+)\/([^/]+)$/.exec(url.pathname);
  if (!match || req.method !== "POST") return new Response(null, { status: 404 });
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
  const request = new Request(url, { method: "POST", headers, body: Readable.toWeb(req) as ReadableStream<Uint8Array>, duplex: "half" } as RequestInit);
  return webhook(request, { params: Promise.resolve({ provider: match[1]!, merchant: match[2]! }) });
}

const server = http.createServer((req, res) => {
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
