/**
 * The cluster topology `npm run cluster`, the cluster tests and bench:cluster share: N app instances
 * (scripts/serve.ts on a production build), W workers (scripts/worker.ts) and optionally Caddy in front
 * (deploy/Caddyfile), all on loopback, all on one PostgreSQL. Ports are laid out from one base:
 * app instances base+1…base+9, Caddy HTTP base+10, HTTPS base+11, its ask relay base+12, admin base+13.
 */
import path from "node:path";
import { startCaddy, type RunningCaddy } from "./caddy";
import { startProcess, waitForStatus, type ManagedProcess, type Output } from "./managed-process";

export interface ClusterOptions {
  databaseUrl: string;
  appInstances: number;
  workers: number;
  basePort: number;
  distDir: string;
  /** Caddy's binary, or null to run without it. */
  caddyBinary: string | null;
  platformHost: string;
  /** Certificates and Caddy's state (a temporary folder in tests). */
  caddyDataDir: string;
  caddyTls?: string;
  /** Extra environment for app instances and workers (SMTP_URL, APP_SECRET, LOG_LEVEL…). */
  env?: Record<string, string>;
  /** Output of each process: "prefixed" onto ours, or files in this folder. */
  logDir?: string;
}

export interface Cluster {
  apps: (ManagedProcess | null)[];
  workers: ManagedProcess[];
  caddy: RunningCaddy | null;
  appPort(index: number): number;
  appUrl(index: number): string;
  /** https://platformHost:port through Caddy, or null without it. */
  publicUrl: string | null;
  httpsPort: number;
  /** SIGTERM one app instance and wait until it has exited (it drains first). */
  stopApp(index: number): Promise<void>;
  /** Start it again and wait until it is ready. */
  startApp(index: number): Promise<void>;
  /** SIGTERM one worker (it stops claiming and finishes what it holds) and start a fresh one in its place. */
  restartWorker(index: number): Promise<void>;
  stop(): Promise<void>;
}

export const MAX_APP_INSTANCES = 9;

export function clusterPorts(basePort: number) {
  return { http: basePort + 10, https: basePort + 11, ask: basePort + 12, admin: basePort + 13 };
}

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  if (options.appInstances < 1 || options.appInstances > MAX_APP_INSTANCES) throw new Error(`APP_INSTANCES must be 1–${MAX_APP_INSTANCES}`);
  const ports = clusterPorts(options.basePort);
  const appPort = (index: number) => options.basePort + 1 + index;
  const publicUrl = options.caddyBinary ? `https://${options.platformHost}:${ports.https}` : null;
  const output = (name: string): Output => (options.logDir ? { kind: "file", path: path.join(options.logDir, `${name}.log`) } : { kind: "prefixed" });
  const shared: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    NEXT_DIST_DIR: options.distDir,
    DATABASE_URL: options.databaseUrl,
    // Links in messages point at the public address; requests arrive through one proxy hop.
    APP_URL: publicUrl ?? `http://127.0.0.1:${appPort(0)}`,
    TRUST_PROXY_HOPS: options.caddyBinary ? "1" : "0",
    ...options.env,
  };

  const apps: (ManagedProcess | null)[] = [];
  const startApp = async (index: number) => {
    const name = `app-${index + 1}`;
    const args = ["--import", "tsx", "scripts/serve.ts", "--port", String(appPort(index)), "--hostname", "127.0.0.1"];
    const app = startProcess(name, process.execPath, args, { ...shared, DB_POOL_MAX: shared.DB_POOL_MAX ?? "8" }, output(name));
    apps[index] = app;
    await waitForStatus(`http://127.0.0.1:${appPort(index)}/api/ready`, 200, app, 120_000);
  };
  const stopApp = async (index: number) => {
    await apps[index]?.stop();
    apps[index] = null;
  };

  const workers: ManagedProcess[] = [];
  const startWorker = (index: number) => {
    const name = `worker-${index + 1}`;
    workers[index] = startProcess(name, process.execPath, ["--import", "tsx", "scripts/worker.ts", "--id", name], { ...shared, DB_POOL_MAX: "4" }, output(name));
  };
  let caddy: RunningCaddy | null = null;
  const stop = async () => {
    await Promise.all([...apps.map((app) => app?.stop()), ...workers.map((worker) => worker.stop())]);
    await caddy?.process.stop(5_000);
  };

  try {
    await Promise.all(Array.from({ length: options.appInstances }, (_, index) => startApp(index)));
    for (let index = 0; index < options.workers; index++) startWorker(index);
    if (options.caddyBinary) {
      caddy = await startCaddy({
        binary: options.caddyBinary,
        platformHost: options.platformHost,
        upstreams: apps.map((_, index) => `127.0.0.1:${appPort(index)}`),
        ports,
        dataDir: options.caddyDataDir,
        tls: options.caddyTls ?? "internal",
        // Caddy logs every health check: into its own file even when the others are prefixed onto ours.
        output: options.logDir ? output("caddy") : { kind: "file", path: path.join(options.caddyDataDir, "caddy.log") },
      });
    }
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    apps,
    workers,
    caddy,
    appPort,
    appUrl: (index) => `http://127.0.0.1:${appPort(index)}`,
    publicUrl,
    httpsPort: ports.https,
    stopApp,
    startApp,
    async restartWorker(index) {
      await workers[index]?.stop();
      startWorker(index);
    },
    stop,
  };
}
