/**
 * The embedded PostgreSQL (PGlite served on loopback by pglite-server) used when DATABASE_URL is unset.
 * The app connects to it exactly as it would to a real server.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { lockDataDir, type DataDirLock } from "./embedded/data-dir-lock";

export const EMBEDDED_DATA_DIR = path.resolve(".data/pglite");
/** Every pool of every process together must stay under this (pglite-server drops the rest). */
export const EMBEDDED_MAX_CONNECTIONS = 24;

export function embeddedUrl(port: number): string {
  return `postgresql://postgres@127.0.0.1:${port}/postgres`;
}

export function isPortFree(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

export function canConnect(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, host);
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

export interface EmbeddedDatabase {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export async function startEmbeddedDatabase(port: number, dataDir = EMBEDDED_DATA_DIR): Promise<EmbeddedDatabase> {
  mkdirSync(dataDir, { recursive: true });
  const lock = lockDataDir(dataDir, port);
  try {
    return await spawnServer(port, dataDir, lock);
  } catch (error) {
    lock.release();
    throw error;
  }
}

async function spawnServer(port: number, dataDir: string, lock: DataDirLock): Promise<EmbeddedDatabase> {
  const serverScript = fileURLToPath(new URL("./embedded/pglite-server.ts", import.meta.url));
  const child = spawn(
    process.execPath,
    ["--import", "tsx", serverScript, `--db=${dataDir}`, "--host=127.0.0.1", `--port=${port}`, `--max-connections=${EMBEDDED_MAX_CONNECTIONS}`],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  if (child.pid) lock.setOwner(child.pid);
  child.once("exit", () => lock.release());
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });

  // First start of a new database takes 5-7 s; a restart about 2 s.
  const deadline = Date.now() + 90_000;
  while (!(await canConnect(port))) {
    if (child.exitCode !== null) {
      throw new Error(`The embedded database stopped while starting: ${stderr.trim().split("\n").pop() ?? "no output"}`);
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error("The embedded database did not start within 90 s.");
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }

  return {
    url: embeddedUrl(port),
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
        child.once("exit", () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill("SIGTERM");
      }),
  };
}
