"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { isLocale } from "@/lib/i18n/locales";
import { clientIp } from "@/lib/lookup/client-ip";
import { lookupOrder } from "@/lib/lookup/lookup-order";
import { lookupFormSchema } from "@/lib/lookup/schema";
import { isWellFormedSlug } from "@/lib/validation/ids";
import type { LookupState } from "@/components/tracking/lookup-form";

/** The lookup form's server action: works as a plain form POST too (no JavaScript needed). */
export async function lookupAction(_previous: LookupState, formData: FormData): Promise<LookupState> {
  const typed = String(formData.get("orderNumber") ?? "").slice(0, 64);
  const merchant = String(formData.get("merchant") ?? "").slice(0, 100);
  const lang = String(formData.get("lang") ?? "");
  const parsed = lookupFormSchema.safeParse({ orderNumber: formData.get("orderNumber"), contact: formData.get("contact") });
  if (!parsed.success || !isWellFormedSlug(merchant)) return { error: "invalid", orderNumber: typed };
  const result = await lookupOrder(merchant, parsed.data, clientIp(await headers()), new Date());
  if (result.ok) redirect(`/t/${result.token}${isLocale(lang) ? `?lang=${lang}` : ""}`);
  return { error: result.reason, orderNumber: typed };
}
