/**
 * An empty database of the kind under test, for migration tests: a fresh in-process PGlite, or a new
 * database on the PostgreSQL server (dropped by close()).
 */
import { randomBytes } from "node:crypto";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import pg from "pg";
import { inject } from "vitest";
import { createPglite } from "../../../scripts/embedded/create-pglite";
import { serializeProtocolPerConnection } from "../../../scripts/embedded/serialize-protocol";

export interface EmptyDatabase {
  url: string;
  close(): Promise<void>;
}

export async function emptyDatabase(): Promise<EmptyDatabase> {
  if (inject("databaseKind") === "postgres") {
    const server = new URL(inject("databaseUrl"));
    server.pathname = "/postgres";
    const name = `parcelpage_migrations_${randomBytes(4).toString("hex")}`;
    const admin = async (sql: string) => {
      const client = new pg.Client({ connectionString: server.toString() });
      await client.connect();
      await client.query(sql).finally(() => client.end());
    };
    await admin(`CREATE DATABASE "${name}"`);
    const url = new URL(server);
    url.pathname = `/${name}`;
    return { url: url.toString(), close: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
  }
  const database = await createPglite();
  const socket = new PGLiteSocketServer({ db: database, port: 0, host: "127.0.0.1", maxConnections: 10 });
  serializeProtocolPerConnection(socket);
  const port = await new Promise<number>((resolve) => {
    socket.addEventListener("listening", (event) => resolve((event as CustomEvent<{ port: number }>).detail.port));
    void socket.start();
  });
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    close: async () => {
      await socket.stop();
      await database.close();
    },
  };
}
