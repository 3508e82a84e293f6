import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { startProcess, waitForStatus, type ManagedProcess, type Output } from "./managed-process";

export const CADDYFILE = path.resolve("deploy/Caddyfile");

/** The caddy binary (CADDY_BIN, else the one on PATH), or null when Caddy is not installed. */
export function findCaddy(): string | null {
  const candidate = process.env.CADDY_BIN ?? "caddy";
  const probe = spawnSync(candidate, ["version"], { encoding: "utf8" });
  return probe.status === 0 ? candidate : null;
}

export interface CaddyPorts {
  http: number;
  https: number;
  /** The loopback-only site that relays on-demand TLS questions to the app. */
  ask: number;
  admin: number;
}

export interface CaddyOptions {
  binary: string;
  platformHost: string;
  upstreams: string[];
  ports: CaddyPorts;
  /** Certificates, the internal CA and Caddy's own state live here (XDG_DATA_HOME and `storage`). */
  dataDir: string;
  /** "internal" (offline CA) or an ACME e-mail. */
  tls: string;
  output: Output;
}

export interface RunningCaddy {
  process: ManagedProcess;
  /** The internal CA's root certificate (PEM), once Caddy has made it: trust it to talk HTTPS to Caddy. */
  rootCertificatePath: string;
}

export function caddyEnv(options: Omit<CaddyOptions, "binary" | "output">): Record<string, string | undefined> {
  return {
    PATH: process.env.PATH,
    HOME: options.dataDir,
    XDG_DATA_HOME: path.join(options.dataDir, "data"),
    XDG_CONFIG_HOME: path.join(options.dataDir, "config"),
    PLATFORM_HOST: options.platformHost,
    APP_UPSTREAMS: options.upstreams.join(" "),
    CADDY_TLS: options.tls,
    CADDY_HTTP_PORT: String(options.ports.http),
    CADDY_HTTPS_PORT: String(options.ports.https),
    CADDY_ASK_PORT: String(options.ports.ask),
    CADDY_ADMIN: `127.0.0.1:${options.ports.admin}`,
    CADDY_STORAGE: path.join(options.dataDir, "storage"),
  };
}

export async function startCaddy(options: CaddyOptions): Promise<RunningCaddy> {
  mkdirSync(options.dataDir, { recursive: true });
  const env = caddyEnv(options);
  const caddy = startProcess("caddy", options.binary, ["run", "--adapter", "caddyfile", "--config", CADDYFILE], env as NodeJS.ProcessEnv, options.output);
  // The admin API answers once the configuration is loaded and every listener is up.
  await waitForStatus(`http://127.0.0.1:${options.ports.admin}/config/`, 200, caddy, 30_000);
  const rootCertificatePath = path.join(env.CADDY_STORAGE!, "pki", "authorities", "local", "root.crt");
  if (options.tls === "internal") {
    const deadline = Date.now() + 15_000;
    while (!existsSync(rootCertificatePath) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { process: caddy, rootCertificatePath };
}
