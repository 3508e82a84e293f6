import { db } from "../db";

/**
 * Which merchant a verified custom tracking host (e.g. track.shop.example) belongs to. Looked up per host and kept
 * for 1.5 s in this process, so a busy host costs one query per 1.5 s rather than one per request; a domain
 * verified or dropped through any app instance takes effect on every instance within CACHE_MS (under the
 * cluster's 2 s promise). Hosts are compared lower-cased and without a port.
 */
const CACHE_MS = 1_500;
// Kept on globalThis: the proxy and the app's handlers are separate bundles in one process, and a
// verification (a console action) must clear the entry the proxy reads.
const CACHE_KEY = Symbol.for("parcelpage.custom-domain-cache");
const cache = ((globalThis as { [CACHE_KEY]?: Map<string, { slug: string | null; until: number }> })[CACHE_KEY] ??= new Map());

export function normalizeHost(host: string | null): string | null {
  if (!host) return null;
  const name = host.trim().toLowerCase().replace(/:\d+$/, "").replace(/\.$/, "");
  return /^[a-z0-9.-]{1,253}$/.test(name) ? name : null;
}

/** Drops a host from this process's cache (after a verification, so it serves at once here). */
export function forgetHost(host: string): void {
  cache.delete(host.toLowerCase());
}

export async function merchantSlugForHost(host: string | null, now = Date.now()): Promise<string | null> {
  const name = normalizeHost(host);
  if (!name || name === "localhost" || /^[\d.]+$/.test(name)) return null;
  const hit = cache.get(name);
  if (hit && hit.until > now) return hit.slug;
  // Only a proven domain (verify-custom-domain.ts) serves anything; a requested one is just a wish.
  const merchant = await db.merchant.findUnique({ where: { verifiedDomain: name }, select: { slug: true } });
  if (cache.size > 10_000) cache.clear();
  cache.set(name, { slug: merchant?.slug ?? null, until: now + CACHE_MS });
  return merchant?.slug ?? null;
}

/**
 * On a merchant's own host, the bare host and /lookup lead to that merchant's order lookup; /t/{token}
 * works as everywhere. Returns the path to redirect to, or null when nothing changes.
 */
export async function customDomainRedirect(host: string | null, pathname: string): Promise<string | null> {
  if (pathname !== "/" && pathname !== "/lookup") return null;
  try {
    const slug = await merchantSlugForHost(host);
    return slug ? `/${slug}/lookup` : null;
  } catch {
    // The home page must not fail because the database is briefly away.
    return null;
  }
}

/**
 * A merchant's own host serves only that merchant's parcels: another merchant's token there is unknown
 * (the same 404 as any unknown token), so one brand's domain never shows another brand's page.
 * Other hosts (the Parcelpage host, localhost) serve every token.
 */
export async function tokenAllowedOnHost(host: string | null, token: string): Promise<boolean> {
  let hostSlug: string | null;
  try {
    hostSlug = await merchantSlugForHost(host);
  } catch {
    return true; // the page's own lookup decides; a brief database outage must not turn pages into 404s
  }
  if (!hostSlug) return true;
  const shipment = await db.shipment.findUnique({ where: { token }, select: { merchant: { select: { slug: true } } } });
  return shipment?.merchant.slug === hostSlug;
}
