import type { ServerResponse } from "node:http";
import { AppError } from "../errors";
import { jsonAnswer } from "../http/json-response";
import { writeJsonAnswer } from "../http/write-json-answer";

/**
 * Whether this process's webhook accept path is refusing right now (its breaker is open: the database is
 * known down), and the answer it gives then. The breaker (accept-breaker.ts) sets it; the route answers
 * with it, and scripts/serve.ts answers with it before Next.js routes the request at all: while refusing,
 * a webhook costs the node:http server a few microseconds instead of a pass through Next.js, which on a
 * loaded machine took most of the 100 ms a refusal may take (bench:ingest-faults scenario c, README).
 * Kept in the global symbol registry: the server and the bundled route handlers are separate module graphs
 * in one process (as lib/server/draining.ts).
 */
const KEY = Symbol.for("parcelpage.acceptRefusing");

type Store = { [KEY]?: boolean };

/** Seconds a provider is asked to wait before retrying when we cannot store its delivery. */
export const RETRY_AFTER_SECONDS = 5;

export const REFUSAL_BODY = new AppError("service_unavailable", "Temporarily unavailable, please retry.").toJSON();

export function setAcceptRefusing(refusing: boolean): void {
  (globalThis as Store)[KEY] = refusing;
}

export function isAcceptRefusing(): boolean {
  return (globalThis as Store)[KEY] === true;
}

/** The webhook endpoint's path (POST /api/webhooks/{provider}/{merchantSlug}), query string allowed. */
const WEBHOOK_PATH = /^\/api\/webhooks\/[^/?#]+\/[^/?#]+(?:\?|$)/;

/**
 * For the node:http server in front of Next.js: answers a webhook POST with the route's own 503 while the
 * accept path refuses, and says whether it did: the same answer, headers included, as the route's and the
 * fast lane's (fast-lane.ts). The unread body is discarded by node:http.
 */
export function refuseWebhookEarly(method: string | undefined, url: string | undefined, response: ServerResponse): boolean {
  if (method !== "POST" || !url || !isAcceptRefusing() || !WEBHOOK_PATH.test(url)) return false;
  writeJsonAnswer(response, jsonAnswer(503, REFUSAL_BODY, { "Retry-After": String(RETRY_AFTER_SECONDS) }));
  return true;
}
