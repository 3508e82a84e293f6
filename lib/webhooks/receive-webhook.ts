import { randomBytes } from "node:crypto";
import { getAdapter } from "../carriers/registry";
import { PROVIDERS, type Provider, type RawDelivery } from "../carriers/types";
import { openSecret } from "../crypto/secret-box";
import { AppError } from "../errors";
import { CONNECTION_SECRET_PURPOSE } from "../merchants/set-provider-connection";
import { logger } from "../logger";
import { isDatabaseUnavailable } from "./database-unavailable";
import { acceptBreaker, isAcceptUnavailable } from "./accept-breaker";
import { REFUSAL_BODY, RETRY_AFTER_SECONDS } from "./accept-refusing";
import { acceptQueue } from "./accept-queue";
import { findConnection, forgetConnections, type Connection } from "./connection-cache";
import { parseBody } from "./process-delivery";

export const MAX_WEBHOOK_BYTES = 1024 * 1024;

/** Headers worth keeping with a stored delivery (signatures and ids for support; never cookies or auth). */
const KEPT_HEADERS = [
  "content-type", "user-agent", "x-hmac-signature", "aftership-hmac-sha256", "shippo-auth-signature",
  "parcelpage-signature", "x-request-id", "x-amzn-trace-id",
];

export interface WebhookAnswer {
  status: number;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
}

const UNAUTHORIZED: WebhookAnswer = { status: 401, body: new AppError("unauthorized", "Signature verification failed.").toJSON() };
// The very same body as a wrong signature (docs/webhooks.md promises it); only the status says "check the URL"
// (slugs are public anyway: the lookup page shows them).
const NOT_FOUND: WebhookAnswer = { status: 404, body: UNAUTHORIZED.body };
export { RETRY_AFTER_SECONDS };

/**
 * The accept path, all a provider waits for: verify the signature (connection secrets cached a few
 * seconds), parse and validate the body without the database, and store the raw delivery — pending, in a
 * group-committed INSERT — then answer 202. Processing happens behind it (lib/webhooks/process-pending.ts).
 * A body not in the provider's shape is stored as FAILED and answered 400 in the request, as before.
 */
export async function receiveWebhook(
  providerParam: string,
  merchantSlug: string,
  delivery: RawDelivery,
  now: Date,
): Promise<WebhookAnswer> {
  const provider = (PROVIDERS as readonly string[]).includes(providerParam) ? (providerParam as Provider) : null;
  const adapter = provider ? getAdapter(provider) : null;
  const queue = acceptQueue();
  if (queue.refusing) return unavailable("database down (recently checked)");

  let connection: Connection | null = null;
  try {
    // Guarded: fails at once when another request finds the database down meanwhile (accept-breaker.ts).
    connection = provider ? await acceptBreaker().guard(() => findConnection(provider, merchantSlug)) : null;
  } catch (error) {
    if (isAcceptUnavailable(error) || isDatabaseUnavailable(error)) return unavailable(error);
    throw error;
  }

  if (!adapter || !provider || !connection) {
    // Do the same work a real check does, so timing does not tell unknown slugs from bad signatures.
    (adapter ?? getAdapter("generic")!).verify(delivery, randomBytes(32).toString("hex"), now);
    return NOT_FOUND;
  }

  const verdict = adapter.verify(delivery, openSecret(connection.secretCiphertext, CONNECTION_SECRET_PURPOSE), now);
  if (!verdict.ok) {
    logger.warn({ provider, merchantSlug, reason: verdict.reason }, "webhook rejected");
    return UNAUTHORIZED;
  }

  const body = storableBody(delivery.body);
  const parsed = parseBody(provider, body, now);
  const invalid = parsed instanceof AppError ? parsed : null;
  const outcome = parsed instanceof AppError ? "FAILED" : parsed.length === 0 ? "IGNORED" : "RECEIVED";
  let deliveryId: string;
  try {
    deliveryId = await queue.store({
      merchantId: connection.merchantId,
      provider,
      headers: keptHeaders(delivery.headers),
      body,
      signature: verdict.scheme ?? provider,
      receivedAt: now,
      outcome,
      error: invalid?.message.slice(0, 1000) ?? null,
    });
  } catch (error) {
    if (isAcceptUnavailable(error)) return unavailable(error);
    if (isDatabaseUnavailable(error)) return unavailable(error);
    // A connection cached for a merchant deleted since: look it up afresh next time.
    forgetConnections();
    throw error;
  }

  if (invalid) return { status: 400, body: invalid.toJSON() };
  if (outcome === "IGNORED") return { status: 200, body: { received: true, deliveryId, ignored: true } };
  return { status: 202, body: { received: true, deliveryId } };
}

function unavailable(error: unknown): WebhookAnswer {
  logger.error({ err: error instanceof Error ? error.message : String(error) }, "webhook not accepted: database unavailable or queue full");
  return {
    status: 503,
    body: REFUSAL_BODY,
    headers: { "Retry-After": String(RETRY_AFTER_SECONDS) },
  };
}

/**
 * PostgreSQL text cannot hold a NUL, and a delivery that cannot be stored used to answer 500 (retried for
 * days). A raw NUL byte is kept as the six characters `\u0000` instead: the row shows where it was, and
 * parsing refuses it either way (invalid JSON, or a control character in a field), so it is a 400.
 */
function storableBody(body: string): string {
  return body.includes("\u0000") ? body.replaceAll("\u0000", "\\u0000") : body;
}

function keptHeaders(headers: Headers): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of KEPT_HEADERS) {
    const value = headers.get(name);
    if (value !== null) kept[name] = value.slice(0, 500);
  }
  return kept;
}

export { UNAUTHORIZED, NOT_FOUND };
