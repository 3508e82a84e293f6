import { z } from "zod";
import { db } from "../db";
import { AppError, fromZodError, isUniqueViolation } from "../errors";
import { oneLineString } from "./display-name";

const RESERVED_SLUGS = new Set(["api", "t", "console", "dev", "_next", "favicon.ico", "robots.txt"]);

export const merchantInputSchema = z.object({
  slug: z
    .string()
    .regex(/^[a-z0-9](?:[a-z0-9-]{1,38}[a-z0-9])$/, "3–40 lower-case letters, digits or dashes")
    .refine((slug) => !RESERVED_SLUGS.has(slug), "is reserved"),
  name: oneLineString().trim().min(1).max(100),
  timeZone: z
    .string()
    .refine((zone) => Intl.supportedValuesOf("timeZone").includes(zone) || zone === "UTC", "is not an IANA time zone")
    .optional(),
  defaultLocale: z.enum(["en", "es", "fr", "de", "pt-BR"]).optional(),
});

/** Input is untrusted (CLI, API): typed loosely, validated here. */
export async function createMerchant(input: Record<keyof z.input<typeof merchantInputSchema>, string | undefined>) {
  const parsed = merchantInputSchema.safeParse(input);
  if (!parsed.success) throw fromZodError(parsed.error, "validation_failed", "merchant");
  try {
    return await db.merchant.create({ data: parsed.data, select: { id: true, slug: true, name: true } });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("conflict", `A merchant with slug "${parsed.data.slug}" already exists.`);
    throw error;
  }
}
