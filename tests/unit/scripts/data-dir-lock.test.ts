import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DataDirLocked, lockDataDir } from "../../../scripts/embedded/data-dir-lock";
import { startEmbeddedDatabase } from "../../../scripts/embedded-db";

describe("one embedded database per data folder", () => {
  let root = "";
  let dataDir = "";
  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), "parcelpage-lock-"));
    dataDir = path.join(root, "pglite");
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it("refuses a second holder while the first is alive, naming its port, and frees the folder on release", () => {
    const first = lockDataDir(dataDir, 54329);
    expect(() => lockDataDir(dataDir, 54330)).toThrow(DataDirLocked);
    expect(() => lockDataDir(dataDir, 54330)).toThrow(/on port 54329.*PGLITE_PORT=54329/);
    first.release();
    expect(existsSync(`${dataDir}.lock`)).toBe(false);
    lockDataDir(dataDir, 54330).release();
  });

  it("takes over a lock whose process is gone (a crash left it behind)", () => {
    const gone = spawnSync(process.execPath, ["-e", "process.exit(0)"]).pid!;
    writeFileSync(`${dataDir}.lock`, JSON.stringify({ pid: gone, port: 54329 }));
    const lock = lockDataDir(dataDir, 54331);
    expect(JSON.parse(readFileSync(`${dataDir}.lock`, "utf8"))).toEqual({ pid: process.pid, port: 54331 });
    lock.release();
  });

  it("startEmbeddedDatabase refuses before starting a server on a folder in use", async () => {
    const held = lockDataDir(dataDir, 54329);
    await expect(startEmbeddedDatabase(1, dataDir)).rejects.toThrow(/already served by process/);
    held.release();
  });
});
