import { isIP } from "node:net";

/**
 * Why a host can never be a merchant's custom domain, or null when it may be claimed. The platform's own
 * host and everything under it belong to every merchant at once (claiming it would take over every
 * tracking page); loopback names and IP literals prove nothing about ownership.
 */
export function reservedDomainReason(domain: string, platformHost: string | null): string | null {
  const name = domain.trim().toLowerCase().replace(/\.$/, "");
  const bare = name.replace(/^\[|\]$/g, "");
  if (isIP(bare) !== 0) return "is an IP address; a custom domain must be a host name you own";
  if (name === "localhost" || name.endsWith(".localhost")) return "is a loopback name and cannot be claimed";
  const platform = platformHost?.toLowerCase().replace(/\.$/, "");
  if (platform && (name === platform || name.endsWith(`.${platform}`))) {
    return `is Parcelpage's own host (${platform}) or under it, which serves every merchant and cannot be claimed`;
  }
  return null;
}

/** The DNS name of the TXT record that proves a merchant controls `domain`. */
export function verificationRecordName(domain: string): string {
  return `_parcelpage.${domain}`;
}

/** What the merchant must publish: the record and its value, or null when no domain is requested. */
export function domainVerification(row: { customDomain: string | null; verifiedDomain: string | null; domainToken: string | null }) {
  if (!row.customDomain || !row.domainToken) return { customDomainStatus: null, domainVerification: null };
  return {
    customDomainStatus: row.verifiedDomain === row.customDomain ? ("verified" as const) : ("pending" as const),
    domainVerification: { type: "TXT" as const, name: verificationRecordName(row.customDomain), value: row.domainToken },
  };
}
