import { createMerchant } from "../../lib/merchants/create-merchant";
import { withDatabase } from "../with-database";
import { requireFlag } from "./flags";

export const usage = "npm run cli -- merchant:create --slug <slug> --name <name> [--time-zone <IANA zone>] [--locale en|es|fr|de|pt-BR]";

export async function run(flags: Record<string, string | boolean | undefined>) {
  const slug = requireFlag(flags, "slug", usage);
  const name = requireFlag(flags, "name", usage);
  const merchant = await withDatabase(() =>
    createMerchant({
      slug,
      name,
      timeZone: typeof flags["time-zone"] === "string" ? flags["time-zone"] : undefined,
      defaultLocale: typeof flags.locale === "string" ? flags.locale : undefined,
    }),
  );
  console.log(`Created merchant "${merchant.slug}" (${merchant.name}).`);
}
