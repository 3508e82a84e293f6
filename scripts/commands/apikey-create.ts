import { db } from "../../lib/db";
import { createApiKey } from "../../lib/merchants/create-api-key";
import { withDatabase } from "../with-database";
import { requireFlag } from "./flags";

export const usage = "npm run cli -- apikey:create --merchant <slug> [--name <label>] [--rate-limit <requests per minute>]";

export async function run(flags: Record<string, string | boolean | undefined>) {
  const slug = requireFlag(flags, "merchant", usage);
  const name = typeof flags.name === "string" && flags.name.trim() ? flags.name.trim() : "CLI key";
  const rateLimit = typeof flags["rate-limit"] === "string" ? Number(flags["rate-limit"]) : undefined;
  if (rateLimit !== undefined && !Number.isInteger(rateLimit)) throw new Error("--rate-limit must be a whole number of requests per minute.");
  const created = await withDatabase(async () => {
    const merchant = await db.merchant.findUnique({ where: { slug }, select: { id: true } });
    if (!merchant) throw new Error(`No merchant with slug "${slug}".`);
    return createApiKey(merchant.id, { name, rateLimitPerMinute: rateLimit });
  });
  console.log(`Created API key "${created.name}" for "${slug}" (prefix ${created.prefix}, ${created.rateLimitPerMinute} requests/minute).`);
  console.log("Copy it now; it is stored only as a hash and cannot be shown again:\n");
  console.log(`  ${created.key}\n`);
}
