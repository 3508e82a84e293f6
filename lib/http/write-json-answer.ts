import type { ServerResponse } from "node:http";
import type { JsonAnswer } from "./json-response";
import { securityHeaders } from "./security-headers";

/**
 * Writes a JSON answer on a node:http response as Next.js sends a route's answer, for the answers
 * scripts/serve.ts gives before Next.js routes a request: next.config.ts's headers for every path first
 * (they win over the route's own, as in Next.js), then the answer's. What differs is only framing and
 * cache keys: the body goes with its Content-Length (Next.js sends it chunked), never gzipped (Next.js
 * gzips an answer of 1 KB or more), and without the `Vary: rsc, next-router-…` Next.js adds for its own
 * client router, which means nothing on a `no-store` answer to a POST.
 */
export function writeJsonAnswer(response: ServerResponse, answer: JsonAnswer): void {
  const headers: Record<string, string> = { ...answer.headers };
  for (const { key, value } of securityHeaders(process.env.NODE_ENV === "development")) {
    delete headers[key.toLowerCase()];
    headers[key] = value;
  }
  const body = Buffer.from(answer.text);
  headers["content-length"] = String(body.byteLength);
  response.writeHead(answer.status, headers);
  response.end(body);
}
