import { db } from "../db";
import type { Provider } from "../carriers/types";

/**
 * How long a merchant's connection (its id and sealed secret) is trusted without asking the database.
 * Under 2 s: a secret rotated through one app instance is in force on every other within that (the
 * cluster's consistency promise, docs/scaling.md).
 */
export const CONNECTION_TTL_MS = 1_500;

export interface Connection {
  merchantId: string;
  secretCiphertext: string;
}

const globalForCache = globalThis as unknown as {
  parcelpageConnections?: Map<string, { connection: Connection; until: number }>;
  parcelpageConnectionLookups?: Map<string, Promise<Connection | null>>;
  /** Bumped by forgetConnections: a lookup started before it must not fill the cache after it. */
  parcelpageConnectionGeneration?: number;
};
const cache = () => (globalForCache.parcelpageConnections ??= new Map());
const lookups = () => (globalForCache.parcelpageConnectionLookups ??= new Map());

/**
 * The connection for a provider and merchant slug, cached per process for a few seconds: a burst from one
 * carrier verifies its signatures without a query each. Only found connections are cached (a merchant who
 * connects a provider is heard at once); a rotated secret is picked up within CONNECTION_TTL_MS (at once in
 * the process that rotated it: forgetConnections). The cache is bounded by the number of connections.
 */
export async function findConnection(provider: Provider, merchantSlug: string, now = Date.now()): Promise<Connection | null> {
  const key = `${provider}|${merchantSlug}`;
  const hit = cache().get(key);
  if (hit && hit.until > now) return hit.connection;
  // Requests for one merchant that miss together share one query: a burst after the entry expires (or
  // after an outage) is one round trip, and, with the database down, one connection attempt, not one each.
  const pending = lookups().get(key);
  if (pending) return pending;
  const generation = globalForCache.parcelpageConnectionGeneration ?? 0;
  const lookup = db.providerConnection
    .findFirst({ where: { provider, merchant: { slug: merchantSlug } }, select: { merchantId: true, secretCiphertext: true } })
    .then((connection) => {
      if (generation === (globalForCache.parcelpageConnectionGeneration ?? 0)) {
        if (connection) cache().set(key, { connection, until: now + CONNECTION_TTL_MS });
        else cache().delete(key);
      }
      return connection;
    })
    .finally(() => {
      if (lookups().get(key) === lookup) lookups().delete(key);
    });
  lookups().set(key, lookup);
  return lookup;
}

/** Drops cached connections (after a secret is set or a merchant is deleted in this process). */
export function forgetConnections(): void {
  cache().clear();
  // Requests from now on look up afresh rather than join a lookup that may have read the old secret.
  lookups().clear();
  globalForCache.parcelpageConnectionGeneration = (globalForCache.parcelpageConnectionGeneration ?? 0) + 1;
}
