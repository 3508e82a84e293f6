/**
 * Every operator command as an operator runs it: a real `tsx scripts/cli.ts` process against the test
 * database (DATABASE_URL), its exit status and what it prints, and what it changed in the database.
 * (webhooks:replay has its own files: replay.test.ts and replay-failed.test.ts; the embedded-database
 * paths are in embedded-cli.test.ts.)
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { db } from "../../../lib/db";
import { authenticateApiKey } from "../../../lib/merchants/authenticate-api-key";
import { openSecret } from "../../../lib/crypto/secret-box";
import { SHOP_SECRET_PURPOSE } from "../../../lib/shops/platforms";
import { CONNECTION_SECRET_PURPOSE } from "../../../lib/merchants/set-provider-connection";
import { resetDatabase } from "../support/reset-database";
import { activeSubscription, ingest, minutesAgo, scan, shopWithOrder } from "../notifications/support";

const repo = process.cwd();
let home = "";

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The CLI in a folder of its own (the file transports write there), against the test database. */
function cli(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(path.join(repo, "node_modules/.bin/tsx"), [path.join(repo, "scripts/cli.ts"), ...args], {
      cwd: home,
      env: { ...process.env, TSX_TSCONFIG_PATH: path.join(repo, "tsconfig.json"), DATABASE_URL: inject("databaseUrl"), LOG_LEVEL: "silent" },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("exit", (code) => resolve({ code, stdout: stdout.trim(), stderr: stderr.trim() }));
  });
}

const SLOW = { timeout: 180_000 };

