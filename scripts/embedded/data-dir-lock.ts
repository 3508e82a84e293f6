import { openSync, readFileSync, rmSync, writeFileSync, closeSync } from "node:fs";

/**
 * One embedded database per data folder: PGlite has no lock of its own, and two pglite-servers on one
 * folder (e.g. a CLI command run with another PGLITE_PORT than the running app) are two writers that
 * corrupt it. `<dataDir>.lock` holds the serving process's pid and port; a lock whose process is gone
 * is stale and taken over.
 */
export class DataDirLocked extends Error {}

export interface DataDirLock {
  file: string;
  /** Records the process that actually serves the folder (the pglite-server child). */
  setOwner(pid: number): void;
  release(): void;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === "EPERM";
  }
}

export function lockDataDir(dataDir: string, port: number): DataDirLock {
  const file = `${dataDir.replace(/\/+$/, "")}.lock`;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(file, "wx", 0o600);
      writeFileSync(fd, JSON.stringify({ pid: process.pid, port }));
      closeSync(fd);
      let owner = process.pid;
      return {
        file,
        setOwner(pid) {
          owner = pid;
          writeFileSync(file, JSON.stringify({ pid, port }));
        },
        release() {
          try {
            const held = JSON.parse(readFileSync(file, "utf8")) as { pid?: number };
            if (held.pid === owner) rmSync(file, { force: true });
          } catch {
            // already gone
          }
        },
      };
    } catch (error) {
      if ((error as { code?: string }).code !== "EEXIST") throw error;
    }
    let held: { pid?: number; port?: number } = {};
    try {
      held = JSON.parse(readFileSync(file, "utf8")) as typeof held;
    } catch {
      // unreadable: being written right now, or garbage; a stale one goes below
    }
    if (typeof held.pid === "number" && alive(held.pid)) {
      throw new DataDirLocked(
        `The embedded database in ${dataDir} is already served by process ${held.pid} on port ${held.port}: ` +
          `run with PGLITE_PORT=${held.port} to use it, or stop it first (two servers on one data folder would corrupt it).`,
      );
    }
    rmSync(file, { force: true });
  }
  throw new DataDirLocked(`Could not lock ${file}; remove it if no Parcelpage is running.`);
}
