/**
 * The console's file transport (no SMTP_URL / Twilio: sign-in and tracking links land in .data/outbox, where
 * /dev/outbox and the e2e suite read them). A reader listing the folder while a message is being written must
 * never find a half-written file: the e2e suite's sign-in once failed on "Unexpected end of JSON input".
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const home = mkdtempSync(path.join(tmpdir(), "parcelpage-console-outbox-"));
const previous = process.cwd();
process.chdir(home); // DEV_OUTBOX_DIR is .data/outbox under the working folder, fixed when the module loads
const { DEV_OUTBOX_DIR, deliverMessage } = await import("../../../lib/console/deliver-message");
process.chdir(previous);

describe("console messages written to the file outbox", () => {
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it("are only ever seen whole by a reader listing the folder while they are written", { timeout: 60_000 }, async () => {
    expect(DEV_OUTBOX_DIR).toBe(path.join(home, ".data/outbox"));
    const html = `<p>${"x".repeat(512 * 1024)}</p>`; // large enough that a write is not one system call
    let writing = true;
    let reads = 0;
    const broken: string[] = [];
    const reader = (async () => {
      while (writing) {
        let names: string[] = [];
        try {
          names = readdirSync(DEV_OUTBOX_DIR).filter((name) => name.endsWith(".json"));
        } catch {
          // not created yet
        }
        for (const name of names) {
          try {
            JSON.parse(readFileSync(path.join(DEV_OUTBOX_DIR, name), "utf8"));
            reads += 1;
          } catch (error) {
            broken.push(`${name}: ${(error as Error).message}`);
          }
        }
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    for (let round = 0; round < 10; round++) {
      await Promise.all(
        Array.from({ length: 5 }, (_, index) =>
          deliverMessage({ channel: "email", to: `reader-${round}-${index}@example.com`, kind: "sign-in-link", subject: "Sign in", text: "Sign in: https://x.test/", html }),
        ),
      );
    }
    writing = false;
    await reader;
    expect(broken).toEqual([]);
    expect(reads).toBeGreaterThan(0);
    expect(readdirSync(DEV_OUTBOX_DIR).filter((name) => name.endsWith(".json"))).toHaveLength(50);
  });
});
