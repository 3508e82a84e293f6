/**
 * Idempotency-Key over real HTTP (idempotency.test.ts covers the function): a key is remembered for
 * IDEMPOTENCY_TTL_MS and then starts afresh, and a request that failed on our side (5xx) is not
 * remembered, so the client's retry with the same key does the work.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../lib/db";
import { IDEMPOTENCY_TTL_MS } from "../../../lib/api/idempotency";
import { resetDatabase } from "../support/reset-database";
import { apiClient, serveApi, type ApiServer } from "../support/serve-api";
import { merchantWithKey, orderBody } from "../support/api-fixtures";

async function refuseOrderWrites() {
  await allowOrderWrites();
  await db.$executeRawUnsafe(`CREATE OR REPLACE FUNCTION pp_test_refuse_orders() RETURNS trigger AS $$
    BEGIN RAISE EXCEPTION 'could not write block: I/O error (test)'; END $$ LANGUAGE plpgsql`);
  await db.$executeRawUnsafe(`CREATE TRIGGER pp_test_refuse_orders BEFORE INSERT ON "Order" FOR EACH ROW EXECUTE FUNCTION pp_test_refuse_orders()`);
}

async function allowOrderWrites() {
  await db.$executeRawUnsafe(`DROP TRIGGER IF EXISTS pp_test_refuse_orders ON "Order"`);
  await db.$executeRawUnsafe(`DROP FUNCTION IF EXISTS pp_test_refuse_orders()`);
}

describe("Idempotency-Key over HTTP: expiry, and server errors not remembered", () => {
  let server: ApiServer;
  let api: ReturnType<typeof apiClient>;
  let merchantId: string;

  beforeAll(async () => {
    await resetDatabase();
    server = await serveApi();
    const merchant = await merchantWithKey("idem-http-shop");
    merchantId = merchant.merchant.id;
    api = apiClient(server.url, merchant.key);
  });
  afterAll(async () => {
    await allowOrderWrites();
    await server.close();
  });

  const ageKey = (key: string, ageMs: number) =>
    db.idempotencyRecord.updateMany({ where: { merchantId, key }, data: { createdAt: new Date(Date.now() - ageMs) } });

  it("a key is held for its whole lifetime (another request with it is 409) and starts afresh once it expired", async () => {
    const first = await api("POST", "/orders", orderBody("IDEM-TTL-1"), { "Idempotency-Key": "ttl-key" });
    expect(first.status).toBe(201);

    // A minute before it expires: still the first request's key.
    await ageKey("ttl-key", IDEMPOTENCY_TTL_MS - 60_000);
    const replayed = await api("POST", "/orders", orderBody("IDEM-TTL-1"), { "Idempotency-Key": "ttl-key" });
    expect(replayed.status).toBe(201);
    expect(replayed.headers.get("idempotent-replayed")).toBe("true");
    expect(replayed.body).toEqual(first.body);
    const reused = await api("POST", "/orders", orderBody("IDEM-TTL-2"), { "Idempotency-Key": "ttl-key" });
    expect(reused.status).toBe(409);
    expect(reused.body.error.message).toMatch(/already used with a different request/);

    // A second after it expired: the key is free; the new request runs and becomes the key's answer.
    await ageKey("ttl-key", IDEMPOTENCY_TTL_MS + 1_000);
    const fresh = await api("POST", "/orders", orderBody("IDEM-TTL-2"), { "Idempotency-Key": "ttl-key" });
    expect(fresh.status).toBe(201);
    expect(fresh.headers.get("idempotent-replayed")).toBeNull();
    expect(fresh.body.orderNumber).toBe("IDEM-TTL-2");
    expect(await db.order.count({ where: { merchantId, orderNumber: { in: ["IDEM-TTL-1", "IDEM-TTL-2"] } } })).toBe(2);
    expect(await db.idempotencyRecord.count({ where: { merchantId, key: "ttl-key" } })).toBe(1);
    const again = await api("POST", "/orders", orderBody("IDEM-TTL-2"), { "Idempotency-Key": "ttl-key" });
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.body).toEqual(fresh.body);
  });

  it("a 5xx (the database failing the write) leaves no key behind: the retry with the same key runs and is then replayed", async () => {
    await refuseOrderWrites();
    let failed;
    try {
      failed = await api("POST", "/orders", orderBody("IDEM-5XX"), { "Idempotency-Key": "five-hundred" });
    } finally {
      await allowOrderWrites();
    }
    expect(failed.status).toBeGreaterThanOrEqual(500);
    expect(failed.headers.get("idempotent-replayed")).toBeNull();
    expect(JSON.stringify(failed.body)).not.toContain("I/O error"); // no internals in the answer
    expect(await db.idempotencyRecord.count({ where: { merchantId, key: "five-hundred" } })).toBe(0);
    expect(await db.order.count({ where: { merchantId, orderNumber: "IDEM-5XX" } })).toBe(0);

    const retry = await api("POST", "/orders", orderBody("IDEM-5XX"), { "Idempotency-Key": "five-hundred" });
    expect(retry.status).toBe(201);
    expect(retry.headers.get("idempotent-replayed")).toBeNull();
    const replay = await api("POST", "/orders", orderBody("IDEM-5XX"), { "Idempotency-Key": "five-hundred" });
    expect(replay.status).toBe(201);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(await db.order.count({ where: { merchantId, orderNumber: "IDEM-5XX" } })).toBe(1);
  });
});
