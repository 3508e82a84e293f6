import { Prisma } from "../generated/prisma/client";
import { escapeLikePattern } from "../validation/like-pattern";

/** Orders a search can name at most (newest first); the console lists 100 shipments. */
export const MAX_MATCHING_ORDERS = 200;

/**
 * The orders of one merchant whose number, email or phone contains the agent's search text, in one query
 * whose every arm a pg_trgm index serves (Order_orderNumber_idx, Order_shopperEmail_idx,
 * Order_shopperPhone_digits_trgm_idx): the planner combines them (BitmapOr) instead of joining every
 * shipment to its order and filtering the lot, which it must when the search is an OR across two tables.
 * Same matching as before: order number case-insensitive, email against the lower-cased text (emails are
 * stored lower-cased), phone by digits (4 or more), with or without a leading country code.
 * The text is matched literally: `%`, `_` and `\` typed by the agent are escaped (pg_trgm still serves an
 * escaped pattern), with the escape character named (E'\\' is one backslash whatever
 * standard_conforming_strings says). The digits arms need no escaping: they hold digits only.
 */
export function orderSearchSql(merchantId: string, q: string): Prisma.Sql {
  const arms = [
    Prisma.sql`"orderNumber" ILIKE ('%' || ${escapeLikePattern(q)} || '%') ESCAPE E'\\\\'`,
    Prisma.sql`"shopperEmail" LIKE ('%' || ${escapeLikePattern(q.toLowerCase())} || '%') ESCAPE E'\\\\'`,
  ];
  const digits = q.replace(/\D/g, "");
  // Phones are stored as typed: compare their digits (the expression the index is built on, word for word).
  const phoneDigits = Prisma.sql`regexp_replace(COALESCE("shopperPhone", ''), '[^0-9]', '', 'g')`;
  if (digits.length >= 4) arms.push(Prisma.sql`${phoneDigits} LIKE ('%' || ${digits} || '%')`);
  // A leading country code typed by the agent ("+1 503…") may be absent in storage, and vice versa.
  if (digits.length > 10) arms.push(Prisma.sql`${phoneDigits} LIKE ('%' || ${digits.slice(-10)} || '%')`);
  return Prisma.sql`
    SELECT "id" FROM "Order"
    WHERE "merchantId" = ${merchantId} AND (${Prisma.join(arms, " OR ")})
    ORDER BY "createdAt" DESC LIMIT ${MAX_MATCHING_ORDERS}`;
}
