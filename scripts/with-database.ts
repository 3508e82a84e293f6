/**
 * Runs an operator task against DATABASE_URL; when it is unset, against the embedded database —
 * the one `npm start` is serving if it is up, otherwise one started just for this task (refused while
 * another process serves the same data folder), with the demo's generated APP_SECRET (.data/app-secret).
 */
import { env, reloadEnv } from "../lib/env";
import { adoptLocalAppSecret } from "./embedded/local-app-secret";
import { canConnect, embeddedUrl, startEmbeddedDatabase } from "./embedded-db";

export async function withDatabase<T>(task: (url: string) => Promise<T>): Promise<T> {
  const { DATABASE_URL, PGLITE_PORT } = env();
  if (DATABASE_URL) return task(DATABASE_URL);
  // The embedded data was sealed with the demo's generated secret: use it, as `npm start` does.
  adoptLocalAppSecret();
  reloadEnv();
  if (await canConnect(PGLITE_PORT)) {
    process.env.DATABASE_URL = embeddedUrl(PGLITE_PORT);
    reloadEnv();
    return task(process.env.DATABASE_URL);
  }
  const embedded = await startEmbeddedDatabase(PGLITE_PORT);
  process.env.DATABASE_URL = embedded.url;
  reloadEnv();
  try {
    return await task(embedded.url);
  } finally {
    const { disconnectDb } = await import("../lib/db");
    await disconnectDb();
    await embedded.stop();
  }
}
