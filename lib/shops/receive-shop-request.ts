import { AppError } from "../errors";
import { readBytesLimited } from "../http/read-body";
import { clientIp } from "../lookup/client-ip";
import { MAX_WEBHOOK_BYTES, type WebhookAnswer } from "../webhooks/receive-webhook";
import { countFailedVerification, failedVerificationWait } from "./failed-verification-limit";
import type { ShopPlatform } from "./platforms";
import { receiveShopWebhook } from "./receive-shop-webhook";

/**
 * What both shop routes do with a request: refuse an address that has failed verification too often (429
 * with Retry-After, before the body is read or hashed), read the body within the size limit, receive it
 * (lib/shops/receive-shop-webhook.ts), and count the request against its address if it failed
 * verification. A failure counted past the limit (it was in flight when the limit filled) is answered 429,
 * not 401, so no more than the limit of failures per window ever reach an answer that says why. A request
 * with no client address (one that did not come through scripts/serve.ts) is not limited: all such
 * requests would share one counter, and strangers could then throttle the real shop.
 */
export async function receiveShopRequest(platform: ShopPlatform, merchantSlug: string, request: Request, now: Date): Promise<WebhookAnswer> {
  const client = clientIp(request.headers);
  const limited = client !== "unknown";
  if (limited) {
    const wait = await failedVerificationWait(client, platform, merchantSlug, now);
    if (wait > 0) return rateLimited(wait);
  }
  let answer: WebhookAnswer;
  try {
    const bytes = await readBytesLimited(request, MAX_WEBHOOK_BYTES);
    answer = await receiveShopWebhook(platform, merchantSlug, bytes, request.headers, now);
  } catch (error) {
    if (limited && error instanceof AppError && error.code === "payload_too_large") await countFailedVerification(client, null, now);
    throw error;
  }
  if (limited && (answer.status === 401 || answer.status === 404)) {
    const wait = await countFailedVerification(client, answer.status === 401 ? { platform, slug: merchantSlug } : null, now);
    if (wait > 0) return rateLimited(wait);
  }
  return answer;
}

function rateLimited(wait: number): WebhookAnswer {
  return {
    status: 429,
    body: new AppError("rate_limited", `Too many failed signature checks from your address. Retry after ${wait} s.`).toJSON(),
    headers: { "Retry-After": String(wait) },
  };
}
