import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../lib/db";
import { resetDatabase } from "../support/reset-database";
import { apiClient, serveApi, type ApiServer } from "../support/serve-api";
import { merchantWithKey, orderBody } from "../support/api-fixtures";

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
    await asA("PATCH", "/branding", { brandColor: "#112233" });
    before = JSON.stringify(await snapshotOfA());
  });
  afterAll(() => server.close());

  async function snapshotOfA() {
    return db.merchant.findUnique({
      where: { slug: "tenant-a" },
      select: {
        brandColor: true,
        orders: { select: { shopperEmail: true, destCity: true, shipments: { select: { trackingNumber: true, service: true, carrierUrl: true } } } },
        connections: { select: { secretHint: true } },
      },
    });
  }

  const noLeak = (body: unknown) => {
    const text = JSON.stringify(body);
    expect(text).not.toContain("A-SECRET-");
    expect(text).not.toContain("ASECRET");
    expect(text).not.toContain(orderA.shipments[0]!.token);
  };

  it.each([
    ["GET", () => `/orders/${orderA.id}`, undefined],
    ["PATCH", () => `/orders/${orderA.id}`, { destination: { city: "Hijacked" } }],
    ["POST", () => `/orders/${orderA.id}/shipments`, { carrier: "ups", trackingNumber: "INTRUDER1" }],
    ["GET", () => `/shipments/${orderA.shipments[0]!.id}`, undefined],
    ["PATCH", () => `/shipments/${orderA.shipments[0]!.id}`, { service: "Hijacked" }],
  ])("%s %s with A's id answers 404 to B", async (method, path, body) => {
    const response = await asB(method, path(), body);
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe("not_found");
    noLeak(response.body);
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
    expect(connections.body.data.every((c: { connected: boolean; webhookUrl: string }) => !c.connected && c.webhookUrl.endsWith("/tenant-b"))).toBe(true);
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
