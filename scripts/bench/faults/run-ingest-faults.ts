import { spawn } from "node:child_process";

/**
 * Runs scripts/bench/ingest-faults.ts as a process of its own (it points lib/db at its private cluster,
 * which the calling bench's database client must not be) and passes its report through. Rejects when a
 * scenario did not end clean.
 */
export function runIngestFaults(args: string[] = []): Promise<void> {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/bench/ingest-faults.ts", ...args], { stdio: "inherit" });
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`bench:ingest-faults exited with ${code}`))));
  });
}
