import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reloadEnv } from "../../../lib/env";
import { queuedMessageId } from "../../../lib/notifications/message-id";

describe("queuedMessageId: one Message-ID per queued row, stable, telling nothing of the row id", () => {
  const saved = { secret: process.env.APP_SECRET, url: process.env.APP_URL };
  beforeAll(() => {
    process.env.APP_SECRET = "unit-test-app-secret-0123456789abcdef0123456789";
    process.env.APP_URL = "https://track.example.com";
    reloadEnv();
  });
  afterAll(() => {
    for (const [name, value] of [["APP_SECRET", saved.secret], ["APP_URL", saved.url]] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    reloadEnv();
  });

  // Two cuids made one after the other differ in a few characters only: the ids must not.
  const rowA = "cmiqx1abc0000qz8h2k3j4l5m";
  const rowB = "cmiqx1abc0001qz8h2k3j4l5m";

  it("is the same on every call for one row, in the app's domain, as a valid msg-id", () => {
    expect(queuedMessageId("console", rowA)).toBe(queuedMessageId("console", rowA));
    expect(queuedMessageId("console", rowA)).toMatch(/^<[A-Za-z0-9_-]{32}@track\.example\.com>$/);
  });

  it("differs between rows, and between the two queues for one id; contains no part of the row id", () => {
    const ids = [queuedMessageId("console", rowA), queuedMessageId("console", rowB), queuedMessageId("alert", rowA)];
    expect(new Set(ids).size).toBe(3);
    for (const id of ids) expect(id).not.toContain("cmiqx1abc");
  });

  it("depends on APP_SECRET: without it nobody can compute another row's id", () => {
    const before = queuedMessageId("alert", rowA);
    process.env.APP_SECRET = "another-app-secret-0123456789abcdef0123456789ab";
    reloadEnv();
    expect(queuedMessageId("alert", rowA)).not.toBe(before);
  });
});
