import { db } from "../db";
import { AppError, fromZodError, isUniqueViolation } from "../errors";
import { brandingInputSchema, brandingSelect, type BrandingInput } from "./branding";

/** Changes a merchant's tracking-page branding; returns the whole branding. */
export async function updateBranding(merchantId: string, input: BrandingInput) {
  const parsed = brandingInputSchema.safeParse(input);
  if (!parsed.success) throw fromZodError(parsed.error, "validation_failed");
  try {
    return await db.merchant.update({ where: { id: merchantId }, data: parsed.data, select: brandingSelect });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("conflict", "Another merchant already uses this custom domain.");
    throw error;
  }
}
