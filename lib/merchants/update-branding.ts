import { randomBytes } from "node:crypto";
import { db } from "../db";
import { appUrl } from "../env";
import { AppError, fromZodError, isUniqueViolation } from "../errors";
import { brandingInputSchema, brandingSelect, brandingView, type BrandingInput } from "./branding";
import { reservedDomainReason } from "./domain-rules";

/**
 * Changes a merchant's tracking-page branding; returns the whole branding. A new custom domain starts
 * pending: it serves nothing until its DNS TXT record is seen (verify-custom-domain.ts).
 */
export async function updateBranding(merchantId: string, input: BrandingInput) {
  // Before the shape check, so "localhost" or an IP is refused with its real reason, not "not a host name".
  if (typeof input.customDomain === "string") refuseReserved(input.customDomain.trim().toLowerCase());
  const parsed = brandingInputSchema.safeParse(input);
  if (!parsed.success) throw fromZodError(parsed.error, "validation_failed");
  const { customDomain, ...rest } = parsed.data;
  const data: Record<string, unknown> = { ...rest };
  if (customDomain !== undefined) Object.assign(data, await domainChange(merchantId, customDomain));
  try {
    return brandingView(await db.merchant.update({ where: { id: merchantId }, data, select: brandingSelect }));
  } catch (error) {
    if (isUniqueViolation(error)) throw domainTaken();
    throw error;
  }
}

async function domainChange(merchantId: string, domain: string | null) {
  if (domain === null) return { customDomain: null, verifiedDomain: null, domainCheckedAt: null };
  refuseReserved(domain);
  const [current, owner] = await Promise.all([
    db.merchant.findUnique({ where: { id: merchantId }, select: { verifiedDomain: true, domainToken: true } }),
    db.merchant.findUnique({ where: { verifiedDomain: domain }, select: { id: true } }),
  ]);
  if (owner && owner.id !== merchantId) throw domainTaken();
  return {
    customDomain: domain,
    // Keeps a proven domain proven when it is sent again; any other domain starts over.
    verifiedDomain: current?.verifiedDomain === domain ? domain : null,
    domainToken: current?.domainToken ?? `parcelpage-verify=${randomBytes(18).toString("base64url")}`,
    ...(current?.verifiedDomain === domain ? {} : { domainCheckedAt: null }),
  };
}

/** Names the field, so the console shows it beside the domain; says nothing of who has it. */
function domainTaken() {
  const message = "Another merchant already uses this custom domain.";
  return new AppError("conflict", message, [{ path: "customDomain", message }]);
}

function refuseReserved(domain: string) {
  const reason = reservedDomainReason(domain, new URL(appUrl()).hostname);
  if (reason) {
    throw new AppError("validation_failed", `body.customDomain: ${domain} ${reason}.`, [{ path: "customDomain", message: `${domain} ${reason}` }]);
  }
}
