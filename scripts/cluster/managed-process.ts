import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream } from "node:fs";

/** Where a process's output goes: prefixed onto our own stdout/stderr, or into a log file. */
export type Output = { kind: "prefixed" } | { kind: "file"; path: string } | { kind: "ignore" };

export interface ManagedProcess {
  name: string;
  child: ChildProcess;
  /** Resolves when the process has exited (at once if it already has). */
  exited: Promise<void>;
  /** SIGTERM, then SIGKILL after `killAfterMs` if it is still there. */
  stop(killAfterMs?: number): Promise<void>;
}

/** Every process started here and not yet exited: a caller whose start-up was abandoned half-way stops them. */
export const liveProcesses = new Set<ManagedProcess>();

/** Stops everything still running that this module started (SIGTERM, SIGKILL after `killAfterMs`). */
export async function stopLiveProcesses(killAfterMs = 15_000): Promise<void> {
  await Promise.all([...liveProcesses].map((process) => process.stop(killAfterMs)));
}

export function startProcess(name: string, command: string, args: string[], env: NodeJS.ProcessEnv, output: Output): ManagedProcess {
  const child = spawn(command, args, { env, stdio: ["ignore", output.kind === "ignore" ? "ignore" : "pipe", output.kind === "ignore" ? "ignore" : "pipe"] });
  if (output.kind === "file") {
    const log = createWriteStream(output.path, { flags: "a" });
    child.stdout!.pipe(log);
    child.stderr!.pipe(log);
  } else if (output.kind === "prefixed") {
    for (const [stream, target] of [[child.stdout!, process.stdout], [child.stderr!, process.stderr]] as const) {
      let buffered = "";
      stream.setEncoding("utf8");
      stream.on("data", (chunk: string) => {
        buffered += chunk;
        const lines = buffered.split("\n");
        buffered = lines.pop() ?? "";
        for (const line of lines) target.write(`[${name}] ${line}\n`);
      });
    }
  }
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once("exit", () => resolve());
  });
  const managed: ManagedProcess = {
    name,
    child,
    exited,
    async stop(killAfterMs = 15_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const force = setTimeout(() => child.kill("SIGKILL"), killAfterMs);
      child.kill("SIGTERM");
      await exited;
      clearTimeout(force);
    },
  };
  liveProcesses.add(managed);
  void exited.then(() => liveProcesses.delete(managed));
  return managed;
}

/** Polls `url` until it answers `status`, the process exits, or the deadline passes. */
export async function waitForStatus(url: string, status: number, process: ManagedProcess, timeoutMs: number, init: RequestInit = {}): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (process.child.exitCode !== null || process.child.signalCode !== null) throw new Error(`${process.name} exited while starting (${process.child.exitCode ?? process.child.signalCode})`);
    try {
      const response = await fetch(url, { ...init, signal: AbortSignal.timeout(10_000) });
      await response.arrayBuffer();
      if (response.status === status) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`${process.name} did not answer ${status} at ${url} within ${timeoutMs / 1000} s`);
}
