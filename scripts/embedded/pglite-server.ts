/**
 * The embedded PostgreSQL server: PGlite with its data in a folder, served on loopback over the
 * PostgreSQL wire protocol. Like pglite-server from @electric-sql/pglite-socket, plus the per-connection
 * protocol serialisation that concurrent clients need (see serialize-protocol.ts).
 * Usage: node --import tsx scripts/embedded/pglite-server.ts --db=<dir> --port=<port> [--max-connections=<n>]
 */
import { parseArgs } from "node:util";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { createPglite } from "./create-pglite";
import { serializeProtocolPerConnection } from "./serialize-protocol";

const { values } = parseArgs({
  options: {
    db: { type: "string" },
    port: { type: "string", default: "54329" },
    host: { type: "string", default: "127.0.0.1" },
    "max-connections": { type: "string", default: "24" },
  },
});
if (!values.db) {
  console.error("--db=<data directory> is required");
  process.exit(2);
}

const database = await createPglite(values.db);
const server = new PGLiteSocketServer({
  db: database,
  host: values.host,
  port: Number(values.port),
  maxConnections: Number(values["max-connections"]),
});
serializeProtocolPerConnection(server);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await server.stop();
  await database.close();
  process.exit(0);
}
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());

await server.start();
console.log(`embedded PostgreSQL (PGlite) listening on ${values.host}:${values.port}`);
