/**
 * Bench-only preload for the app server (`node --import tsx --import ./scripts/bench/render-counter.ts
 * scripts/serve.ts`): counts, at the HTTP layer of the server process, what the tracking page cost.
 * Nothing in the product changes and nothing new is reachable over HTTP: the counts are printed on this
 * process's stdout when the process that started it sends SIGUSR2 (only the machine's user can).
 *
 * - `views`: page loads of /t/{token} from clients (not our loopback), by how they were answered:
 *   `cached` (the proxy's hashed-CSP document from PageCache) or `perRequest` (a nonce CSP: the page was
 *   rendered for that visitor because the cached path failed), and `non200`;
 * - `renders`: loopback renders of /t/{token} that PageCache asked for (requests carrying its render
 *   header, recognised by name only; the secret value is never read);
 * - `versionChecks`: PageCache's revalidations (GET /api/tracking/{token}/version);
 * - `webhooks`: POSTs to /api/webhooks/*, by status class.
 */
import http from "node:http";
import { COUNTER_LINE, type Counters } from "./counters";

const RENDER_HEADER = "x-pp-render";

const counts: Counters = {
  views: 0,
  cached: 0,
  perRequest: 0,
  non200: 0,
  renders: 0,
  versionChecks: 0,
  webhooks2xx: 0,
  webhooksOther: 0,
};

function observe(request: http.IncomingMessage, response: http.ServerResponse) {
  const url = request.url ?? "";
  if (url.startsWith("/t/")) {
    if (request.headers[RENDER_HEADER] !== undefined) {
      counts.renders++;
      return;
    }
    if (request.method !== "GET" && request.method !== "HEAD") return;
    response.once("finish", () => {
      counts.views++;
      if (response.statusCode !== 200) counts.non200++;
      const csp = String(response.getHeader("content-security-policy") ?? "");
      if (csp.includes("'nonce-")) counts.perRequest++;
      else counts.cached++;
    });
  } else if (/^\/api\/tracking\/[^/]+\/version/.test(url)) counts.versionChecks++;
  else if (url.startsWith("/api/webhooks/") && request.method === "POST") {
    response.once("finish", () => {
      if (response.statusCode >= 200 && response.statusCode < 300) counts.webhooks2xx++;
      else counts.webhooksOther++;
    });
  }
}

const emit = http.Server.prototype.emit;
http.Server.prototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
  if (event === "request") observe(args[0] as http.IncomingMessage, args[1] as http.ServerResponse);
  return emit.apply(this, [event, ...args] as Parameters<typeof emit>);
} as typeof emit;

process.on("SIGUSR2", () => {
  process.stdout.write(`\n${COUNTER_LINE}${JSON.stringify(counts)}\n`);
});
