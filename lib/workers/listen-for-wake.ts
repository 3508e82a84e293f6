import pg from "pg";
import { db } from "../db";
import { env } from "../env";
import { logger } from "../logger";
import { PG_KEEPALIVE } from "../pg-keepalive";

export interface ListenOptions {
  channel: string;
  /** Logged, and part of the probe's payload so concurrent workers never hear each other's probes. */
  workerId: string;
  /** Called for every notification on the channel other than the probe. */
  onNotify(): void;
  /** The connection dropped (a database restart): the worker falls back to polling. */
  onLost(error: Error): void;
}

/**
 * LISTEN on a connection of its own, then prove it works: a NOTIFY sent through the app's pool must
 * arrive within a second. On PGlite it does not (one shared session, notifications do not cross
 * connections), nor without DATABASE_URL: null, and the worker polls instead.
 */
export async function listenForWake(options: ListenOptions): Promise<pg.Client | null> {
  const { DATABASE_URL } = env();
  if (!DATABASE_URL) return null;
  // Idle by design: without keepalive a vanished host would leave it waiting for ever (lib/pg-keepalive.ts).
  const client = new pg.Client({ connectionString: DATABASE_URL, connectionTimeoutMillis: 5_000, ...PG_KEEPALIVE });
  try {
    await client.connect();
    const probe = `probe-${options.workerId}`;
    let heard = false;
    client.on("notification", (message) => {
      if (message.payload === probe) heard = true;
      else options.onNotify();
    });
    client.on("error", (error) => {
      logger.warn({ worker: options.workerId, err: error.message }, "LISTEN connection lost; polling");
      void client.end().catch(() => undefined);
      options.onLost(error);
    });
    // The channel is one of our constants, never input: LISTEN takes no bind parameters.
    await client.query(`LISTEN ${options.channel}`);
    await db.$executeRaw`SELECT pg_notify(${options.channel}, ${probe})`;
    for (let waited = 0; waited < 1_000 && !heard; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
    if (!heard) {
      await client.end().catch(() => undefined);
      return null;
    }
    return client;
  } catch (error) {
    logger.warn({ worker: options.workerId, err: error instanceof Error ? error.message : String(error) }, "cannot LISTEN; polling");
    await client.end().catch(() => undefined);
    return null;
  }
}
