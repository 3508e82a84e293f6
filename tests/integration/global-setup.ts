/**
 * One real database for the integration run, migrated once:
 * - INTEGRATION_DB=postgres (with TEST_DATABASE_URL): a fresh database on that PostgreSQL server, dropped afterwards;
 * - otherwise an in-memory PGlite served over a loopback socket, the same wire protocol the app uses.
 */
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import type { TestProject } from "vitest/node";
import { applyMigrations } from "../../lib/migrations/apply-migrations";
import { createPglite } from "../../scripts/embedded/create-pglite";
import { serializeProtocolPerConnection } from "../../scripts/embedded/serialize-protocol";
import { createFreshDatabase } from "../../scripts/fresh-database";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    databaseKind: "pglite" | "postgres";
  }
}

export default async function setup(project: TestProject) {
  if (process.env.INTEGRATION_DB === "postgres") {
    const serverUrl = process.env.TEST_DATABASE_URL;
    if (!serverUrl) throw new Error("INTEGRATION_DB=postgres needs TEST_DATABASE_URL (e.g. postgresql://postgres@127.0.0.1:5432/test).");
    const database = await createFreshDatabase(serverUrl, "parcelpage_test");
    project.provide("databaseUrl", database.url);
    project.provide("databaseKind", "postgres");
    return database.drop;
  }

  const database = await createPglite();
  const server = new PGLiteSocketServer({ db: database, port: 0, host: "127.0.0.1", maxConnections: 40 });
  serializeProtocolPerConnection(server);
  const port = await new Promise<number>((resolve) => {
    server.addEventListener("listening", (event) => resolve((event as CustomEvent<{ port: number }>).detail.port));
    void server.start();
  });
  const url = `postgresql://postgres@127.0.0.1:${port}/postgres`;
  await applyMigrations(url, "prisma/migrations");
  project.provide("databaseUrl", url);
  project.provide("databaseKind", "pglite");
  return async () => {
    await server.stop();
    await database.close();
  };
}
