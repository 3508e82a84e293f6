import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client";
import { env } from "./env";
import { PG_KEEPALIVE } from "./pg-keepalive";

/**
 * One Prisma client per process. The pool is capped (DB_POOL_MAX) so every process together stays
 * under the embedded server's connection limit (pglite-server drops connections past -m).
 */
function createClient() {
  const { DATABASE_URL, DB_POOL_MAX } = env();
  if (!DATABASE_URL) {
    throw new Error("DATABASE_URL is not set: start the app with `npm start` (it runs the embedded database) or set it.");
  }
  // Keepalive: a connection to a host that vanished errors in ~20 s instead of never (lib/pg-keepalive.ts).
  const adapter = new PrismaPg({ connectionString: DATABASE_URL, max: DB_POOL_MAX, connectionTimeoutMillis: 5_000, ...PG_KEEPALIVE });
  return new PrismaClient({
    adapter,
    // Secrets never leave the server by accident: they must be selected explicitly.
    omit: { providerConnection: { secretCiphertext: true }, shopConnection: { secretCiphertext: true } },
  });
}

export type Db = ReturnType<typeof createClient>;

const globalForDb = globalThis as unknown as { parcelpageDb?: Db };

function client(): Db {
  // Kept on globalThis so dev-server reloads and test files reuse one pool instead of leaking them.
  globalForDb.parcelpageDb ??= createClient();
  return globalForDb.parcelpageDb;
}

/**
 * Created on first use, not at import: `next build` imports route modules without a database.
 */
export const db: Db = new Proxy({} as Db, {
  get(_target, property) {
    const real = client();
    const value = Reflect.get(real, property);
    return typeof value === "function" ? value.bind(real) : value;
  },
});

export async function disconnectDb(): Promise<void> {
  const existing = globalForDb.parcelpageDb;
  globalForDb.parcelpageDb = undefined;
  await existing?.$disconnect();
}

/** The client inside an interactive transaction. */
export type Tx = Omit<Db, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;
