/**
 * Whether the cluster tests can run here, and why not: they need Caddy (apt-get install -y caddy), a
 * PostgreSQL server (TEST_DATABASE_URL, default the local one at 127.0.0.1:5432) and a production build.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { findCaddy } from "../../../scripts/cluster/caddy";

export const SERVER_URL = process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
export const DIST_DIR = process.env.NEXT_DIST_DIR || ".next";
/** Ports 4500–4513 (scripts/cluster/topology.ts lays them out from this base). */
export const BASE_PORT = Number(process.env.CLUSTER_TEST_PORT ?? 4500);

export async function clusterSkipReason(): Promise<string | null> {
  if (!findCaddy()) return "Caddy is not installed: the cluster tests are skipped. To run them: sudo apt-get install -y caddy";
  const client = new pg.Client({ connectionString: SERVER_URL, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
  } catch {
    return `No PostgreSQL at ${new URL(SERVER_URL).host}: the cluster tests are skipped (set TEST_DATABASE_URL).`;
  } finally {
    await client.end().catch(() => undefined);
  }
  if (!existsSync(path.join(DIST_DIR, "BUILD_ID"))) throw new Error(`No production build in ${DIST_DIR}: run \`npm run build\` first (npm test does).`);
  return null;
}
