import { db } from "../db";
import type { Provider } from "../carriers/types";
import { sealSecret } from "../crypto/secret-box";
import { AppError } from "../errors";
import { forgetConnections } from "../webhooks/connection-cache";
import { CONTROL_MESSAGE, hasUnsafeCharacter } from "../validation/safe-text";
import { MAX_SECRET_LENGTH, MIN_SECRET_LENGTH, secretHintOf } from "./secret-hint";

export const CONNECTION_SECRET_PURPOSE = "provider-connection";

/** Stores (or replaces) a merchant's webhook secret for one provider, sealed at rest. Write-only: nothing returns it. */
export async function setProviderConnection(merchantId: string, provider: Provider, secret: string) {
  // Providers choose the secret format (EasyPost lets merchants pick any string), so only bounds are
  // checked; API, console and CLI all come through here.
  // The console posts a form (no JSON floor under it): a control character in the hint would be a NUL in the database.
  if (hasUnsafeCharacter(secret)) throw new AppError("validation_failed", `secret: ${CONTROL_MESSAGE}`);
  if (secret.length < MIN_SECRET_LENGTH || secret.length > MAX_SECRET_LENGTH) {
    throw new AppError("validation_failed", `secret: must be ${MIN_SECRET_LENGTH} to ${MAX_SECRET_LENGTH} characters`);
  }
  const secretCiphertext = sealSecret(secret, CONNECTION_SECRET_PURPOSE);
  const secretHint = secretHintOf(secret);
  const saved = await db.providerConnection.upsert({
    where: { merchantId_provider: { merchantId, provider } },
    create: { merchantId, provider, secretCiphertext, secretHint },
    update: { secretCiphertext, secretHint },
    select: { id: true, provider: true, secretHint: true, updatedAt: true },
  });
  forgetConnections();
  return saved;
}
