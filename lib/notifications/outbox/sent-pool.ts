import pg from "pg";
import { env } from "../../env";
import { PG_KEEPALIVE } from "../../pg-keepalive";

/**
 * Connections kept for one statement: "this row was sent". Between the provider's acceptance and this
 * write a crash would send the message again, so the write must leave at once: no waiting behind claims
 * and loads in the app's pool, no query compilation, no extra promise hops. Plain `pg`, a pool of its own
 * (it counts toward the embedded server's connection limit: two by default).
 */
const globalForPool = globalThis as unknown as { parcelpageSentPool?: { url: string; pool: pg.Pool } };

export function sentPool(): pg.Pool {
  const url = env().DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set");
  const existing = globalForPool.parcelpageSentPool;
  if (existing?.url === url) return existing.pool;
  void existing?.pool.end().catch(() => undefined);
  const pool = new pg.Pool({
    connectionString: url,
    max: 2,
    idleTimeoutMillis: 10_000,
    connectionTimeoutMillis: 5_000,
    allowExitOnIdle: true,
    ...PG_KEEPALIVE,
  });
  pool.on("error", () => undefined); // an idle connection dropped: the next query opens another
  globalForPool.parcelpageSentPool = { url, pool };
  return pool;
}

export async function closeSentPool(): Promise<void> {
  const existing = globalForPool.parcelpageSentPool;
  globalForPool.parcelpageSentPool = undefined;
  await existing?.pool.end().catch(() => undefined);
}
