import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../lib/db";
import { revokeApiKey } from "../../../lib/merchants/revoke-api-key";
import { resetDatabase } from "../support/reset-database";
import { apiClient, serveApi, type ApiServer } from "../support/serve-api";
import { merchantWithKey } from "../support/api-fixtures";

describe("API authentication, revocation and rate limits", () => {
  let server: ApiServer;
  let shop: Awaited<ReturnType<typeof merchantWithKey>>;

  beforeAll(async () => {
    await resetDatabase();
    server = await serveApi();
    shop = await merchantWithKey("auth-shop");
  });
  afterAll(() => server.close());

  it("accepts a valid key and answers rate headers", async () => {
    const response = await apiClient(server.url, shop.key)("GET", "/orders");
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ data: [], nextCursor: null });
    expect(response.headers.get("x-ratelimit-limit")).toBe("600");
    expect(Number(response.headers.get("x-ratelimit-remaining"))).toBeGreaterThan(500);
    // A small answer is also marked no-transform, so it is not gzipped (lib/http/json-response.ts).
    expect(response.headers.get("cache-control")).toBe("no-store, no-transform");
  });

  it("stores only a hash and a visible prefix of the key", async () => {
    const row = await db.apiKey.findUniqueOrThrow({ where: { id: shop.apiKey.id }, select: { prefix: true, keyHash: true } });
    expect(shop.key.startsWith(`${row.prefix}_`)).toBe(true);
    expect(row.keyHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(shop.key.slice(row.prefix.length + 1));
  });

  it.each([
    ["no Authorization header", null],
    ["a malformed key", "not-a-key"],
    ["a well-formed unknown key", "pp_AAAAAAAAAAAA_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"],
  ])("answers 401 with the error shape for %s", async (_label, key) => {
    const response = await apiClient(server.url, key)("GET", "/orders");
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe("unauthorized");
    expect(typeof response.body.error.message).toBe("string");
    expect(response.headers.get("www-authenticate")).toContain("Bearer");
  });

  it("answers 401 for the right prefix with a wrong secret", async () => {
    const tampered = shop.key.slice(0, -4) + (shop.key.endsWith("AAAA") ? "BBBB" : "AAAA");
    const response = await apiClient(server.url, tampered)("GET", "/orders");
    expect(response.status).toBe(401);
  });

  it("answers 401 once a key is revoked, and other keys keep working", async () => {
    const other = await merchantWithKey("auth-revoke");
    const client = apiClient(server.url, other.key);
    expect((await client("GET", "/shipments")).status).toBe(200);
    await revokeApiKey(other.merchant.id, other.apiKey.id, new Date());
    const refused = await client("GET", "/shipments");
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe("unauthorized");
    expect((await apiClient(server.url, shop.key)("GET", "/shipments")).status).toBe(200);
  });

  it("cannot revoke another merchant's key", async () => {
    const other = await merchantWithKey("auth-other");
    await expect(revokeApiKey(other.merchant.id, shop.apiKey.id, new Date())).rejects.toMatchObject({ code: "not_found" });
    expect((await apiClient(server.url, shop.key)("GET", "/orders")).status).toBe(200);
  });

  it("answers 429 with Retry-After past the key's limit, per key", async () => {
    const limited = await merchantWithKey("auth-limited", 3);
    const client = apiClient(server.url, limited.key);
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await client("GET", "/orders")).status);
    expect(statuses).toEqual([200, 200, 200]);
    const refused = await client("GET", "/orders");
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe("rate_limited");
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(20);
    expect(refused.headers.get("x-ratelimit-remaining")).toBe("0");
    // Another key of another merchant is unaffected.
    expect((await apiClient(server.url, shop.key)("GET", "/orders")).status).toBe(200);
  });

  it("lets a limited key through again once its bucket refills", async () => {
    const limited = await merchantWithKey("auth-refill", 3);
    const client = apiClient(server.url, limited.key);
    for (let i = 0; i < 3; i++) await client("GET", "/orders");
    expect((await client("GET", "/orders")).status).toBe(429);
    // Move the limiter's clock back instead of sleeping 20 s.
    await db.apiKey.update({ where: { id: limited.apiKey.id }, data: { rateTat: new Date(Date.now() - 1000) } });
    expect((await client("GET", "/orders")).status).toBe(200);
  });

  it("serves an OpenAPI 3.1 document without a key", async () => {
    const response = await apiClient(server.url, null)("GET", "/openapi.json");
    expect(response.status).toBe(200);
    expect(response.body.openapi).toBe("3.1.0");
    expect(Object.keys(response.body.paths)).toEqual(
      expect.arrayContaining(["/orders", "/orders/{orderId}", "/orders/{orderId}/shipments", "/shipments", "/shipments/{shipmentId}", "/connections", "/connections/{provider}", "/branding"]),
    );
    const create = response.body.paths["/orders"].post;
    expect(create.requestBody.content["application/json"].schema.required).toContain("orderNumber");
    expect(response.body.components.schemas.Shipment.properties.trackingUrl).toBeDefined();
    // Every $ref points at a component that exists.
    const refs = [...JSON.stringify(response.body).matchAll(/"\$ref":"#\/components\/schemas\/(\w+)"/g)].map((m) => m[1]!);
    for (const name of refs) expect(response.body.components.schemas[name], name).toBeDefined();
  });
});
