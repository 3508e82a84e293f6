import { db } from "../../lib/db";
import { MIN_SECRET_LENGTH } from "../../lib/merchants/secret-hint";
import { isShopPlatform, SHOP_PLATFORMS } from "../../lib/shops/platforms";
import { shopWebhookUrl } from "../../lib/shops/queries";
import { setShopConnection } from "../../lib/shops/set-shop-connection";
import { withDatabase } from "../with-database";
import { requireFlag } from "./flags";

export const usage = `npm run cli -- shop:connect --merchant <slug> --platform <${SHOP_PLATFORMS.join("|")}> --domain <shop domain> --secret <webhook secret>`;

export async function run(flags: Record<string, string | boolean | undefined>) {
  const slug = requireFlag(flags, "merchant", usage);
  const platform = requireFlag(flags, "platform", usage);
  const domain = requireFlag(flags, "domain", usage);
  const secret = requireFlag(flags, "secret", usage);
  if (!isShopPlatform(platform)) throw new Error(`--platform must be one of ${SHOP_PLATFORMS.join(", ")}.`);
  if (secret.length < MIN_SECRET_LENGTH) throw new Error(`--secret must be at least ${MIN_SECRET_LENGTH} characters (a short secret is guessable).`);
  const saved = await withDatabase(async () => {
    const merchant = await db.merchant.findUnique({ where: { slug }, select: { id: true } });
    if (!merchant) throw new Error(`No merchant with slug "${slug}".`);
    return setShopConnection(merchant.id, platform, { shopDomain: domain, secret });
  });
  console.log(`Connected ${platform} shop ${saved.shopDomain} to "${slug}" (secret ending …${saved.secretHint}).`);
  console.log(`Webhook URL: ${shopWebhookUrl(platform, slug)}`);
}
