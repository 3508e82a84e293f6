import type { IncomingMessage, ServerResponse } from "node:http";
import { errorAnswer, type JsonAnswer } from "../http/json-response";
import { readNodeBodyLimited } from "../http/read-node-body";
import { writeJsonAnswer } from "../http/write-json-answer";
import { logger } from "../logger";
import { answerWebhook } from "./answer-webhook";

/**
 * The webhook URL in its plain spelling: segments of letters, digits, `_` and `-` (every provider name and
 * merchant slug), no percent-encoding, no trailing slash. Any other spelling goes on to Next.js, whose
 * route decodes and answers it the same way.
 */
const PLAIN_WEBHOOK_URL = /^\/api\/webhooks\/([A-Za-z0-9_-]+)\/([A-Za-z0-9_-]+)(?:\?|$)/;

/**
 * The accept path's fast lane, for the node:http server in front of Next.js (scripts/serve.ts): answers
 * `POST /api/webhooks/{provider}/{merchantSlug}` itself, with the very answerWebhook the Next.js route
 * calls, and says whether it took the request. Next.js spent more on a webhook than the webhook's own work:
 * matching the dynamic route and building its params, a web Request around the node one, and gzipping the
 * answer; a no-op route at this URL reached only 0.76–0.85 of a static one's rate (docs/webhooks.md).
 * Whatever serve.ts does before Next.js still happens first: client address stamping, `connection: close`
 * while draining, and the early 503 while the database is known down.
 */
export function serveWebhookFastLane(request: IncomingMessage, response: ServerResponse): boolean {
  if (request.method !== "POST" || !request.url) return false;
  const match = PLAIN_WEBHOOK_URL.exec(request.url);
  if (!match) return false;
  const [, provider, merchantSlug] = match;
  void answerFromNode(provider!, merchantSlug!, request)
    .then((answer) => {
      if (!response.headersSent && !response.destroyed) writeJsonAnswer(response, answer);
    })
    .catch((error: unknown) => {
      // Writing failed (the client is gone): nothing left to answer, and never an unhandled rejection.
      logger.warn({ err: error instanceof Error ? error.message : String(error) }, "webhook answer not written");
      response.destroy();
    });
  return true;
}

async function answerFromNode(provider: string, merchantSlug: string, request: IncomingMessage): Promise<JsonAnswer> {
  try {
    return await answerWebhook(provider, merchantSlug, {
      readBody: (limit) => readNodeBodyLimited(request, limit),
      headers: headersOf(request),
      // As the route reads it (new URL(request.url).searchParams): the same decoding, a fragment dropped.
      query: new URL(request.url!, "http://fast-lane.invalid").searchParams,
    });
  } catch (error) {
    // Only adapting the request can throw here (answerWebhook answers every error itself).
    return errorAnswer(error);
  }
}

/** The request's headers as Next.js hands them to a route (next/dist/server/web/utils fromNodeOutgoingHttpHeaders). */
function headersOf(request: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    for (const item of Array.isArray(value) ? value : [value]) if (item !== undefined) headers.append(name, item);
  }
  return headers;
}
