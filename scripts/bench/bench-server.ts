/**
 * Shared set-up for benchmarks: a fresh database on PostgreSQL (BENCH_DATABASE_URL or TEST_DATABASE_URL,
 * default the local server), migrated, and a production build served by `next start` on a spare port.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import { createFreshDatabase, type FreshDatabase } from "../fresh-database";
import { reloadEnv } from "../../lib/env";

export const BENCH_DIST_DIR = process.env.BENCH_DIST_DIR || ".next-bench";

export async function freshDatabase(): Promise<FreshDatabase> {
  const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  const database = await createFreshDatabase(serverUrl, "parcelpage_bench");
  process.env.DATABASE_URL = database.url;
  process.env.APP_SECRET ??= randomBytes(32).toString("hex");
  reloadEnv();
  return database;
}

export function ensureBuild() {
  if (existsSync(path.join(BENCH_DIST_DIR, "BUILD_ID")) && !process.argv.includes("--rebuild")) return;
  console.error("• building the app into .next-bench (pass --rebuild to force)…");
  const result = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, NEXT_DIST_DIR: BENCH_DIST_DIR, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) throw new Error("next build failed");
}

export async function startServer(port: number, extraEnv: Record<string, string> = {}): Promise<{ url: string; process: ChildProcess; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "--port", String(port), "--hostname", "127.0.0.1"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, NEXT_DIST_DIR: BENCH_DIST_DIR, NEXT_TELEMETRY_DISABLED: "1", LOG_LEVEL: "warn", ...extraEnv },
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      await fetch(`${url}/api/health`);
      break;
    } catch {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error("next start did not come up");
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  return {
    url,
    process: child,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
