import { AppError } from "../errors";
import { logger } from "../logger";

/**
 * The size under which an answer is not worth compressing: the threshold of the `compression` middleware
 * Next.js runs on every answer. It never applies to a route's answer, because Next.js drops the route's
 * Content-Length before the middleware looks, so a 40-byte `202` was gzipped too — setting up a gzip
 * stream cost 13–14 % of the server's CPU under `bench:ingest`, more than the webhook's own work. Answers
 * under it say `no-transform`, which the middleware honours (and which asks any proxy the same).
 */
export const COMPRESS_THRESHOLD_BYTES = 1024;

/** A JSON answer before it becomes a Response (route handlers) or is written to a node:http response (scripts/serve.ts). */
export interface JsonAnswer {
  status: number;
  text: string;
  /** Lower-case names. */
  headers: Record<string, string>;
}

export function jsonAnswer(status: number, body: unknown, headers: Record<string, string> = {}): JsonAnswer {
  const text = JSON.stringify(body);
  const small = Buffer.byteLength(text) < COMPRESS_THRESHOLD_BYTES;
  const answer: JsonAnswer = {
    status,
    text,
    headers: { "content-type": "application/json", "cache-control": small ? "no-store, no-transform" : "no-store" },
  };
  for (const [name, value] of Object.entries(headers)) answer.headers[name.toLowerCase()] = value;
  return answer;
}

export function toResponse(answer: JsonAnswer): Response {
  return new Response(answer.text, { status: answer.status, headers: answer.headers });
}

export function jsonResponse(status: number, body: unknown, headers?: Record<string, string>): Response {
  return toResponse(jsonAnswer(status, body, headers));
}

/** The one way an error becomes an answer: AppErrors as they are, anything else a bare 500, never a stack. */
export function errorAnswer(error: unknown): JsonAnswer {
  if (error instanceof AppError) return jsonAnswer(error.status, error.toJSON());
  logger.error({ err: error instanceof Error ? error.stack : String(error) }, "unhandled error in route");
  return jsonAnswer(500, new AppError("internal", "Something went wrong on our side.").toJSON());
}

export function errorResponse(error: unknown): Response {
  return toResponse(errorAnswer(error));
}
