import { z } from "zod";
import { db } from "../db";
import { fromZodError } from "../errors";
import { safeString } from "../validation/safe-text";
import { sendSignInLink } from "../merchants/send-sign-in-link";

export const inviteInputSchema = z.object({
  email: z.email().max(254).transform((value) => value.toLowerCase()),
  role: z.enum(["owner", "agent"]),
  name: safeString().trim().min(1).max(100).optional(),
});

/** Adds (or re-roles) a console user of one merchant and emails them a sign-in link. */
export async function inviteUser(merchantId: string, input: z.input<typeof inviteInputSchema>, now: Date) {
  const parsed = inviteInputSchema.safeParse(input);
  if (!parsed.success) throw fromZodError(parsed.error, "validation_failed", "user");
  const { email, role, name } = parsed.data;
  const user = await db.consoleUser.upsert({
    where: { merchantId_email: { merchantId, email } },
    create: { merchantId, email, role, name },
    update: { role, ...(name ? { name } : {}) },
    select: { id: true, email: true, role: true },
  });
  await sendSignInLink(email, now);
  return user;
}
