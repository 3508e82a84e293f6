import { db } from "../db";
import type { Prisma } from "../generated/prisma/client";

/** Appends to the merchant's audit log (who changed branding, issued or revoked a key, sent a link). */
export async function recordAudit(
  merchantId: string,
  userId: string | null,
  action: string,
  extra: { orderId?: string; shipmentId?: string; detail?: Prisma.InputJsonValue } = {},
) {
  await db.auditEntry.create({ data: { merchantId, userId, action, ...extra } });
}
