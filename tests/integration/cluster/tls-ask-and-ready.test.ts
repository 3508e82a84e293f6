/**
 * The two endpoints the proxy relies on, over real HTTP through the same client-address stamping as
 * scripts/serve.ts (one trusted proxy hop, as behind Caddy): /api/tls/ask says yes only for a proven
 * custom domain and only to internal callers; /api/ready says no while draining or while migrations wait.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync, mkdirSync, writeFileSync, cpSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as ask from "@/app/api/tls/ask/route";
import * as ready from "@/app/api/ready/route";
import { db } from "../../../lib/db";
import { stampClientAddress } from "../../../lib/lookup/client-ip";
import { createMerchant } from "../../../lib/merchants/create-merchant";
import { pendingMigrations } from "../../../lib/migrations/pending-migrations";
import { startDraining } from "../../../lib/server/draining";
import { resetDatabase } from "../support/reset-database";

const ROUTES: Record<string, (request: Request) => Promise<Response>> = { "/api/tls/ask": ask.GET, "/api/ready": ready.GET };

let server: http.Server;
let base: string;

beforeAll(async () => {
  await resetDatabase();
  const proven = await createMerchant({ slug: "proven-shop", name: "Proven", timeZone: undefined, defaultLocale: undefined });
  await db.merchant.update({ where: { id: proven.id }, data: { customDomain: "track.proven.example", verifiedDomain: "track.proven.example", domainToken: "t1" } });
  const pending = await createMerchant({ slug: "pending-shop", name: "Pending", timeZone: undefined, defaultLocale: undefined });
  await db.merchant.update({ where: { id: pending.id }, data: { customDomain: "track.pending.example", domainToken: "t2" } });
  // Behind the rules' back (update-branding refuses it): a name under the platform host (APP_URL parcelpage.test).
  const greedy = await createMerchant({ slug: "greedy-shop", name: "Greedy", timeZone: undefined, defaultLocale: undefined });
  await db.merchant.update({ where: { id: greedy.id }, data: { customDomain: "shop.parcelpage.test", verifiedDomain: "shop.parcelpage.test", domainToken: "t3" } });
  server = http.createServer(async (incoming, outgoing) => {
    stampClientAddress(incoming, 1);
    const url = new URL(incoming.url ?? "/", "http://127.0.0.1");
    const headers = new Headers(Object.entries(incoming.headers).flatMap(([name, value]) => (typeof value === "string" ? [[name, value]] : [])) as [string, string][]);
    const response = await ROUTES[url.pathname]!(new Request(url, { headers }));
    outgoing.writeHead(response.status, { "content-type": "application/json" });
    outgoing.end(await response.text());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  delete (globalThis as Record<symbol, unknown>)[Symbol.for("parcelpage.draining")];
});

const askFor = (domain: string, headers: Record<string, string> = {}) =>
  fetch(`${base}/api/tls/ask?domain=${encodeURIComponent(domain)}`, { headers }).then((response) => response.status);

describe("GET /api/tls/ask (Caddy's on-demand TLS question)", () => {
  it("says yes for a proven custom domain only", async () => {
    expect(await askFor("track.proven.example")).toBe(200);
    expect(await askFor("track.pending.example")).toBe(404);
    expect(await askFor("never.claimed.example")).toBe(404);
  });

  it("says no for the platform's own host and names under it, even when the database says a merchant proved one", async () => {
    expect(await askFor("parcelpage.test")).toBe(404);
    expect(await askFor("shop.parcelpage.test")).toBe(404);
  });

  it("says no to hostile names, quickly and without a 5xx", async () => {
    for (const name of ["127.0.0.1", "[::1]", "localhost", "track.proven.example:443", " track.proven.example", "track.proven.example\u0000", "a".repeat(10_000), "\u202etrack.proven.example", "%ff"]) {
      const status = await askFor(name);
      expect(status, JSON.stringify(name.slice(0, 40))).toBe(404);
    }
    expect((await fetch(`${base}/api/tls/ask`)).status).toBe(400);
  });

  it("answers a caller outside the private network as if the route did not exist", async () => {
    // Relayed by the proxy for a shopper at 203.0.113.9 (one trusted hop): not internal.
    expect(await askFor("track.proven.example", { "x-forwarded-for": "203.0.113.9" })).toBe(404);
    // Caddy's own question (no X-Forwarded-For; socket on loopback) and a private-network relay are internal.
    expect(await askFor("track.proven.example", { "x-forwarded-for": "10.0.0.7" })).toBe(200);
  });
});

describe("GET /api/ready", () => {
  it("is not ready while a shipped migration is not applied", async () => {
    const directory = mkdtempSync(path.join(os.tmpdir(), "pp-migrations-"));
    cpSync("prisma/migrations", directory, { recursive: true });
    mkdirSync(path.join(directory, "29991231000000_not_yet"));
    writeFileSync(path.join(directory, "29991231000000_not_yet", "migration.sql"), "SELECT 1;");
    expect(await pendingMigrations(directory)).toEqual(["29991231000000_not_yet"]);
  });

  it("is ready with every migration applied, and 503 at once when draining", async () => {
    const before = await fetch(`${base}/api/ready`);
    expect(before.status).toBe(200);
    startDraining();
    const during = await fetch(`${base}/api/ready`);
    expect(during.status).toBe(503);
    expect(((await during.json()) as { error: { details: { reason: string } } }).error.details.reason).toBe("draining");
  });
});
