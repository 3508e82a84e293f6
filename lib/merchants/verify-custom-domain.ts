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

/** VERIFIED_RECHECK_MS: how often the worker looks again at a proven domain (daily); a batch is at most 20. */
export const VERIFIED_RECHECK_MS = 24 * 3_600_000;

/**
 * Proof is kept, not given once: a proven domain whose TXT record is gone (the domain was sold, the DNS
 * rebuilt, the merchant left) goes back to pending and serves nothing until the record is back. Only an
 * answer without the token demotes it: a resolver that fails (timeouts, SERVFAIL) changes nothing, so a
 * DNS outage never takes merchants' pages down. Returns how many domains went back to pending.
 */
export async function recheckVerifiedDomains(now: Date, lookup: TxtLookup = dnsTxtLookup()): Promise<number> {
  const due = await db.merchant.findMany({
    where: {
      verifiedDomain: { not: null },
      OR: [{ domainCheckedAt: null }, { domainCheckedAt: { lt: new Date(now.getTime() - VERIFIED_RECHECK_MS) } }],
    },
    orderBy: { domainCheckedAt: { sort: "asc", nulls: "first" } },
    take: 20,
    select: { id: true, verifiedDomain: true, domainToken: true },
  });
  let demoted = 0;
  for (const merchant of due) {
    const domain = merchant.verifiedDomain!;
    let records: string[];
    try {
      records = await lookup(verificationRecordName(domain));
    } catch {
      continue; // the next pass (a minute later) tries again
    }
    const proven = merchant.domainToken !== null && records.some((record) => record.trim() === merchant.domainToken);
    // Guarded by the domain it looked up, so a change made meanwhile is not undone.
    const { count } = await db.merchant.updateMany({
      where: { id: merchant.id, verifiedDomain: domain },
      data: { domainCheckedAt: now, ...(proven ? {} : { verifiedDomain: null }) },
    });
    if (!proven && count === 1) {
      forgetHost(domain);
      demoted += 1;
    }
  }
  return demoted;
}

/** The worker's domain pass: pending domains every few minutes, proven ones daily. */
export async function recheckDomains(now: Date, lookup: TxtLookup = dnsTxtLookup()): Promise<{ verified: number; demoted: number }> {
  return { verified: await recheckPendingDomains(now, lookup), demoted: await recheckVerifiedDomains(now, lookup) };
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
