import type { IncomingMessage, ServerResponse } from "node:http";
import { stampClientAddress } from "../lookup/client-ip";
import { refuseWebhookEarly } from "../webhooks/accept-refusing";
import { serveWebhookFastLane } from "../webhooks/fast-lane";
import { isDraining } from "./draining";

/**
 * What scripts/serve.ts does with every request before Next.js, in this order; true when it answered the
 * request itself. `fastLane: false` under `next dev` (this module graph does not reload, and the route
 * should be served as edited).
 */
export function answerBeforeNext(request: IncomingMessage, response: ServerResponse, options: { hops: number; fastLane: boolean }): boolean {
  stampClientAddress(request, options.hops);
  // While draining, every answer retires its keep-alive connection, so the proxy opens its next one elsewhere.
  if (isDraining()) response.setHeader("connection", "close");
  // The database is known down: a webhook gets the route's own 503 here, without reading its body.
  if (refuseWebhookEarly(request.method, request.url, response)) return true;
  // Webhooks are answered here by the route's own code, without a pass through Next.js (fast-lane.ts).
  return options.fastLane && serveWebhookFastLane(request, response);
}
