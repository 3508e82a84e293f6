import { db } from "../db";
import { AppError } from "../errors";
import { isWellFormedId } from "../validation/ids";

/** Revokes one of the merchant's keys. Another merchant's key id reads as unknown. */
export async function revokeApiKey(merchantId: string, apiKeyId: string, now: Date) {
  // A form field, so anything (a NUL is a database error): what cannot be an id names no key.
  if (!isWellFormedId(apiKeyId)) throw new AppError("not_found", "No such API key.");
  const { count } = await db.apiKey.updateMany({
    where: { id: apiKeyId, merchantId, revokedAt: null },
    data: { revokedAt: now },
  });
  if (count === 0) {
    const exists = await db.apiKey.findFirst({ where: { id: apiKeyId, merchantId }, select: { id: true } });
    if (!exists) throw new AppError("not_found", "No such API key.");
  }
}
