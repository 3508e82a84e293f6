/**
 * The documented CLI on the default (embedded) setup, run as an operator would: a real `tsx scripts/cli.ts`
 * process in a folder of its own (as if it were the project folder), no APP_SECRET and no DATABASE_URL.
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { db } from "../../../lib/db";
import { CONNECTION_SECRET_PURPOSE } from "../../../lib/merchants/set-provider-connection";
import { merchantWithKey } from "../support/api-fixtures";
import { resetDatabase } from "../support/reset-database";

const repo = process.cwd();
const isPglite = inject("databaseKind") === "pglite";

function runCli(cwd: string, args: string[], extraEnv: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, TSX_TSCONFIG_PATH: path.join(repo, "tsconfig.json"), ...extraEnv };
  delete env.APP_SECRET;
  delete env.DATABASE_URL;
  return new Promise((resolve) => {
    const child = spawn(path.join(repo, "node_modules/.bin/tsx"), [path.join(repo, "scripts/cli.ts"), ...args], {
      cwd,
      env,
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("exit", (code) => resolve({ code, output }));
  });
}

describe.skipIf(!isPglite)("CLI on the embedded database", () => {
  let home = "";

  beforeAll(async () => {
    await resetDatabase();
    await merchantWithKey("cli-shop");
    home = mkdtempSync(path.join(tmpdir(), "parcelpage-cli-"));
  });
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it("connection:set uses the running app's generated .data/app-secret when APP_SECRET is not set", async () => {
    mkdirSync(path.join(home, ".data"), { recursive: true });
    const secret = "f".repeat(64);
    writeFileSync(path.join(home, ".data/app-secret"), secret);
    const port = new URL(inject("databaseUrl")).port; // "the running app's" embedded database
    const result = await runCli(home, ["connection:set", "--merchant", "cli-shop", "--provider", "easypost", "--secret", "whsec_cli_0123456789"], {
      PGLITE_PORT: port,
    });
    expect(result.output).not.toMatch(/APP_SECRET is not set/);
    expect(result.code, result.output).toBe(0);
    const row = await db.providerConnection.findFirstOrThrow({ where: { merchant: { slug: "cli-shop" }, provider: "easypost" }, select: { secretCiphertext: true } });
    // Sealed with the file's secret, so the app (which reads the same file) can open it.
    const { openSecret } = await import("../../../lib/crypto/secret-box");
    const previous = process.env.APP_SECRET;
    process.env.APP_SECRET = secret;
    (await import("../../../lib/env")).reloadEnv();
    try {
      expect(openSecret(row.secretCiphertext, CONNECTION_SECRET_PURPOSE)).toBe("whsec_cli_0123456789");
    } finally {
      process.env.APP_SECRET = previous;
      (await import("../../../lib/env")).reloadEnv();
    }
  });

  it("refuses to start a second embedded database on a data folder another process serves", async () => {
    mkdirSync(path.join(home, ".data/pglite"), { recursive: true });
    // This test process plays the running app: alive, serving .data/pglite on port 54329.
    writeFileSync(path.join(home, ".data/pglite.lock"), JSON.stringify({ pid: process.pid, port: 54329 }));
    const result = await runCli(home, ["webhooks:replay", "--failed"], { PGLITE_PORT: "1" });
    expect(result.code).toBe(1);
    expect(result.output).toMatch(/already served by process \d+ on port 54329/);
    expect(result.output).toMatch(/PGLITE_PORT=54329/);
    expect(readFileSync(path.join(home, ".data/pglite.lock"), "utf8")).toContain(String(process.pid));
  });
});
