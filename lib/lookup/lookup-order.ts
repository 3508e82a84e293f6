import { createHash, timingSafeEqual } from "node:crypto";
import { db } from "../db";
import { consume } from "./rate-limit";
import { looksLikeEmail, normalizeEmail, normalizePostalCode, type LookupForm } from "./schema";

export type LookupResult = { ok: true; token: string } | { ok: false; reason: "no_match" | "rate_limited" };

/** Per client IP and per order number, 15-minute windows: enough for typos, too few to probe. */
export const LOOKUP_LIMITS = {
  perIp: { max: 10, windowMs: 15 * 60_000 },
  perOrder: { max: 5, windowMs: 15 * 60_000 },
};

/**
 * Order number + (email or postal code) → the tracking token of the order's first parcel. Wrong pairs,
 * unknown orders and unknown merchants all answer the same "no_match", after the same work (one lookup,
 * one constant-time comparison). Every attempt counts against the IP and the order number, whether the
 * order exists or not, so the limit itself reveals nothing.
 */
export async function lookupOrder(merchantSlug: string, form: LookupForm, clientIp: string, now: Date): Promise<LookupResult> {
  const orderKey = `${merchantSlug}:${form.orderNumber.toLowerCase()}`;
  const [ipOk, orderOk] = await Promise.all([
    consume({ subject: `lookup-ip:${clientIp}`, ...LOOKUP_LIMITS.perIp }, now),
    consume({ subject: `lookup-order:${orderKey}`, ...LOOKUP_LIMITS.perOrder }, now),
  ]);
  if (!ipOk || !orderOk) return { ok: false, reason: "rate_limited" };

  // Case-insensitive by lower() = lower(), never Prisma's `mode: "insensitive"`: it sends ILIKE, where % and _
  // are wildcards, so "NW-10_" would find NW-1001 on a per-order counter of its own.
  const [match] = await db.$queryRaw<{ id: string }[]>`
    SELECT o."id" FROM "Order" o JOIN "Merchant" m ON m."id" = o."merchantId"
    WHERE m."slug" = ${merchantSlug} AND lower(o."orderNumber") = lower(${form.orderNumber})
    ORDER BY o."createdAt" ASC LIMIT 1`;
  const order = await db.order.findUnique({
    where: { id: match?.id ?? "" },
    select: {
      shopperEmail: true,
      destPostalCode: true,
      shipments: { orderBy: [{ createdAt: "asc" }, { id: "asc" }], take: 1, select: { token: true } },
    },
  });
  const byEmail = looksLikeEmail(form.contact);
  const given = byEmail ? normalizeEmail(form.contact) : normalizePostalCode(form.contact);
  const stored = order ? (byEmail ? order.shopperEmail && normalizeEmail(order.shopperEmail) : order.destPostalCode && normalizePostalCode(order.destPostalCode)) : null;
  // Compared as hashes: equal length, constant time, and the same work when there is nothing to compare.
  const matches = sameText(given, stored ?? `\u0000missing:${given}`) && Boolean(stored);
  const token = order?.shipments[0]?.token;
  return matches && token ? { ok: true, token } : { ok: false, reason: "no_match" };
}

function sameText(a: string, b: string): boolean {
  const digest = (text: string) => createHash("sha256").update(text).digest();
  return timingSafeEqual(digest(a), digest(b));
}
