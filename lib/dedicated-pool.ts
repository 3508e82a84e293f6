import pg from "pg";
import { env } from "./env";
import { PG_KEEPALIVE } from "./pg-keepalive";

type Pools = Record<string, { url: string; pool: pg.Pool } | undefined>;
// On globalThis: dev reloads, test files and the two module graphs of scripts/serve.ts share one pool per name.
const globalForPools = globalThis as unknown as { parcelpageDedicatedPools?: Pools };
const pools = (globalForPools.parcelpageDedicatedPools ??= {});

/**
 * A small plain-`pg` pool of its own for one hot statement that must not wait behind the app's Prisma pool
 * (the webhook accept INSERT, the outbox's "sent" mark): two connections at most, opened on first use,
 * closed after 10 s idle, with TCP keepalive. They count toward the embedded server's connection limit.
 * A new DATABASE_URL (tests) replaces the pool.
 */
export function dedicatedPool(name: string, extra: Pick<pg.PoolConfig, "query_timeout"> = {}): pg.Pool {
  const url = env().DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: start the app with `npm start` (it runs the embedded database) or set it.");
  const existing = pools[name];
  if (existing?.url === url) return existing.pool;
  void existing?.pool.end().catch(() => undefined);
  const pool = new pg.Pool({
    connectionString: url,
    max: 2,
    idleTimeoutMillis: 10_000,
    connectionTimeoutMillis: 5_000,
    allowExitOnIdle: true,
    ...extra,
    ...PG_KEEPALIVE,
  });
  pool.on("error", () => undefined); // an idle connection dropped (database restarted): the next query opens another
  pools[name] = { url, pool };
  return pool;
}

export async function closeDedicatedPool(name: string): Promise<void> {
  const existing = pools[name];
  pools[name] = undefined;
  await existing?.pool.end().catch(() => undefined);
}
