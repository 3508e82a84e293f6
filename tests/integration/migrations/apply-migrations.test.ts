/**
 * The project's migration runner (lib/migrations/apply-migrations.ts), on an empty database of the kind
 * under test (a fresh in-process PGlite, or a new database on the PostgreSQL server): Prisma-compatible
 * bookkeeping, refusing an edited migration, rolling back a failing one, and two runners at once.
 */
import { createHash } from "node:crypto";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { applyMigrations, readMigrations } from "../../../lib/migrations/apply-migrations";
import { emptyDatabase, type EmptyDatabase } from "../support/empty-database";

const MIGRATIONS = "prisma/migrations";

/**
 * Prisma's checksum, written out from prisma-engines (schema-connector/src/checksum.rs) rather than taken
 * from the runner: sha256 over the script's bytes, each byte as two lowercase hex digits.
 */
function prismaChecksum(script: string | Buffer): string {
  return [...createHash("sha256").update(script).digest()].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

/** Prisma's `script_matches_checksum`: the script as it is, with CRLF made LF, or with LF made CRLF. */
function prismaAccepts(script: string, checksum: string): boolean {
  return [script, script.replaceAll("\r\n", "\n"), script.replaceAll("\n", "\r\n")].some((variant) => prismaChecksum(variant) === checksum);
}

describe("the migration runner", () => {
  let database: EmptyDatabase;
  let client: pg.Client;
  let work: string;
  const names = readMigrations(MIGRATIONS).then((list) => list.map((migration) => migration.name));

  const query = async <T extends pg.QueryResultRow>(sql: string, values: unknown[] = []) => (await client.query<T>(sql, values)).rows;
  const recorded = () =>
    query<{ migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null; applied_steps_count: number; logs: string | null; id: string }>(
      'SELECT * FROM "_prisma_migrations" ORDER BY "migration_name"',
    );
  const tableExists = async (name: string) => (await query(`SELECT 1 FROM pg_tables WHERE schemaname = 'public' AND tablename = $1`, [name])).length === 1;

  beforeAll(async () => {
    database = await emptyDatabase();
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
  }, 120_000);
  afterAll(async () => {
    await client.end();
    await database.close();
  });
  beforeEach(async () => {
    // Each case starts from an empty database: nothing of the previous case's schema or history left.
    await query("DROP SCHEMA public CASCADE");
    await query("CREATE SCHEMA public");
    work = mkdtempSync(path.join(tmpdir(), "parcelpage-migrations-"));
    cpSync(MIGRATIONS, work, { recursive: true });
    return () => rmSync(work, { recursive: true, force: true });
  });

  it("records every migration as Prisma does: its table, its sha256 checksum, finished and not rolled back; a second run applies nothing", async () => {
    // The helper against Prisma's own test vector (checksum.rs: render_checksum("hello")).
    expect(prismaChecksum("hello")).toBe("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");

    const report = await applyMigrations(database.url, MIGRATIONS);
    expect(report).toEqual({ applied: await names, alreadyApplied: 0 });

    // The table exactly as Prisma's schema engine creates it on PostgreSQL, so `prisma migrate deploy` can read it.
    const columns = await query<{ column_name: string; data_type: string; is_nullable: string; character_maximum_length: number | null }>(
      `SELECT column_name, data_type, is_nullable, character_maximum_length FROM information_schema.columns
       WHERE table_schema = 'public' AND table_name = '_prisma_migrations' ORDER BY ordinal_position`,
    );
    expect(columns.map((c) => [c.column_name, c.data_type, c.is_nullable, c.character_maximum_length])).toEqual([
      ["id", "character varying", "NO", 36],
      ["checksum", "character varying", "NO", 64],
      ["finished_at", "timestamp with time zone", "YES", null],
      ["migration_name", "character varying", "NO", 255],
      ["logs", "text", "YES", null],
      ["rolled_back_at", "timestamp with time zone", "YES", null],
      ["started_at", "timestamp with time zone", "NO", null],
      ["applied_steps_count", "integer", "NO", null],
    ]);

    const rows = await recorded();
    expect(rows.map((row) => row.migration_name)).toEqual(await names);
    for (const row of rows) {
      const file = readFileSync(path.join(MIGRATIONS, row.migration_name, "migration.sql"));
      expect(row.checksum, row.migration_name).toBe(prismaChecksum(file));
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(prismaAccepts(file.toString("utf8"), row.checksum)).toBe(true);
      expect(row).toMatchObject({ rolled_back_at: null, applied_steps_count: 1, logs: null });
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
    }

    expect(await applyMigrations(database.url, MIGRATIONS)).toEqual({ applied: [], alreadyApplied: rows.length });
    expect(await recorded()).toEqual(rows);
  });

  it("refuses a migration edited after it was applied, and applies nothing after it", async () => {
    await applyMigrations(database.url, work);
    const [, edited] = await names;
    const file = path.join(work, edited!, "migration.sql");
    writeFileSync(file, `${readFileSync(file, "utf8")}\nCREATE TABLE "Sneaky" ("id" TEXT NOT NULL);\n`);
    mkdirSync(path.join(work, "29990101000000_later"));
    writeFileSync(path.join(work, "29990101000000_later", "migration.sql"), 'CREATE TABLE "Later" ("id" TEXT NOT NULL);\n');
    const before = await recorded();

    await expect(applyMigrations(database.url, work)).rejects.toThrow(
      `Migration ${edited} was changed after it was applied (checksum differs). Add a new migration instead of editing an applied one.`,
    );
    expect(await tableExists("Sneaky")).toBe(false);
    expect(await tableExists("Later")).toBe(false);
    expect(await recorded()).toEqual(before);
  });

  it("takes an applied migration checked out with CRLF line endings as unchanged, as Prisma does", async () => {
    await applyMigrations(database.url, work);
    const [first] = await names;
    const file = path.join(work, first!, "migration.sql");
    const crlf = readFileSync(file, "utf8").replaceAll("\n", "\r\n");
    writeFileSync(file, crlf);
    const [row] = await recorded();
    expect(prismaAccepts(crlf, row!.checksum)).toBe(true); // Prisma would not call it modified
    expect(await applyMigrations(database.url, work)).toEqual({ applied: [], alreadyApplied: (await names).length });
  });

  it("rolls a failing migration back whole (its statements and its record), keeps the ones before it, and applies it once fixed", async () => {
    const failing = "29990101000000_half_done";
    mkdirSync(path.join(work, failing));
    const good = 'CREATE TABLE "HalfDone" ("id" TEXT NOT NULL);\nCREATE INDEX "HalfDone_id_idx" ON "HalfDone"("id");\n';
    writeFileSync(path.join(work, failing, "migration.sql"), `${good}SELECT 1 / 0;\n`);

    await expect(applyMigrations(database.url, work)).rejects.toThrow(`Migration ${failing} failed: division by zero`);
    expect(await tableExists("HalfDone")).toBe(false);
    expect((await recorded()).map((row) => row.migration_name)).toEqual(await names);

    writeFileSync(path.join(work, failing, "migration.sql"), good);
    expect(await applyMigrations(database.url, work)).toEqual({ applied: [failing], alreadyApplied: (await names).length });
    expect(await tableExists("HalfDone")).toBe(true);
  });

  it("two runners started at once on a new database apply each migration exactly once between them, and both succeed", async () => {
    const all = await names;
    // A few rounds: the runners meet at a different point each time (the history table, a migration, the end).
    for (let round = 0; round < 3; round++) {
      if (round > 0) {
        await query("DROP SCHEMA public CASCADE");
        await query("CREATE SCHEMA public");
      }
      const [a, b] = await Promise.all([applyMigrations(database.url, MIGRATIONS), applyMigrations(database.url, MIGRATIONS)]);
      expect([...a.applied, ...b.applied].sort(), `round ${round}`).toEqual(all);
      expect(a.applied.filter((name) => b.applied.includes(name))).toEqual([]);
      expect(a.alreadyApplied + a.applied.length).toBe(all.length);
      expect(b.alreadyApplied + b.applied.length).toBe(all.length);
      const rows = await recorded();
      expect(rows.map((row) => row.migration_name)).toEqual(all);
      expect(new Set(rows.map((row) => row.id)).size).toBe(all.length);
    }
  });
});
