import type { Prisma } from "../generated/prisma/client";
import { phoneE164, phoneTail, samePhone, type PrivacySubject } from "./subject";

type Tx = Prisma.TransactionClient;

export interface MatchedShopper {
  orderIds: string[];
  /** Every way the shopper's contact details are written in what we hold: for finding them in raw text. */
  emails: string[];
  phones: string[];
  /** E.164 forms, as alert subscriptions store them. */
  phonesE164: string[];
  names: string[];
  streets: string[];
}

/**
 * The merchant's orders that belong to the subject (email case-insensitively, phone by E.164), and every
 * stored spelling of their contact details. Only `merchantId`'s rows are ever read.
 */
export async function matchShopper(tx: Tx, merchantId: string, subject: PrivacySubject, defaultCountry = "US"): Promise<MatchedShopper> {
  const tail = subject.phone ? `%${phoneTail(subject.phone)}` : null;
  const candidates = await tx.$queryRaw<
    { id: string; shopperEmail: string | null; shopperPhone: string | null; shopperName: string | null; destStreet: string | null; destCountry: string }[]
  >`
    SELECT "id", "shopperEmail", "shopperPhone", "shopperName", "destStreet", "destCountry" FROM "Order"
    WHERE "merchantId" = ${merchantId}
      AND ((${subject.email}::text IS NOT NULL AND lower("shopperEmail") = ${subject.email})
        OR (${tail}::text IS NOT NULL AND regexp_replace(COALESCE("shopperPhone", ''), '[^0-9]', '', 'g') LIKE ${tail}))`;
  const orders = candidates.filter(
    (order) =>
      (subject.email !== null && order.shopperEmail?.toLowerCase() === subject.email) ||
      (subject.phone !== null && order.shopperPhone !== null && samePhone(subject.phone, order.shopperPhone, order.destCountry)),
  );
  const unique = (values: (string | null | undefined)[]) => [...new Set(values.filter((value): value is string => Boolean(value && value.trim())))];
  const phones = unique([subject.phone, ...orders.map((order) => order.shopperPhone)]);
  // A number with no order to give it a country is read as the merchant's default market would write it.
  const countries = orders.length ? unique(orders.map((order) => order.destCountry)) : [defaultCountry];
  const phonesE164 = unique(phones.flatMap((phone) => countries.map((country) => phoneE164(phone, country))));
  return {
    orderIds: orders.map((order) => order.id),
    emails: unique([subject.email, ...orders.map((order) => order.shopperEmail?.toLowerCase())]),
    phones: unique([...phones, ...phonesE164]),
    phonesE164,
    names: unique(orders.map((order) => order.shopperName)),
    streets: unique(orders.map((order) => order.destStreet)),
  };
}

/** The merchant's alert subscriptions that belong to the shopper: on their orders, or to their email or phone. */
export function shopperSubscriptions(merchantId: string, matched: MatchedShopper): Prisma.AlertSubscriptionWhereInput {
  return {
    merchantId,
    OR: [
      { orderId: { in: matched.orderIds } },
      { channel: "EMAIL", address: { in: matched.emails } },
      { channel: "SMS", address: { in: matched.phonesE164 } },
    ],
  };
}

/** One case-insensitive regular expression (PostgreSQL ARE) matching any of the values literally. */
export function literalPattern(values: string[]): string | null {
  const escaped = values.filter((value) => value.length >= 3).map((value) => value.replace(/[\\^$.|?*+()[\]{}]/g, "\\$&"));
  return escaped.length ? `(${escaped.join("|")})` : null;
}
