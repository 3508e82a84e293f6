import { db } from "../../lib/db";
import { PROVIDERS, type Provider } from "../../lib/carriers/types";
import { appUrl } from "../../lib/env";
import { MIN_SECRET_LENGTH } from "../../lib/merchants/secret-hint";
import { setProviderConnection } from "../../lib/merchants/set-provider-connection";
import { withDatabase } from "../with-database";
import { requireFlag } from "./flags";

export const usage = `npm run cli -- connection:set --merchant <slug> --provider <${PROVIDERS.join("|")}> --secret <secret>`;

export async function run(flags: Record<string, string | boolean | undefined>) {
  const slug = requireFlag(flags, "merchant", usage);
  const provider = requireFlag(flags, "provider", usage);
  const secret = requireFlag(flags, "secret", usage);
  if (!(PROVIDERS as readonly string[]).includes(provider)) throw new Error(`--provider must be one of ${PROVIDERS.join(", ")}.`);
  if (secret.length < MIN_SECRET_LENGTH) throw new Error(`--secret must be at least ${MIN_SECRET_LENGTH} characters (a short secret is guessable).`);
  const saved = await withDatabase(async () => {
    const merchant = await db.merchant.findUnique({ where: { slug }, select: { id: true } });
    if (!merchant) throw new Error(`No merchant with slug "${slug}".`);
    return setProviderConnection(merchant.id, provider as Provider, secret);
  });
  console.log(`Saved the ${saved.provider} secret for "${slug}" (ending …${saved.secretHint}).`);
  console.log(`Webhook URL: ${appUrl()}/api/webhooks/${provider}/${slug}${provider === "shippo" ? "?token=<the same secret>" : ""}`);
}
