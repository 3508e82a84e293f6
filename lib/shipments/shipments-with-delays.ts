import { Prisma } from "../generated/prisma/client";

/**
 * Which of these shipments ever had their window moved later (at least one Delay row). One probe of
 * Delay_shipmentId_createdAt_idx per id, stopping at the first row, so the cost follows the page (≤ 100
 * ids), not the Delay table. Prisma's `_count: { delays }` instead LEFT JOINs a GROUP BY over every Delay
 * row of every merchant, on each search. LATERAL … LIMIT 1 rather than EXISTS: EXISTS may become a hash
 * semi-join that reads the whole table when it is small enough to look cheap; a LATERAL with a LIMIT is
 * always run per id. Tenancy rides on the ids: callers pass only their merchant's.
 */
export function shipmentsWithDelaysSql(shipmentIds: string[]): Prisma.Sql {
  return Prisma.sql`
    SELECT s."id" FROM unnest(${shipmentIds}::text[]) AS s("id")
    CROSS JOIN LATERAL (SELECT 1 FROM "Delay" d WHERE d."shipmentId" = s."id" LIMIT 1) AS "hit"`;
}
