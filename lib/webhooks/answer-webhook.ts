import { errorAnswer, jsonAnswer, type JsonAnswer } from "../http/json-response";
import { MAX_WEBHOOK_BYTES, receiveWebhook } from "./receive-webhook";

/** A webhook request as both of its doors see it: the Next.js route and scripts/serve.ts's fast lane. */
export interface WebhookRequest {
  /** The body as text, refused past `limit` bytes (AppError payload_too_large). */
  readBody(limit: number): Promise<string>;
  headers: Headers;
  query: URLSearchParams;
}

/**
 * Everything `POST /api/webhooks/{provider}/{merchantSlug}` answers, whichever door the request came
 * through: the body limit, the accept path, and how an error becomes an answer. The route
 * (app/api/webhooks/…/route.ts, all `next dev` serves) and the fast lane (fast-lane.ts) only adapt their
 * request and write this answer, so the two cannot drift apart.
 */
export async function answerWebhook(provider: string, merchantSlug: string, request: WebhookRequest): Promise<JsonAnswer> {
  try {
    const body = await request.readBody(MAX_WEBHOOK_BYTES);
    const answer = await receiveWebhook(provider, merchantSlug, { body, headers: request.headers, query: request.query }, new Date());
    return jsonAnswer(answer.status, answer.body, answer.headers);
  } catch (error) {
    return errorAnswer(error);
  }
}
