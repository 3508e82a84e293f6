/**
 * The REST API's one request pipeline: authenticate the key → rate-limit it → run the endpoint → answer
 * JSON with the rate headers. Route files stay a few lines each and call lib/ functions.
 */
import type { z } from "zod";
import { AppError, fromZodError } from "../errors";
import { errorResponse, jsonResponse } from "../http/json-response";
import { readBodyLimited } from "../http/read-body";
import { findUnsafeValue } from "../validation/safe-text";
import { isWellFormedId } from "../validation/ids";
import { authenticateApiKey, type ApiPrincipal } from "../merchants/authenticate-api-key";
import { consumeRateLimit, type RateDecision } from "./rate-limit";

export const MAX_API_BODY_BYTES = 256 * 1024;

export interface ApiContext {
  principal: ApiPrincipal;
  merchantId: string;
  request: Request;
  now: Date;
}

export type ApiAnswer = { status: number; body: unknown; headers?: Record<string, string> };

function rateHeaders(decision: RateDecision | null): Record<string, string> {
  if (!decision) return {};
  return {
    "X-RateLimit-Limit": String(decision.limit),
    "X-RateLimit-Remaining": String(decision.remaining),
    ...(decision.allowed ? {} : { "Retry-After": String(decision.retryAfter) }),
  };
}

/**
 * `ids` are the URL's id segments by the name used in the 404 ("order": orderId): one that cannot be an
 * id we issued is answered 404 before the key is even looked up, so it never reaches a query.
 */
export async function handleApi(
  request: Request,
  run: (context: ApiContext) => Promise<ApiAnswer>,
  ids: Record<string, string> = {},
): Promise<Response> {
  let decision: RateDecision | null = null;
  try {
    for (const [what, id] of Object.entries(ids)) if (!isWellFormedId(id)) notFound(what);
    const now = new Date();
    const principal = await authenticateApiKey(request.headers.get("authorization"));
    decision = await consumeRateLimit(principal.apiKeyId, principal.rateLimitPerMinute, now);
    if (!decision.allowed) {
      throw new AppError("rate_limited", `Too many requests for this API key (${decision.limit} per minute). Retry after ${decision.retryAfter} s.`);
    }
    const answer = await run({ principal, merchantId: principal.merchantId, request, now });
    return jsonResponse(answer.status, answer.body, { ...rateHeaders(decision), ...answer.headers });
  } catch (error) {
    const response = errorResponse(error);
    for (const [name, value] of Object.entries(rateHeaders(decision))) response.headers.set(name, value);
    if (error instanceof AppError && error.code === "unauthorized") response.headers.set("WWW-Authenticate", 'Bearer realm="parcelpage"');
    return response;
  }
}

/** Reads and parses a JSON body; malformed JSON is 400, a body that breaks the schema 422. */
export async function readJson(request: Request): Promise<{ text: string; value: unknown }> {
  const text = await readBodyLimited(request, MAX_API_BODY_BYTES);
  if (text.trim() === "") throw new AppError("invalid_payload", "The request body must be a JSON object.");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AppError("invalid_payload", "The request body is not valid JSON.");
  }
  // The floor under every body schema: no field anywhere may carry a NUL or other control character.
  const unsafe = findUnsafeValue(value);
  if (unsafe) {
    const where = unsafe.path ? `body.${unsafe.path}` : "body";
    throw new AppError("validation_failed", `${where}: ${unsafe.message}`, [{ path: unsafe.path, message: unsafe.message }]);
  }
  return { text, value };
}

export function parseWith<S extends z.ZodType>(schema: S, value: unknown, what = "body"): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw fromZodError(parsed.error, "validation_failed", what);
  return parsed.data;
}

export function queryObject(request: Request): Record<string, string> {
  return Object.fromEntries(new URL(request.url).searchParams);
}

export function notFound(what: string): never {
  throw new AppError("not_found", `No such ${what}.`);
}
