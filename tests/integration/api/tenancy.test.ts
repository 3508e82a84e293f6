import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../lib/db";
import { resetDatabase } from "../support/reset-database";
import { apiClient, serveApi, type ApiServer } from "../support/serve-api";
import { merchantWithKey, orderBody } from "../support/api-fixtures";

/** Every handler under app/api/v1, as "METHOD /path" with its dynamic segments as {name}: found on disk, so a new route cannot be forgotten. */
function apiRoutesOnDisk(): string[] {
  const root = path.resolve("app/api/v1");
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "route.ts") {
        const route = `/${path.relative(root, dir).split(path.sep).join("/")}`.replace(/\[(\w+)\]/g, "{$1}");
        for (const [, method] of readFileSync(full, "utf8").matchAll(/export (?:async )?function (GET|POST|PUT|PATCH|DELETE)\b/g)) found.push(`${method} ${route}`);
      }
    }
  };
  walk(root);
  return found.sort();
}

/**
 * Merchant B holds a valid key and tries every endpoint with merchant A's ids: each must answer 404
 * (or an empty list) and leave A's data untouched. A's key, revoked, must not reach anything either.
 */
describe("API tenancy: another merchant's ids and keys", () => {
  let server: ApiServer;
  let asA: ReturnType<typeof apiClient>;
  let asB: ReturnType<typeof apiClient>;
  let orderA: { id: string; shipments: { id: string; token: string }[] };
  /** A's orders besides orderA: enough that A's lists page, so a cursor exists to be misused. */
  let moreOfA: { id: string; orderNumber: string }[];
  let ordersOfB: string[];
  let before: string;

  beforeAll(async () => {
    await resetDatabase();
    server = await serveApi();
    const a = await merchantWithKey("tenant-a");
    const b = await merchantWithKey("tenant-b");
    asA = apiClient(server.url, a.key);
    asB = apiClient(server.url, b.key);
    orderA = (await asA("POST", "/orders", orderBody("A-SECRET-1", ["ASECRET1"]))).body;
    // Interleaved, so that B's own rows sit on both sides of every A cursor.
    moreOfA = [];
    ordersOfB = [];
    for (const n of [2, 3, 4]) {
      if (n < 4) ordersOfB.push((await asB("POST", "/orders", orderBody(`B-OWN-${n}`, [`BOWN${n}`]))).body.id);
      moreOfA.push((await asA("POST", "/orders", orderBody(`A-SECRET-${n}`, [`ASECRET${n}`]))).body);
    }
    await asA("PUT", "/connections/generic", { secret: "a-generic-secret" });
    await asA("PUT", "/shops/shopify", { shopDomain: "asecret-shop.myshopify.com", secret: "a-shopify-secret-0001" });
    await asA("PATCH", "/branding", { brandColor: "#112233" });
    // A has proven a custom domain, has a shopper subscribed to alerts and a message on its way.
    await db.merchant.update({
      where: { slug: "tenant-a" },
      data: { customDomain: "track.tenant-a.example", verifiedDomain: "track.tenant-a.example", domainToken: "parcelpage-verify=a-token" },
    });
    const subscription = await db.alertSubscription.create({
      data: {
        merchantId: a.merchant.id, orderId: orderA.id, channel: "EMAIL", address: "asecret-shopper@example.com", scope: "ALL", status: "ACTIVE",
        locale: "en", consentText: "A-SECRET- consent", consentAt: new Date(),
      },
    });
    await db.outboxMessage.create({
      data: {
        subscriptionId: subscription.id, shipmentId: orderA.shipments[0]!.id, channel: "EMAIL", trigger: "SHIPPED", dedupeKey: "a-shipped",
        payload: {}, dueAt: new Date(), content: "A-SECRET- subject",
      },
    });
    before = JSON.stringify(await snapshotOfA());
  });
  afterAll(() => server.close());

  async function snapshotOfA() {
    return db.merchant.findUnique({
      where: { slug: "tenant-a" },
      select: {
        brandColor: true, customDomain: true, verifiedDomain: true, domainToken: true,
        orders: { select: { shopperEmail: true, destCity: true, shipments: { select: { trackingNumber: true, service: true, carrierUrl: true } } } },
        connections: { select: { provider: true, secretHint: true, secretCiphertext: true, updatedAt: true } },
        shopConnections: { select: { platform: true, shopDomain: true, secretCiphertext: true, updatedAt: true } },
        apiKeys: { select: { id: true, revokedAt: true, name: true } },
        alertSubscriptions: { select: { address: true, status: true, messages: { select: { status: true, content: true } } } },
      },
    });
  }

  const noLeak = (body: unknown) => {
    const text = JSON.stringify(body);
    expect(text).not.toContain("A-SECRET-");
    expect(text).not.toContain("ASECRET");
    expect(text).not.toContain(orderA.shipments[0]!.token);
    expect(text).not.toContain("asecret-shopper");
    expect(text).not.toContain("parcelpage-verify=a-token");
  };

  /**
   * One probe per handler under app/api/v1. "foreign": the path carries A's id, and B must get the very 404
   * an unknown id gets. "own": the route has no id (lists, settings); B's answer must hold nothing of A's
   * (the lists and settings tests below check the rows), and whatever it changes is B's.
   */
  const PROBES: Record<string, { kind: "foreign" | "own"; path: () => string; body?: unknown; then?: (body: { id: string }) => void }> = {
    "GET /orders": { kind: "own", path: () => "/orders" },
    "POST /orders": { kind: "own", path: () => "/orders", body: orderBody("B-OWN-5", ["BOWN5"]), then: (order) => ordersOfB.push(order.id) },
    "GET /orders/{orderId}": { kind: "foreign", path: () => `/orders/${orderA.id}` },
    "PATCH /orders/{orderId}": { kind: "foreign", path: () => `/orders/${orderA.id}`, body: { destination: { city: "Hijacked" } } },
    "POST /orders/{orderId}/shipments": { kind: "foreign", path: () => `/orders/${orderA.id}/shipments`, body: { carrier: "ups", trackingNumber: "INTRUDER1" } },
    "GET /shipments": { kind: "own", path: () => "/shipments" },
    "GET /shipments/{shipmentId}": { kind: "foreign", path: () => `/shipments/${orderA.shipments[0]!.id}` },
    "PATCH /shipments/{shipmentId}": { kind: "foreign", path: () => `/shipments/${orderA.shipments[0]!.id}`, body: { service: "Hijacked" } },
    "GET /shipments/{shipmentId}/subscriptions": { kind: "foreign", path: () => `/shipments/${orderA.shipments[0]!.id}/subscriptions` },
    "GET /shipments/{shipmentId}/notifications": { kind: "foreign", path: () => `/shipments/${orderA.shipments[0]!.id}/notifications` },
    "GET /connections": { kind: "own", path: () => "/connections" },
    "PUT /connections/{provider}": { kind: "own", path: () => "/connections/generic", body: { secret: "b-overwrites-generic-secret" } },
    "GET /shops/{platform}": { kind: "own", path: () => "/shops/shopify" },
    "PUT /shops/{platform}": { kind: "own", path: () => "/shops/shopify", body: { shopDomain: "b-shop.myshopify.com", secret: "b-overwrites-shopify-secret" } },
    "DELETE /shops/{platform}": { kind: "own", path: () => "/shops/shopify" },
    "GET /branding": { kind: "own", path: () => "/branding" },
    "PATCH /branding": { kind: "own", path: () => "/branding", body: { brandColor: "#000000", customDomain: "TRACK.tenant-a.example" } },
    "GET /openapi.json": { kind: "own", path: () => "/openapi.json" },
    // A's subscriber's address and the phone every order here carries: B's request may only reach B's rows.
    "POST /privacy/erasure": { kind: "own", path: () => "/privacy/erasure", body: { email: "asecret-shopper@example.com", phone: "+13125550199" } },
    "POST /privacy/export": { kind: "own", path: () => "/privacy/export", body: { email: "Robin@Example.com" } },
  };

  it("every handler under app/api/v1 has a tenancy probe here", () => {
    expect(Object.keys(PROBES).sort()).toEqual(apiRoutesOnDisk());
  });

  it.each(Object.keys(PROBES).sort())("%s, sent by B with A's ids, answers as to an unknown id and leaks nothing", async (route) => {
    const probe = PROBES[route]!;
    const method = route.split(" ")[0]!;
    const response = await asB(method, probe.path(), probe.body);
    noLeak(response.body);
    if (probe.kind === "foreign") {
      const unknown = await asB(method, probe.path().replace(/c[a-z0-9]{20,}/, "cunknownid0000000000000000"), probe.body);
      expect(response.status).toBe(404);
      // The handler's own 404 (not the test server's "no such route"), byte for byte an unknown id's.
      expect(response.body.error.code).toBe("not_found");
      expect(response.body).toEqual(unknown.body);
    } else {
      expect(response.status, JSON.stringify(response.body)).toBeLessThan(500);
      probe.then?.(response.body);
    }
  });

  it("B cannot take A's proven custom domain (any case), and A keeps it", async () => {
    const response = await asB("PATCH", "/branding", { customDomain: "Track.Tenant-A.example" });
    expect(response.status).toBe(409);
    noLeak(response.body);
    expect(JSON.stringify(response.body)).not.toContain("tenant-a\"");
    const b = await db.merchant.findUniqueOrThrow({ where: { slug: "tenant-b" }, select: { verifiedDomain: true } });
    expect(b.verifiedDomain).toBeNull();
  });

  it("lists show B its own orders and nothing of A's", async () => {
    for (const path of ["/orders", "/shipments", "/orders?status=INFO_RECEIVED", "/shipments?delayed=false"]) {
      const response = await asB("GET", path);
      expect(response.status).toBe(200);
      expect(response.body.data).toHaveLength(ordersOfB.length);
      noLeak(response.body);
    }
  });

  it("B's settings endpoints touch only B", async () => {
    const connections = await asB("GET", "/connections");
    // B's own generic secret (set by the probe above) is all B sees connected.
    const connected = connections.body.data.filter((c: { connected: boolean }) => c.connected).map((c: { provider: string }) => c.provider);
    expect(connected).toEqual(["generic"]);
    expect(connections.body.data.every((c: { webhookUrl: string }) => c.webhookUrl.endsWith("/tenant-b"))).toBe(true);
    expect((await asB("GET", "/branding")).body.slug).toBe("tenant-b");
    await asB("PATCH", "/branding", { brandColor: "#445566" });
    await asB("PUT", "/connections/generic", { secret: "b-generic-secret" });
  });

  it.each(["/orders", "/shipments"])("A's cursors on %s, used by B, reveal nothing of A's", async (list) => {
    // Walk A's list one row a page: every page but the last hands out a real cursor.
    const cursors: string[] = [];
    const seenByA: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: { data: { id: string }[]; nextCursor: string | null } } = await asA("GET", `${list}?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
      expect(page.status).toBe(200);
      seenByA.push(...page.body.data.map((row) => row.id));
      cursor = page.body.nextCursor;
      if (cursor) cursors.push(cursor);
    } while (cursor && cursors.length < 10);
    expect(new Set(seenByA).size).toBe(1 + moreOfA.length); // the probe pages for real, through all of A's rows
    expect(cursors).toHaveLength(moreOfA.length);

    const idsOfB = list === "/orders" ? ordersOfB : (await asB("GET", "/shipments")).body.data.map((row: { id: string }) => row.id);
    let returnedToB = 0;
    for (const foreign of cursors) {
      for (const limit of [1, 50]) {
        const response = await asB("GET", `${list}?limit=${limit}&cursor=${encodeURIComponent(foreign)}`);
        expect([200, 422]).toContain(response.status);
        noLeak(response.body);
        if (response.status === 200) {
          for (const row of response.body.data as { id: string }[]) {
            expect(seenByA).not.toContain(row.id);
            expect(idsOfB).toContain(row.id);
          }
          returnedToB += response.body.data.length;
        }
      }
    }
    // B's rows older than an A cursor do come back (the cursor is only a position), so the filter was exercised.
    expect(returnedToB).toBeGreaterThan(0);
  });

  it("B's Idempotency-Key equal to A's does not replay A's answer", async () => {
    const headers = { "Idempotency-Key": "same-key-both" };
    const first = await asA("POST", "/orders", orderBody("A-IDEM", ["AIDEM"]), headers);
    expect(first.status).toBe(201);
    const theirs = await asB("POST", "/orders", orderBody("A-IDEM", ["AIDEM"]), headers);
    expect(theirs.status).toBe(201);
    expect(theirs.body.id).not.toBe(first.body.id);
  });

  it("A's data is unchanged after everything B tried", async () => {
    const after = await snapshotOfA();
    // The idempotency test added one order to A; compare the rest.
    const withoutIdem = { ...after!, orders: after!.orders.filter((o) => o.shipments[0]?.trackingNumber !== "AIDEM") };
    expect(JSON.stringify(withoutIdem)).toBe(before);
  });
});
