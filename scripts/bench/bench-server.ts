/**
 * Shared set-up for benchmarks: a fresh database on PostgreSQL (BENCH_DATABASE_URL or TEST_DATABASE_URL,
 * default the local server), migrated, and a production build served the way production serves it
 * (scripts/serve.ts: Next.js behind the plain node:http server that stamps each request's client address)
 * on a spare port.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createFreshDatabase, type FreshDatabase } from "../fresh-database";
import { reloadEnv } from "../../lib/env";
import { COUNTER_LINE, type Counters } from "./counters";

export const BENCH_DIST_DIR = process.env.BENCH_DIST_DIR || ".next-bench";

export async function freshDatabase(): Promise<FreshDatabase> {
  const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  const database = await createFreshDatabase(serverUrl, "parcelpage_bench");
  process.env.DATABASE_URL = database.url;
  process.env.APP_SECRET ??= randomBytes(32).toString("hex");
  reloadEnv();
  return database;
}

/** What a build is made from (the generated Prisma client follows schema.prisma). */
const BUILD_SOURCES = ["app", "components", "lib", "proxy.ts", "next.config.ts", "postcss.config.mjs", "package.json", "package-lock.json", "prisma/schema.prisma"];

/** Newest modification time under the folders and files a build is made from. */
export function newestSource(): number {
  let newest = 0;
  const walk = (entry: string) => {
    const stat = statSync(entry, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isDirectory()) {
      if (entry.endsWith("generated")) return;
      for (const child of readdirSync(entry)) walk(path.join(entry, child));
    } else newest = Math.max(newest, stat.mtimeMs);
  };
  for (const entry of BUILD_SOURCES) walk(entry);
  return newest;
}

export function buildIsStale(distDir = BENCH_DIST_DIR): boolean {
  const built = statSync(path.join(distDir, "BUILD_ID"), { throwIfNoEntry: false });
  return !built || built.mtimeMs < newestSource();
}

/** Builds into `distDir` (.next-bench) when there is no build, it is older than its sources, or --rebuild is given. */
export function ensureBuild(distDir = BENCH_DIST_DIR) {
  const stale = buildIsStale(distDir);
  if (!stale && !process.argv.includes("--rebuild")) return;
  console.error(`• building the app into ${distDir} (${stale ? "missing or older than its sources" : "--rebuild"})…`);
  // `next build` with a distDir of its own rewrites tsconfig.json (its include list): put it back.
  const tsconfig = readFileSync("tsconfig.json", "utf8");
  const result = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, NEXT_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (readFileSync("tsconfig.json", "utf8") !== tsconfig) writeFileSync("tsconfig.json", tsconfig);
  if (result.status !== 0) throw new Error("next build failed");
}

export interface BenchServer {
  url: string;
  process: ChildProcess;
  /** The server's request counters (scripts/bench/render-counter.ts); only with `{ counters: true }`. */
  counters(): Promise<Counters>;
  stop(): Promise<void>;
}

/**
 * Starts scripts/serve.ts on the bench build. `counters: true` preloads the bench-only render counter
 * into the server process (read with `counters()`, through a signal: nothing is added over HTTP).
 */
export async function startServer(port: number, extraEnv: Record<string, string> = {}, options: { counters?: boolean } = {}): Promise<BenchServer> {
  const preload = options.counters ? ["--import", "./scripts/bench/render-counter.ts"] : [];
  const child = spawn(process.execPath, ["--import", "tsx", ...preload, "scripts/serve.ts", "--port", String(port), "--hostname", "127.0.0.1"], {
    stdio: ["ignore", options.counters ? "pipe" : "ignore", "inherit"],
    env: { ...process.env, NEXT_DIST_DIR: BENCH_DIST_DIR, NEXT_TELEMETRY_DISABLED: "1", LOG_LEVEL: "warn", ...extraEnv },
  });
  const waiting: ((counters: Counters) => void)[] = [];
  if (child.stdout) {
    let buffered = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      buffered += chunk;
      let newline: number;
      while ((newline = buffered.indexOf("\n")) >= 0) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        if (line.startsWith(COUNTER_LINE)) waiting.shift()?.(JSON.parse(line.slice(COUNTER_LINE.length)) as Counters);
      }
    });
  }
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    try {
      await fetch(`${url}/api/health`);
      break;
    } catch {
      if (Date.now() > deadline || child.exitCode !== null) {
        child.kill("SIGKILL");
        throw new Error("the app server did not come up");
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  return {
    url,
    process: child,
    counters: () =>
      new Promise<Counters>((resolve, reject) => {
        if (!options.counters) return reject(new Error("started without counters"));
        const timer = setTimeout(() => reject(new Error("the server did not report its counters")), 10_000);
        waiting.push((counters) => {
          clearTimeout(timer);
          resolve(counters);
        });
        child.kill("SIGUSR2");
      }),
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const force = setTimeout(() => child.kill("SIGKILL"), 10_000);
        child.once("exit", () => {
          clearTimeout(force);
          resolve();
        });
        child.kill("SIGTERM");
      }),
  };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
