import { db } from "../db";
import type { Provider } from "../carriers/types";
import { sealSecret } from "../crypto/secret-box";

export const CONNECTION_SECRET_PURPOSE = "provider-connection";

/** Stores (or replaces) a merchant's webhook secret for one provider, sealed at rest. Write-only: nothing returns it. */
export async function setProviderConnection(merchantId: string, provider: Provider, secret: string) {
  if (secret.length < 8) throw new Error("A webhook secret must be at least 8 characters.");
  const secretCiphertext = sealSecret(secret, CONNECTION_SECRET_PURPOSE);
  const secretHint = secret.slice(-4);
  return db.providerConnection.upsert({
    where: { merchantId_provider: { merchantId, provider } },
    create: { merchantId, provider, secretCiphertext, secretHint },
    update: { secretCiphertext, secretHint },
    select: { id: true, provider: true, secretHint: true, updatedAt: true },
  });
}
