/**
 * The processes a fault scenario kills and restarts: the app (the webhook route alone, or the production
 * build) and ingest workers, each a real OS process talking to the private cluster.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { startServer } from "../bench-server";

export interface Running {
  process: ChildProcess;
  /** SIGKILL, then wait for it to be gone. */
  kill(): Promise<void>;
  /** SIGTERM (a clean stop), then wait. */
  stop(): Promise<void>;
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
  });
}

function running(child: ChildProcess): Running {
  return {
    process: child,
    kill: async () => {
      child.kill("SIGKILL");
      await exited(child);
    },
    stop: async () => {
      const force = setTimeout(() => child.kill("SIGKILL"), 15_000);
      child.kill("SIGTERM");
      await exited(child);
      clearTimeout(force);
    },
  };
}

export type AppKind = "route" | "next";

/** Starts the app on `port` and resolves once it answers /api/health (whatever the status). */
export async function startApp(kind: AppKind, port: number, env: Record<string, string>): Promise<Running> {
  if (kind === "next") return running((await startServer(port, env)).process);
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/bench/faults/webhook-app.ts", "--port", String(port)], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, LOG_LEVEL: "silent", ...env },
  });
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      await fetch(`http://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(10_000) });
      return running(child);
    } catch {
      if (child.exitCode !== null || Date.now() > deadline) {
        child.kill("SIGKILL");
        throw new Error("the webhook app did not come up");
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

/** Starts an ingest worker and resolves once it says it runs. */
export function startWorker(env: Record<string, string>, batchSize?: number): Promise<Running> {
  const args = ["--import", "tsx", "scripts/worker.ts", "--only", "ingest", ...(batchSize ? ["--batch", String(batchSize)] : [])];
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, LOG_LEVEL: "error", ...env } });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("the ingest worker did not start within 120 s")), 120_000);
    child.stdout!.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("Ingest worker")) {
        clearTimeout(timer);
        resolve(running(child));
      }
    });
    child.once("exit", (code) => reject(new Error(`ingest worker exited (${code})`)));
  });
}
