import { db } from "../../../lib/db";
import { forgetConnections } from "../../../lib/webhooks/connection-cache";

/** Empties every table the app owns (keeps the migration history), so each test file starts clean. */
export async function resetDatabase(): Promise<void> {
  const tables = await db.$queryRaw<{ tablename: string }[]>`
    SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`;
  forgetConnections();
  if (tables.length === 0) return;
  await db.$executeRawUnsafe(`TRUNCATE ${tables.map((table) => `"${table.tablename}"`).join(", ")} CASCADE`);
}