describe("npm run cli -- <command>", () => {
  beforeAll(async () => {
    await resetDatabase();
    home = mkdtempSync(path.join(tmpdir(), "parcelpage-cli-commands-"));
  });
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it("usage: no command is exit 2 with the list; help is 0; an unknown command or a bare word is 2 and named", SLOW, async () => {
    const [none, help, unknown, bare, commandHelp] = await Promise.all([
      cli(),
      cli("help"),
      cli("merchant:delete", "--slug", "x"),
      cli("merchant:create", "northwind"),
      cli("apikey:create", "--help"),
    ]);
    for (const name of ["merchant:create", "connection:set", "shop:connect", "apikey:create", "user:invite", "webhooks:replay", "eta:backtest", "alerts:requeue"]) {
      expect(none.stdout).toContain(`  ${name}`);
    }
    expect(none.code).toBe(2);
    expect(help).toMatchObject({ code: 0, stdout: none.stdout });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^Unknown command "merchant:delete"\./);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain('Unexpected argument "northwind": options look like --name value.');
    expect(bare.stderr).toContain("npm run cli -- merchant:create --slug <slug> --name <name>");
    expect(commandHelp).toMatchObject({ code: 0, stdout: "npm run cli -- apikey:create --merchant <slug> [--name <label>] [--rate-limit <requests per minute>]" });
  });

  it("merchant:create makes the merchant with its zone and language; a missing name, a taken slug, a bad zone are exit 1 and named", SLOW, async () => {
    const made = await cli("merchant:create", "--slug", "cli-made", "--name", "CLI Made", "--time-zone", "Europe/Berlin", "--locale", "de");
    expect(made, made.stderr).toMatchObject({ code: 0, stdout: 'Created merchant "cli-made" (CLI Made).' });
    expect(await db.merchant.findUniqueOrThrow({ where: { slug: "cli-made" }, select: { name: true, timeZone: true, defaultLocale: true } })).toEqual({
      name: "CLI Made", timeZone: "Europe/Berlin", defaultLocale: "de",
    });

    const [noName, taken, badZone] = await Promise.all([
      cli("merchant:create", "--slug", "cli-nameless"),
      cli("merchant:create", "--slug", "cli-made", "--name", "Again"),
      cli("merchant:create", "--slug", "cli-zoned", "--name", "Zoned", "--time-zone", "Mars/Olympus_Mons"),
    ]);
    expect(noName.code).toBe(1);
    expect(noName.stderr).toMatch(/^merchant:create: --name is required\./);
    expect(taken.code).toBe(1);
    expect(taken.stderr).toBe('merchant:create: A merchant with slug "cli-made" already exists.');
    expect(badZone.code).toBe(1);
    expect(badZone.stderr).toMatch(/^merchant:create: .*time ?zone/i);
    expect(await db.merchant.count({ where: { slug: { in: ["cli-nameless", "cli-zoned"] } } })).toBe(0);
    expect(await db.merchant.findUniqueOrThrow({ where: { slug: "cli-made" }, select: { name: true } })).toEqual({ name: "CLI Made" });
  });

  it("apikey:create prints a key once that authenticates, with its rate limit; unknown merchant and a bad limit are exit 1", SLOW, async () => {
    const created = await cli("apikey:create", "--merchant", "cli-made", "--name", "ops", "--rate-limit", "120");
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toMatch(/^Created API key "ops" for "cli-made" \(prefix pp_\w+, 120 requests\/minute\)\./);
    const key = /^ {2}(pp_\S+)$/m.exec(created.stdout)?.[1];
    expect(key).toBeDefined();
    const merchant = await db.merchant.findUniqueOrThrow({ where: { slug: "cli-made" }, select: { id: true } });
    expect(await authenticateApiKey(`Bearer ${key}`)).toMatchObject({ merchantId: merchant.id });
    expect(await db.apiKey.findFirstOrThrow({ where: { merchantId: merchant.id, name: "ops" }, select: { rateLimitPerMinute: true } })).toEqual({ rateLimitPerMinute: 120 });

    const [unknown, badLimit] = await Promise.all([
      cli("apikey:create", "--merchant", "nobody-here"),
      cli("apikey:create", "--merchant", "cli-made", "--rate-limit", "lots"),
    ]);
    expect(unknown).toMatchObject({ code: 1, stderr: 'apikey:create: No merchant with slug "nobody-here".' });
    expect(badLimit).toMatchObject({ code: 1, stderr: "apikey:create: --rate-limit must be a whole number of requests per minute." });
    expect(await db.apiKey.count({ where: { merchantId: merchant.id } })).toBe(1);
  });

  it("connection:set seals the secret and prints the webhook URL; a bad provider, a short secret, an unknown merchant are exit 1", SLOW, async () => {
    const [aftership, shippo] = await Promise.all([
      cli("connection:set", "--merchant", "cli-made", "--provider", "aftership", "--secret", "aftership-cli-secret-42"),
      cli("connection:set", "--merchant", "cli-made", "--provider", "shippo", "--secret", "shippo-cli-url-token-42"),
    ]);
    expect(aftership.code, aftership.stderr).toBe(0);
    expect(aftership.stdout).toBe('Saved the aftership secret for "cli-made" (ending …t-42).\nWebhook URL: http://parcelpage.test/api/webhooks/aftership/cli-made');
    expect(shippo.stdout).toContain("Webhook URL: http://parcelpage.test/api/webhooks/shippo/cli-made?token=<the same secret>");
    const row = await db.providerConnection.findFirstOrThrow({ where: { merchant: { slug: "cli-made" }, provider: "aftership" }, select: { secretCiphertext: true } });
    expect(row.secretCiphertext).not.toContain("aftership-cli-secret-42");
    expect(openSecret(row.secretCiphertext, CONNECTION_SECRET_PURPOSE)).toBe("aftership-cli-secret-42");

    const [badProvider, short, unknown] = await Promise.all([
      cli("connection:set", "--merchant", "cli-made", "--provider", "fedex", "--secret", "fedex-secret-000000"),
      cli("connection:set", "--merchant", "cli-made", "--provider", "generic", "--secret", "short"),
      cli("connection:set", "--merchant", "nobody-here", "--provider", "generic", "--secret", "generic-secret-000000"),
    ]);
    expect(badProvider).toMatchObject({ code: 1, stderr: "connection:set: --provider must be one of easypost, shippo, aftership, generic." });
    expect(short.code).toBe(1);
    expect(short.stderr).toMatch(/^connection:set: --secret must be at least \d+ characters/);
    expect(unknown).toMatchObject({ code: 1, stderr: 'connection:set: No merchant with slug "nobody-here".' });
    expect(await db.providerConnection.count({ where: { merchant: { slug: "cli-made" } } })).toBe(2);
  });

  it("shop:connect seals the secret, normalizes the domain and prints the webhook URL; a bad platform, domain or secret is exit 1", SLOW, async () => {
    const connected = await cli("shop:connect", "--merchant", "cli-made", "--platform", "shopify", "--domain", "https://CLI-Made.myshopify.com/", "--secret", "shpss_cli_secret_0042");
    expect(connected.code, connected.stderr).toBe(0);
    expect(connected.stdout).toBe('Connected shopify shop cli-made.myshopify.com to "cli-made" (secret ending …0042).\nWebhook URL: http://parcelpage.test/api/shops/shopify/cli-made');
    const row = await db.shopConnection.findFirstOrThrow({ where: { merchant: { slug: "cli-made" } }, select: { shopDomain: true, secretCiphertext: true } });
    expect(row.shopDomain).toBe("cli-made.myshopify.com");
    expect(openSecret(row.secretCiphertext, SHOP_SECRET_PURPOSE)).toBe("shpss_cli_secret_0042");

    const [badPlatform, badDomain, short] = await Promise.all([
      cli("shop:connect", "--merchant", "cli-made", "--platform", "magento", "--domain", "example.com", "--secret", "magento-secret-000000"),
      cli("shop:connect", "--merchant", "cli-made", "--platform", "woocommerce", "--domain", "not a domain", "--secret", "wc-secret-0000000000"),
      cli("shop:connect", "--merchant", "cli-made", "--platform", "woocommerce", "--domain", "example.com", "--secret", "short"),
    ]);
    expect(badPlatform).toMatchObject({ code: 1, stderr: "shop:connect: --platform must be one of shopify, woocommerce." });
    expect(badDomain.code).toBe(1);
    expect(badDomain.stderr).toContain("shopDomain: must be the shop's host name");
    expect(short.code).toBe(1);
    expect(await db.shopConnection.count({ where: { merchant: { slug: "cli-made" } } })).toBe(1);
  });

  it("user:invite adds the user and sends the link before it exits; a bad role, a bad address, an unknown merchant are exit 1", SLOW, async () => {
    const invited = await cli("user:invite", "--merchant", "cli-made", "--email", "Ops@CLI.example", "--role", "owner", "--name", "Ops");
    expect(invited.code, invited.stderr).toBe(0);
    expect(invited.stdout).toMatch(/^Invited ops@cli\.example as owner of "cli-made"\. A sign-in link was sent; they can also ask for one at http:\/\/parcelpage\.test\/console\/sign-in$/);
    const user = await db.consoleUser.findFirstOrThrow({ where: { email: "ops@cli.example" }, select: { id: true, role: true, name: true } });
    expect(user).toMatchObject({ role: "owner", name: "Ops" });
    // Sent, not merely queued: the command sends the console's queue before it ends.
    const queued = await db.consoleMessage.findMany({ where: { to: "ops@cli.example" }, select: { status: true } });
    expect(queued.map((message) => message.status)).toEqual(["SENT"]);

    const [badRole, badEmail, unknown] = await Promise.all([
      cli("user:invite", "--merchant", "cli-made", "--email", "boss@cli.example", "--role", "admin"),
      cli("user:invite", "--merchant", "cli-made", "--email", "not-an-address", "--role", "agent"),
      cli("user:invite", "--merchant", "nobody-here", "--email", "x@cli.example", "--role", "agent"),
    ]);
    expect(badRole.code).toBe(1);
    expect(badRole.stderr).toMatch(/^user:invite: .*role/);
    expect(badEmail.code).toBe(1);
    expect(badEmail.stderr).toMatch(/^user:invite: .*email/i);
    expect(unknown).toMatchObject({ code: 1, stderr: 'user:invite: No merchant with slug "nobody-here".' });
    expect(await db.consoleUser.count()).toBe(1);
  });

  it("alerts:requeue puts dead-lettered alerts of active subscriptions back with a fresh budget; ended ones stay; a bad --since is exit 1", SLOW, async () => {
    const live = await shopWithOrder();
    const ended = await shopWithOrder();
    const a = await activeSubscription(live.shipments[0]!.token, "EMAIL", "requeue-live@example.com", live.order.orderNumber);
    const b = await activeSubscription(ended.shipments[0]!.token, "EMAIL", "requeue-ended@example.com", ended.order.orderNumber);
    await ingest(live.merchant.id, live.shipments[0]!.trackingNumber, [scan("DELIVERED", minutesAgo(5))]);
    await ingest(ended.merchant.id, ended.shipments[0]!.trackingNumber, [scan("DELIVERED", minutesAgo(5))]);
    await db.outboxMessage.updateMany({ where: { subscriptionId: { in: [a.id, b.id] }, trigger: "DELIVERED" }, data: { status: "FAILED", attempts: 10, lastError: "smtp down (after 10 tries)" } });
    await db.alertSubscription.update({ where: { id: b.id }, data: { status: "UNSUBSCRIBED", endReason: "smtp-550" } });

    const badSince = await cli("alerts:requeue", "--since", "yesterday-ish");
    expect(badSince).toMatchObject({ code: 1, stderr: 'alerts:requeue: --since "yesterday-ish" is not a date (use e.g. 2026-11-29).' });
    const requeued = await cli("alerts:requeue");
    expect(requeued, requeued.stderr).toMatchObject({ code: 0, stdout: '{"requeued":1}' });
    expect(await db.outboxMessage.findFirstOrThrow({ where: { subscriptionId: a.id, trigger: "DELIVERED" }, select: { status: true, attempts: true, claimToken: true } })).toEqual({
      status: "PENDING", attempts: 0, claimToken: null,
    });
    expect(await db.outboxMessage.findFirstOrThrow({ where: { subscriptionId: b.id, trigger: "DELIVERED" }, select: { status: true } })).toEqual({ status: "FAILED" });
    expect((await cli("alerts:requeue")).stdout).toBe('{"requeued":0}');
  });

  it("eta:backtest: missing flags are exit 2 with every problem named; an unreadable file is exit 1", SLOW, async () => {
    const [missing, unreadable] = await Promise.all([
      cli("eta:backtest"),
      cli("eta:backtest", "--csv", path.join(home, "no-such.csv"), "--evaluate-from", "2018-01-01"),
    ]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("csv: --csv <file> is required");
    expect(missing.stderr).toContain("evaluate-from: --evaluate-from <YYYY-MM-DD> is required");
    expect(unreadable.code).toBe(1);
    expect(unreadable.stderr).toMatch(/^eta:backtest: cannot read .*no-such\.csv: ENOENT/);
  });
});
