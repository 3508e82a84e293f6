import path from "node:path";
import { db } from "../db";
import { readMigrations } from "./apply-migrations";

/** Once every migration this build ships is applied it stays applied: later readiness checks skip the query. */
const KEY = Symbol.for("parcelpage.migrations-applied");
type Store = { [KEY]?: boolean };

/**
 * Names of the migrations in prisma/migrations that the database has not finished applying. A new
 * instance started before `npm run db:migrate` ran is alive but not ready: it would query columns that
 * do not exist yet.
 */
export async function pendingMigrations(directory = path.join(process.cwd(), "prisma", "migrations")): Promise<string[]> {
  if ((globalThis as Store)[KEY]) return [];
  const shipped = await readMigrations(directory);
  const rows = await db.$queryRaw<{ name: string }[]>`
    SELECT "migration_name" AS "name" FROM "_prisma_migrations" WHERE "finished_at" IS NOT NULL AND "rolled_back_at" IS NULL`;
  const applied = new Set(rows.map((row) => row.name));
  const pending = shipped.map((migration) => migration.name).filter((name) => !applied.has(name));
  if (pending.length === 0) (globalThis as Store)[KEY] = true;
  return pending;
}
