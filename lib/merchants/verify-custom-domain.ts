import { db } from "../db";
import { AppError, isUniqueViolation } from "../errors";
import { forgetHost } from "./custom-domain";
import { dnsTxtLookup, type TxtLookup } from "./dns-txt";
import { verificationRecordName } from "./domain-rules";

export type DomainCheck = "verified" | "pending" | "taken" | "none";

/**
 * Looks up `_parcelpage.<domain>` and, when one of its TXT strings equals the merchant's token, makes the
 * domain serve the merchant's pages. A domain proven by another merchant first stays theirs ("taken");
 * a failing resolver throws (the caller says "try again"), a missing record is "pending".
 */
export async function verifyCustomDomain(merchantId: string, options: { lookup?: TxtLookup; now?: Date } = {}): Promise<DomainCheck> {
  const merchant = await db.merchant.findUnique({
    where: { id: merchantId },
    select: { customDomain: true, verifiedDomain: true, domainToken: true },
  });
  if (!merchant?.customDomain || !merchant.domainToken) return "none";
  const { customDomain: domain, domainToken: token } = merchant;
  const now = options.now ?? new Date();
  const records = await (options.lookup ?? dnsTxtLookup())(verificationRecordName(domain));
  const proven = records.some((record) => record.trim() === token);
  try {
    // Guarded by the domain it looked up: a domain changed meanwhile is not verified by the old one's record.
    await db.merchant.updateMany({
      where: { id: merchantId, customDomain: domain },
      data: { domainCheckedAt: now, ...(proven ? { verifiedDomain: domain } : {}) },
    });
  } catch (error) {
    if (isUniqueViolation(error)) return "taken";
    throw error;
  }
  if (proven) forgetHost(domain);
  return proven ? "verified" : merchant.verifiedDomain === domain ? "verified" : "pending";
}

/** PENDING_RECHECK_MS: how often the worker looks again at a pending domain; a batch is at most 20. */
export const PENDING_RECHECK_MS = 5 * 60_000;

/** The worker's periodic pass: looks again at pending domains not checked for PENDING_RECHECK_MS. */
export async function recheckPendingDomains(now: Date, lookup: TxtLookup = dnsTxtLookup()): Promise<number> {
  const pending = await db.merchant.findMany({
    where: {
      customDomain: { not: null },
      verifiedDomain: null,
      OR: [{ domainCheckedAt: null }, { domainCheckedAt: { lt: new Date(now.getTime() - PENDING_RECHECK_MS) } }],
    },
    orderBy: { domainCheckedAt: { sort: "asc", nulls: "first" } },
    take: 20,
    select: { id: true },
  });
  let verified = 0;
  for (const { id } of pending) {
    try {
      if ((await verifyCustomDomain(id, { lookup, now })) === "verified") verified += 1;
    } catch {
      // One unreachable name server must not stop the others; the next pass tries again.
    }
  }
  return verified;
}

/** For callers that must answer a person: a resolver failure becomes a 503 they can retry. */
export async function verifyCustomDomainNow(merchantId: string, lookup?: TxtLookup): Promise<DomainCheck> {
  try {
    return await verifyCustomDomain(merchantId, { lookup });
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError("service_unavailable", "The DNS lookup failed; try again in a minute.");
  }
}
