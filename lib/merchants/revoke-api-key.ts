import { db } from "../db";
import { AppError } from "../errors";

/** Revokes one of the merchant's keys. Another merchant's key id reads as unknown. */
export async function revokeApiKey(merchantId: string, apiKeyId: string, now: Date) {
  const { count } = await db.apiKey.updateMany({
    where: { id: apiKeyId, merchantId, revokedAt: null },
    data: { revokedAt: now },
  });
  if (count === 0) {
    const exists = await db.apiKey.findFirst({ where: { id: apiKeyId, merchantId }, select: { id: true } });
    if (!exists) throw new AppError("not_found", "No such API key.");
  }
}
