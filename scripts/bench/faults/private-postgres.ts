/**
 * A PostgreSQL cluster of our own for fault scenarios (a database restarted mid-load must not disturb
 * anyone else's tests): Debian's initdb and pg_ctl, a temporary data folder, one port, trust auth on
 * 127.0.0.1. initdb and postgres refuse to run as root, so as root they run as the `postgres` user.
 * fsync is off: the faults here kill processes, not the machine, and a killed server keeps every commit
 * it had written to the operating system (the WAL), so durability across these faults is still real.
 */
import { execFile, execFileSync, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const SEARCHED = ["/usr/lib/postgresql", "/usr/local/pgsql/bin", "/usr/local/bin", "/usr/bin"];

interface Binaries {
  initdb: string;
  pgCtl: string;
}

function findBinaries(): Binaries | null {
  const folders: string[] = [];
  for (const place of SEARCHED) {
    if (place === "/usr/lib/postgresql" && existsSync(place)) {
      // Newest major version first: /usr/lib/postgresql/<major>/bin
      const majors = readdirSync(place).filter((name) => /^\d+$/.test(name)).sort((a, b) => Number(b) - Number(a));
      folders.push(...majors.map((major) => path.join(place, major, "bin")));
    } else folders.push(place);
  }
  for (const folder of folders) {
    const initdb = path.join(folder, "initdb");
    const pgCtl = path.join(folder, "pg_ctl");
    if (existsSync(initdb) && existsSync(pgCtl) && existsSync(path.join(folder, "postgres"))) return { initdb, pgCtl };
  }
  return null;
}

/** The user that runs the server: ourselves, or `postgres` when we are root. */
function serverUser(): { uid: number; gid: number; name: string } | null {
  if (process.getuid?.() !== 0) return null;
  const id = spawnSync("id", ["-u", "postgres"], { encoding: "utf8" });
  const gid = spawnSync("id", ["-g", "postgres"], { encoding: "utf8" });
  if (id.status !== 0 || gid.status !== 0) throw new Error("running as root and there is no `postgres` user for initdb to run as");
  return { uid: Number(id.stdout.trim()), gid: Number(gid.stdout.trim()), name: "postgres" };
}

/** Why a private cluster cannot be started here, or null when it can. */
export function privatePostgresUnavailable(): string | null {
  if (!findBinaries()) return `no initdb/pg_ctl/postgres found in ${SEARCHED.join(", ")} (apt-get install -y postgresql)`;
  if (process.getuid?.() === 0 && spawnSync("id", ["-u", "postgres"]).status !== 0) return "running as root with no `postgres` user to run initdb as";
  return null;
}

export interface PrivatePostgres {
  url: string;
  port: number;
  /** Stops the server: "immediate" is a crash (no shutdown checkpoint; recovery on the next start). */
  stop(mode?: "immediate" | "fast"): void;
  /**
   * The same crash as stop("immediate"), without blocking this process's event loop meanwhile: a
   * scenario whose simulated provider runs in this process keeps sending and timing its answers while
   * pg_ctl works (a synchronous stop stamped every answer that arrived meanwhile as late as its end).
   */
  crash(): Promise<void>;
  /**
   * The host stops answering without closing anything (a paused VM, a partition): SIGSTOP to the server
   * and every backend. The kernel still accepts connections and acknowledges bytes; nothing answers.
   */
  freeze(): void;
  /** SIGCONT: everything carries on where it stopped. */
  thaw(): void;
  start(): void;
  /** Stops it if running and deletes its folder. */
  destroy(): void;
}

export function startPrivatePostgres(port: number): PrivatePostgres {
  const binaries = findBinaries();
  if (!binaries) throw new Error(privatePostgresUnavailable() ?? "no PostgreSQL binaries");
  // A cluster left running by a run that was killed keeps the port: say so rather than fail inside pg_ctl.
  const busy = spawnSync("bash", ["-c", `exec 3<>/dev/tcp/127.0.0.1/${port}`], { stdio: "ignore" }).status === 0;
  if (busy) {
    throw new Error(`port ${port} is taken (a private cluster left by a killed run? pg_ctl -D ${path.join(tmpdir(), "parcelpage-faults-pg-*", "data")} stop)`);
  }
  const user = serverUser();
  const root = mkdtempSync(path.join(tmpdir(), "parcelpage-faults-pg-"));
  if (user) chownSync(root, user.uid, user.gid);
  const dataDir = path.join(root, "data");
  const command = (binary: string, args: string[]): [string, string[]] =>
    user ? ["runuser", ["-u", user.name, "--", binary, ...args]] : [binary, args];
  const run = (binary: string, args: string[]) => {
    const [file, argv] = command(binary, args);
    execFileSync(file, argv, { stdio: ["ignore", "ignore", "pipe"], cwd: root });
  };
  run(binaries.initdb, ["-D", dataDir, "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8", "--locale=C"]);
  const options = `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100`;
  let running = false;
  /** The postmaster's pid: the first line of its pid file. */
  const serverPid = () => Number(readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
  const cluster: PrivatePostgres = {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    port,
    start() {
      run(binaries.pgCtl, ["-D", dataDir, "-l", path.join(root, "server.log"), "-o", options, "-w", "-t", "120", "start"]);
      running = true;
    },
    stop(mode = "fast") {
      run(binaries.pgCtl, ["-D", dataDir, "-m", mode, "-w", "-t", "120", "stop"]);
      running = false;
    },
    freeze() {
      const server = serverPid();
      // The server first, so it starts no backend meanwhile; then each backend.
      process.kill(server, "SIGSTOP");
      for (const pid of childPids(server)) process.kill(pid, "SIGSTOP");
    },
    thaw() {
      const server = serverPid();
      for (const pid of childPids(server)) process.kill(pid, "SIGCONT");
      process.kill(server, "SIGCONT");
    },
    crash() {
      const [file, argv] = command(binaries.pgCtl, ["-D", dataDir, "-m", "immediate", "-w", "-t", "120", "stop"]);
      return new Promise((resolve, reject) => {
        execFile(file, argv, { cwd: root }, (error) => {
          if (error) return reject(error);
          running = false;
          resolve();
        });
      });
    },
    destroy() {
      try {
        if (running) cluster.stop("immediate");
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    },
  };
  try {
    cluster.start();
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
  return cluster;
}

/** Processes whose parent is `parent` (the postmaster's backends and helpers), from /proc. */
function childPids(parent: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // /proc/<pid>/stat: "pid (comm) state ppid …"; comm may hold spaces, so read after its closing parenthesis.
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === parent) children.push(Number(entry));
    } catch {
      // Gone meanwhile.
    }
  }
  return children;
}
