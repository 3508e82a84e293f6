import { db } from "../db";
import type { Provider } from "../carriers/types";
import { sealSecret } from "../crypto/secret-box";
import { AppError } from "../errors";

export const CONNECTION_SECRET_PURPOSE = "provider-connection";

/** Stores (or replaces) a merchant's webhook secret for one provider, sealed at rest. Write-only: nothing returns it. */
export async function setProviderConnection(merchantId: string, provider: Provider, secret: string) {
  // Providers choose the secret format (EasyPost lets merchants pick any string), so only bounds are checked.
  if (secret.length === 0 || secret.length > 500) throw new AppError("validation_failed", "secret: must be 1 to 500 characters");
  const secretCiphertext = sealSecret(secret, CONNECTION_SECRET_PURPOSE);
  const secretHint = secret.slice(-4);
  return db.providerConnection.upsert({
    where: { merchantId_provider: { merchantId, provider } },
    create: { merchantId, provider, secretCiphertext, secretHint },
    update: { secretCiphertext, secretHint },
    select: { id: true, provider: true, secretHint: true, updatedAt: true },
  });
}
