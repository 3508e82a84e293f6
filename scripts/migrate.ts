/** `npm run db:migrate`: applies pending SQL migrations to DATABASE_URL, or to the embedded database. */
import { applyMigrations } from "../lib/migrations/apply-migrations";
import { withDatabase } from "./with-database";

const report = await withDatabase((url) => applyMigrations(url, "prisma/migrations"));
console.log(
  report.applied.length > 0
    ? `Applied ${report.applied.length} migration(s): ${report.applied.join(", ")}`
    : `Database is up to date (${report.alreadyApplied} migration(s) applied).`,
);
