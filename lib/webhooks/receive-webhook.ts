import { randomBytes } from "node:crypto";
import { db } from "../db";
import { getAdapter } from "../carriers/registry";
import { PROVIDERS, type Provider, type RawDelivery } from "../carriers/types";
import { openSecret } from "../crypto/secret-box";
import { AppError } from "../errors";
import { CONNECTION_SECRET_PURPOSE } from "../merchants/set-provider-connection";
import { logger } from "../logger";
import { isDatabaseUnavailable } from "./database-unavailable";
import { ingestQueue } from "./ingest-queue";
import { parseDelivery, type ProcessOutcome } from "./process-delivery";

export const MAX_WEBHOOK_BYTES = 1024 * 1024;

/** Headers worth keeping with a stored delivery (signatures and ids for support; never cookies or auth). */
const KEPT_HEADERS = [
  "content-type", "user-agent", "x-hmac-signature", "aftership-hmac-sha256", "shippo-auth-signature",
  "parcelpage-signature", "x-request-id", "x-amzn-trace-id",
];

export interface WebhookAnswer {
  status: number;
  body: Record<string, unknown>;
}

const UNAUTHORIZED: WebhookAnswer = { status: 401, body: new AppError("unauthorized", "Signature verification failed.").toJSON() };
// The very same body as a wrong signature (docs/webhooks.md promises it); only the status says "check the URL"
// (slugs are public anyway: the lookup page shows them).
const NOT_FOUND: WebhookAnswer = { status: 404, body: UNAUTHORIZED.body };

/**
 * The whole webhook path: verify before anything is parsed, store the raw delivery durably, then
 * process it. The answer is 2xx only once the delivery is stored.
 */
export async function receiveWebhook(
  providerParam: string,
  merchantSlug: string,
  delivery: RawDelivery,
  now: Date,
): Promise<WebhookAnswer> {
  const provider = (PROVIDERS as readonly string[]).includes(providerParam) ? (providerParam as Provider) : null;
  const adapter = provider ? getAdapter(provider) : null;

  let connection: { merchantId: string; secretCiphertext: string } | null = null;
  try {
    connection = provider
      ? await db.providerConnection.findFirst({
          where: { provider, merchant: { slug: merchantSlug } },
          select: { merchantId: true, secretCiphertext: true },
        })
      : null;
  } catch (error) {
    if (isDatabaseUnavailable(error)) return unavailable(error);
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

  let deliveryId: string;
  try {
    const stored = await db.webhookDelivery.create({
      data: {
        merchantId: connection.merchantId,
        provider,
        headers: keptHeaders(delivery.headers),
        body: storableBody(delivery.body),
        signature: verdict.scheme ?? provider,
        receivedAt: now,
      },
      select: { id: true },
    });
    deliveryId = stored.id;
  } catch (error) {
    if (isDatabaseUnavailable(error)) return unavailable(error);
    throw error;
  }

  const stored = { id: deliveryId, merchantId: connection.merchantId, provider, body: storableBody(delivery.body) };
  const parsed = await parseDelivery(stored, now);
  const outcome = "kind" in parsed ? parsed : await ingestQueue().submit(parsed, now);
  return answerFor(deliveryId, outcome);
}

function answerFor(deliveryId: string, outcome: ProcessOutcome): WebhookAnswer {
  switch (outcome.kind) {
    case "processed":
      return { status: 200, body: { received: true, deliveryId, eventsAdded: outcome.eventsAdded } };
    case "ignored":
      return { status: 200, body: { received: true, deliveryId, ignored: true } };
    case "unmatched":
      return { status: 202, body: { received: true, deliveryId, unmatched: outcome.trackingNumbers } };
    case "invalid":
      return { status: 400, body: outcome.error.toJSON() };
    case "unavailable":
      // Stored, but not processed: the provider's retry (or webhooks:replay) finishes the job.
      return { status: 503, body: new AppError("service_unavailable", "Stored; processing will be retried.").toJSON() };
  }
}

function unavailable(error: unknown): WebhookAnswer {
  logger.error({ err: error instanceof Error ? error.message : String(error) }, "database unavailable for webhook");
  return { status: 503, body: new AppError("service_unavailable", "Temporarily unavailable, please retry.").toJSON() };
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
