"use server";
import { revalidatePath } from "next/cache";
import { requireConsoleUser } from "@/lib/console/auth";
import { recordAudit } from "@/lib/console/record-audit";
import { AppError } from "@/lib/errors";
import type { BrandingInput } from "@/lib/merchants/branding";
import { updateBranding } from "@/lib/merchants/update-branding";
import { verifyCustomDomainNow } from "@/lib/merchants/verify-custom-domain";
import type { ActionState } from "../integration/actions";

export interface BrandingFormState {
  ok: boolean;
  message: string | null;
  errors: Record<string, string>;
}

const OPTIONAL = ["accentColor", "logoUrl", "supportEmail", "supportPhone", "supportUrl", "customMessage", "customDomain"] as const;

export async function saveBranding(_previous: BrandingFormState, formData: FormData): Promise<BrandingFormState> {
  const user = await requireConsoleUser("owner");
  const text = (name: string) => String(formData.get(name) ?? "").trim();
  const input: Record<string, unknown> = {
    name: text("name"),
    brandColor: text("brandColor"),
    defaultLocale: text("defaultLocale"),
    timeZone: text("timeZone"),
  };
  // An empty optional field clears it.
  for (const name of OPTIONAL) input[name] = text(name) === "" ? null : text(name);
  if (formData.get("useAccent") !== "on") input.accentColor = null;
  try {
    await updateBranding(user.merchantId, input as BrandingInput);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const errors: Record<string, string> = {};
    for (const issue of (error.details as { path: string; message: string }[] | undefined) ?? []) errors[issue.path] ??= issue.message;
    return { ok: false, message: error.message, errors };
  }
  await recordAudit(user.merchantId, user.userId, "branding_updated");
  revalidatePath("/console/branding");
  return { ok: true, message: "Saved. The tracking page shows the new branding now.", errors: {} };
}

/** "Verify": looks up the custom domain's TXT record now (the worker also re-checks pending domains). */
export async function verifyDomain(): Promise<ActionState> {
  const user = await requireConsoleUser("owner");
  let result;
  try {
    result = await verifyCustomDomainNow(user.merchantId);
  } catch (error) {
    if (error instanceof AppError) return { ok: false, message: error.message };
    throw error;
  }
  revalidatePath("/console/branding");
  const messages = {
    verified: { ok: true, message: "Verified: the domain serves your tracking pages now." },
    pending: { ok: false, message: "The TXT record was not found yet. DNS changes can take a while; we check again every few minutes." },
    taken: { ok: false, message: "Another merchant has already proven this domain." },
    none: { ok: false, message: "Set a custom domain first." },
  } as const;
  if (result === "verified") await recordAudit(user.merchantId, user.userId, "custom_domain_verified");
  return messages[result];
}
