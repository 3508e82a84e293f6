// Runs `prisma generate` without the schema engine, which cannot be downloaded on these machines.
// generate never calls the engine; pointing the variable at a script that fails loudly keeps any
// accidental `migrate` from silently "succeeding" with an empty binary.
import { spawnSync } from "node:child_process";
import { chmodSync } from "node:fs";
import { fileURLToPath } from "node:url";

const noEngine = fileURLToPath(new URL("./no-schema-engine.sh", import.meta.url));
chmodSync(noEngine, 0o755);
const result = spawnSync("npx", ["prisma", "generate"], {
  stdio: "inherit",
  env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: noEngine, CHECKPOINT_DISABLE: "1", PRISMA_HIDE_UPDATE_MESSAGE: "1" },
});
process.exit(result.status ?? 1);
