import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";

/**
 * Applies prisma/migrations/<name>/migration.sql files over plain `pg`, recording each in Prisma's own
 * `_prisma_migrations` table with the same sha256 checksum, so `prisma migrate deploy` on a machine that
 * has Prisma's schema engine sees them as applied. (The engine cannot be downloaded here.)
 *
 * Each migration runs in its own transaction together with its bookkeeping row: a failure leaves nothing
 * half-applied. Runners racing each other are serialised by a table lock plus a re-check inside the
 * transaction (advisory locks exclude nobody on PGlite, which shares one session among connections).
 */

const CREATE_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id" VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum" VARCHAR(64) NOT NULL,
    "finished_at" TIMESTAMPTZ,
    "migration_name" VARCHAR(255) NOT NULL,
    "logs" TEXT,
    "rolled_back_at" TIMESTAMPTZ,
    "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/**
 * Prisma's `script_matches_checksum` (schema-connector/src/checksum.rs): a file checked out with other line
 * endings (git's autocrlf) is the same migration, so `prisma migrate deploy` and this runner agree on "edited".
 */
export function matchesChecksum(sql: string, checksum: string): boolean {
  return [sql, sql.replaceAll("\r\n", "\n"), sql.replaceAll("\n", "\r\n")].some((variant) => sha256(variant) === checksum);
}

export async function readMigrations(directory: string): Promise<Migration[]> {
  const entries = await readdir(directory, { withFileTypes: true });
  const names = entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(path.join(directory, name, "migration.sql"), "utf8");
      return { name, sql, checksum: sha256(sql) };
    }),
  );
}

/**
 * CREATE TABLE IF NOT EXISTS is not atomic in PostgreSQL: when two runners meet a new database, the one that
 * loses gets a unique violation on the catalogue (23505) or "already exists" (42P07) once the other's table
 * is committed. The table is there then: ask again, which is a no-op.
 */
async function createHistoryTable(client: pg.Client): Promise<void> {
  try {
    await client.query(CREATE_TABLE);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code !== "23505" && code !== "42P07") throw error;
    await client.query(CREATE_TABLE);
  }
}

export interface MigrationReport {
  applied: string[];
  alreadyApplied: number;
}

export async function applyMigrations(connectionString: string, directory: string): Promise<MigrationReport> {
  const migrations = await readMigrations(directory);
  const client = new pg.Client({ connectionString });
  await client.connect();
  const report: MigrationReport = { applied: [], alreadyApplied: 0 };
  try {
    await createHistoryTable(client);
    for (const migration of migrations) {
      await client.query("BEGIN");
      try {
        await client.query('LOCK TABLE "_prisma_migrations" IN EXCLUSIVE MODE');
        const existing = await client.query<{ checksum: string }>(
          'SELECT "checksum" FROM "_prisma_migrations" WHERE "migration_name" = $1 AND "finished_at" IS NOT NULL AND "rolled_back_at" IS NULL',
          [migration.name],
        );
        if (existing.rows.length > 0) {
          await client.query("COMMIT");
          if (!matchesChecksum(migration.sql, existing.rows[0]!.checksum)) {
            throw new Error(
              `Migration ${migration.name} was changed after it was applied (checksum differs). Add a new migration instead of editing an applied one.`,
            );
          }
          report.alreadyApplied += 1;
          continue;
        }
        await client.query(migration.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" ("id", "checksum", "finished_at", "migration_name", "started_at", "applied_steps_count")
           VALUES ($1, $2, now(), $3, now(), 1)`,
          [randomUUID(), migration.checksum, migration.name],
        );
        await client.query("COMMIT");
        report.applied.push(migration.name);
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        if (error instanceof Error && error.message.startsWith(`Migration ${migration.name} was changed`)) throw error;
        throw new Error(`Migration ${migration.name} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  } finally {
    await client.end();
  }
  return report;
}
