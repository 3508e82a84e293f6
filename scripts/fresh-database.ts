/**
 * A new, empty, migrated database on a PostgreSQL server, for a test run or a benchmark, dropped
 * afterwards. Each run gets its own, so runs never see each other's rows.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { applyMigrations } from "../lib/migrations/apply-migrations";

export interface FreshDatabase {
  url: string;
  drop(): Promise<void>;
}

async function admin(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function createFreshDatabase(serverUrl: string, prefix: string): Promise<FreshDatabase> {
  const name = `${prefix}_${randomBytes(4).toString("hex")}`;
  await admin(serverUrl, `CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  await applyMigrations(url.toString(), "prisma/migrations");
  return { url: url.toString(), drop: () => admin(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}
