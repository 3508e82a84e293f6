import { db } from "../db";
import { normalizeHost } from "./custom-domain";
import { reservedDomainReason } from "./domain-rules";

/**
 * Whether the TLS terminator may obtain a certificate for `domain` (Caddy's on-demand TLS `ask`,
 * app/api/tls/ask): only a merchant's proven domain (Merchant.verifiedDomain, set once its DNS TXT proof
 * checked out). A requested-but-unproven name, a name no merchant has, the platform's own host and
 * anything under it, loopback names and IP literals get no. Read from the database every time: the answer
 * gates a certificate that lives for months, and Caddy asks once per new name, not per request.
 */
export async function certificateAllowed(domain: string | null, platformHost: string | null): Promise<boolean> {
  const name = normalizeHost(domain);
  if (!name || domain !== domain?.trim() || /:\d+$/.test(domain ?? "")) return false;
  if (reservedDomainReason(name, platformHost) !== null) return false;
  const merchant = await db.merchant.findUnique({ where: { verifiedDomain: name }, select: { customDomain: true } });
  // A merchant who has since asked for another domain no longer owns a certificate for the old one.
  return merchant !== null && merchant.customDomain === name;
}
