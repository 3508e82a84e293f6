import { z } from "zod";
import { db } from "../db";
import { fromZodError } from "../errors";
import { safeString } from "../validation/safe-text";
import { newApiKey } from "./api-key-format";

export const apiKeyInputSchema = z.object({
  // Typed in the console (no JSON floor under a form): a NUL would be a database error.
  name: safeString().trim().min(1).max(80),
  rateLimitPerMinute: z.number().int().min(1).max(100_000).optional(),
});

/** Issues a key for one merchant. The key itself is returned once and never stored. */
export async function createApiKey(merchantId: string, input: z.input<typeof apiKeyInputSchema>) {
  const parsed = apiKeyInputSchema.safeParse(input);
  if (!parsed.success) throw fromZodError(parsed.error, "validation_failed", "apiKey");
  const { key, prefix, keyHash } = newApiKey();
  const created = await db.apiKey.create({
    data: { merchantId, name: parsed.data.name, rateLimitPerMinute: parsed.data.rateLimitPerMinute, prefix, keyHash },
    select: { id: true, name: true, prefix: true, rateLimitPerMinute: true, createdAt: true },
  });
  return { ...created, key };
}
