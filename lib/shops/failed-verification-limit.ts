import { logger } from "../logger";
import { consume, secondsBlocked, type Limit } from "../lookup/rate-limit";
import type { ShopPlatform } from "./platforms";

/**
 * Failed verifications (a wrong or missing signature, an unknown merchant, a body over the size limit)
 * allowed per client address in a minute, before the next request from it is refused with 429 without
 * reading its body or computing an HMAC over it:
 * - per address and connected endpoint: a stranger hammering one shop's URL;
 * - per address over every shop URL: a stranger walking the (public) merchant slugs.
 * Only failures count, and only the failing address pays: a correctly signed delivery never adds to a
 * bucket, and the real shop (Shopify sends from many addresses, none of them the stranger's) never meets
 * a full one. There is deliberately no per-slug limit: it would let strangers lock the real shop out of
 * its own endpoint. Generous to a shop whose secret is wrong for a while (WooCommerce disables its webhook
 * after 5 failures anyway; Shopify retries spread over hours): the buckets empty within the minute.
 */
export const SHOP_FAILURE_LIMITS = {
  perAddressAndEndpoint: { max: 10, windowMs: 60_000 },
  perAddress: { max: 60, windowMs: 60_000 },
};

function limitsFor(client: string, endpoint: { platform: ShopPlatform; slug: string } | null): Limit[] {
  const limits: Limit[] = [{ subject: `shop-fail-ip:${client}`, ...SHOP_FAILURE_LIMITS.perAddress }];
  if (endpoint) limits.push({ subject: `shop-fail-ip-endpoint:${client}|${endpoint.platform}|${endpoint.slug}`, ...SHOP_FAILURE_LIMITS.perAddressAndEndpoint });
  return limits;
}

/**
 * Seconds this address must wait before the endpoint looks at its requests again, 0 when it may go on.
 * A database that cannot answer refuses nobody here: the webhook itself then answers 503.
 */
export async function failedVerificationWait(client: string, platform: ShopPlatform, slug: string, now: Date): Promise<number> {
  try {
    return await secondsBlocked(limitsFor(client, { platform, slug }), now);
  } catch (error) {
    logger.warn({ err: error instanceof Error ? error.message : String(error) }, "shop failure limit not checked");
    return 0;
  }
}

/**
 * Counts one failed verification, and says whether it was still within the limits: 0 when it was, else
 * the seconds until the address may try again. The check before reading (failedVerificationWait) alone is
 * approximate: every request in flight passes it before any of them is counted (8 at once let 16 failures
 * through a limit of 10). Each count here is one atomic upsert, so exactly `max` failures per window get a
 * number within the limit; the caller answers the rest 429 instead of 401. `endpoint` is set when the URL
 * named a connected shop (a wrong signature); an unknown merchant or an oversized body counts for the
 * address only. Never throws: a counter that cannot be written must not turn a 401 into a 500.
 */
export async function countFailedVerification(client: string, endpoint: { platform: ShopPlatform; slug: string } | null, now: Date): Promise<number> {
  try {
    const limits = limitsFor(client, endpoint);
    let within = true;
    for (const limit of limits) within = (await consume(limit, now)) && within;
    return within ? 0 : Math.max(1, await secondsBlocked(limits, now));
  } catch (error) {
    logger.warn({ err: error instanceof Error ? error.message : String(error) }, "shop failure not counted");
    return 0;
  }
}
