import { db } from "../db";
import { AppError } from "../errors";
import { apiKeyPrefix, hashApiKey, sameHash } from "./api-key-format";

export interface ApiPrincipal {
  apiKeyId: string;
  merchantId: string;
  rateLimitPerMinute: number;
}

// Compared against when the prefix is unknown, so unknown and wrong keys cost the same.
const DUMMY_HASH = hashApiKey("pp_000000000000_0000000000000000000000000000000000000000000");

/**
 * Resolves `Authorization: Bearer <key>` to the key's merchant. Unknown, malformed, wrong and revoked keys
 * all answer the same 401, so a caller learns nothing about which keys exist.
 */
export async function authenticateApiKey(authorization: string | null): Promise<ApiPrincipal> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  if (!match) throw new AppError("unauthorized", "Send your API key as `Authorization: Bearer <key>`.");
  const key = match[1]!;
  const prefix = apiKeyPrefix(key);
  const row = prefix
    ? await db.apiKey.findUnique({
        where: { prefix },
        select: { id: true, merchantId: true, keyHash: true, revokedAt: true, rateLimitPerMinute: true },
      })
    : null;
  const matches = sameHash(row?.keyHash ?? DUMMY_HASH, hashApiKey(key));
  if (!row || !matches || row.revokedAt) throw new AppError("unauthorized", "The API key is not valid, or has been revoked.");
  return { apiKeyId: row.id, merchantId: row.merchantId, rateLimitPerMinute: row.rateLimitPerMinute };
}
