import type { Prisma } from "../generated/prisma/client";
import { AppError } from "../errors";

export interface ShipmentFilters {
  status?: Prisma.ShipmentWhereInput["status"] & string;
  delayed?: boolean;
  exception?: boolean;
  stalled?: boolean;
}

/** A delay is a window that moved later (a Delay row) or an estimate flagged as running late now. */
const DELAYED: Prisma.ShipmentWhereInput = { OR: [{ delays: { some: {} } }, { etaFlag: { contains: "running_late" } }] };
const NOT_DELAYED: Prisma.ShipmentWhereInput = {
  delays: { none: {} },
  OR: [{ etaFlag: null }, { NOT: { etaFlag: { contains: "running_late" } } }],
};
const EXCEPTION_STATUSES = ["EXCEPTION", "DELIVERY_ATTEMPTED", "RETURNED_TO_SENDER"] as const;
const EXCEPTION: Prisma.ShipmentWhereInput = {
  OR: [{ status: { in: [...EXCEPTION_STATUSES] } }, { etaFlag: { contains: "exception" } }],
};
const NOT_EXCEPTION: Prisma.ShipmentWhereInput = {
  status: { notIn: [...EXCEPTION_STATUSES] },
  OR: [{ etaFlag: null }, { NOT: { etaFlag: { contains: "exception" } } }],
};
const OPEN_STATUSES = ["INFO_RECEIVED", "IN_TRANSIT", "OUT_FOR_DELIVERY", "AVAILABLE_FOR_PICKUP", "DELIVERY_ATTEMPTED", "UNKNOWN"] as const;
export const STALL_HOURS = 72;

/**
 * Stalled: the estimator flagged it, or a parcel still on its way has had no scan for STALL_HOURS
 * (the console's quick filter; the estimator's lane-aware check is the better signal when present).
 */
function stalled(now: Date): Prisma.ShipmentWhereInput {
  const before = new Date(now.getTime() - STALL_HOURS * 3_600_000);
  return {
    OR: [
      { etaFlag: { contains: "stalled" } },
      {
        status: { in: [...OPEN_STATUSES] },
        OR: [{ lastEventAt: { lt: before } }, { lastEventAt: null, createdAt: { lt: before } }],
      },
    ],
  };
}

export function shipmentFilterWhere(filters: ShipmentFilters, now: Date): Prisma.ShipmentWhereInput[] {
  const where: Prisma.ShipmentWhereInput[] = [];
  if (filters.status) where.push({ status: filters.status });
  if (filters.delayed !== undefined) where.push(filters.delayed ? DELAYED : NOT_DELAYED);
  if (filters.exception !== undefined) where.push(filters.exception ? EXCEPTION : NOT_EXCEPTION);
  if (filters.stalled) where.push(stalled(now));
  return where;
}

/** Opaque cursor: the last row's createdAt and id (rows are listed newest first, id breaks ties). */
export function encodeCursor(row: { createdAt: Date; id: string }): string {
  return Buffer.from(JSON.stringify([row.createdAt.toISOString(), row.id])).toString("base64url");
}

export function cursorWhere(cursor: string | undefined): { OR: object[] } | null {
  if (!cursor) return null;
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as [string, string];
    const date = new Date(createdAt);
    if (typeof id !== "string" || Number.isNaN(date.getTime())) throw new Error("bad cursor");
    return { OR: [{ createdAt: { lt: date } }, { createdAt: date, id: { lt: id } }] };
  } catch {
    throw new AppError("validation_failed", "cursor: is not a cursor this API returned", [{ path: "cursor", message: "invalid cursor" }]);
  }
}

export function createdWhere(after?: string, before?: string) {
  if (!after && !before) return null;
  return { createdAt: { ...(after ? { gte: new Date(after) } : {}), ...(before ? { lt: new Date(before) } : {}) } };
}
