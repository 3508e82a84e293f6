import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../lib/db";
import { AppError } from "../../../lib/errors";
import { IDEMPOTENCY_TTL_MS, withIdempotency } from "../../../lib/api/idempotency";
import { createOrder } from "../../../lib/shipments/create-order";
import { resetDatabase } from "../support/reset-database";
import { apiClient, serveApi, type ApiServer } from "../support/serve-api";
import { merchantWithKey, orderBody } from "../support/api-fixtures";

/**
 * Idempotency-Key failure modes: a key must never be locked by a request that failed or a process that
 * died. The key, the work and the answer commit together, so a failure leaves nothing behind.
 */
describe("Idempotency-Key: failures leave nothing behind", () => {
  let server: ApiServer;
  let api: ReturnType<typeof apiClient>;
  let merchantId: string;
  const request = (orderNumber: string) => ({ method: "POST", path: "/api/v1/orders", body: JSON.stringify(orderBody(orderNumber)) });

  beforeAll(async () => {
    await resetDatabase();
    server = await serveApi();
    const merchant = await merchantWithKey("idem-shop");
    merchantId = merchant.merchant.id;
    api = apiClient(server.url, merchant.key);
  });
  afterAll(() => server.close());

  it("a server error halfway through rolls back the work and the key: the retry runs", async () => {
    const now = new Date();
    const failing = withIdempotency(merchantId, "crash-1", request("IDEM-CRASH"), now, async (tx) => {
      await createOrder(merchantId, orderBody("IDEM-CRASH"), now, tx);
      throw new Error("connection lost"); // the database or the process failing after the work began
    });
    await expect(failing).rejects.toThrow("connection lost");
    expect(await db.order.count({ where: { merchantId, orderNumber: "IDEM-CRASH" } })).toBe(0);
    expect(await db.idempotencyRecord.count({ where: { merchantId, key: "crash-1" } })).toBe(0);

    const retry = await api("POST", "/orders", orderBody("IDEM-CRASH"), { "Idempotency-Key": "crash-1" });
    expect(retry.status).toBe(201);
    expect(retry.headers.get("idempotent-replayed")).toBeNull();
    const again = await api("POST", "/orders", orderBody("IDEM-CRASH"), { "Idempotency-Key": "crash-1" });
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await db.order.count({ where: { merchantId, orderNumber: "IDEM-CRASH" } })).toBe(1);
  });

  it("a client error is remembered, and what the work wrote before it is rolled back", async () => {
    const now = new Date();
    const answer = await withIdempotency(merchantId, "half-1", request("IDEM-HALF"), now, async (tx) => {
      await createOrder(merchantId, orderBody("IDEM-HALF"), now, tx);
      throw new AppError("validation_failed", "The second step refused it.");
    });
    expect(answer).toMatchObject({ status: 422, replayed: false });
    expect(await db.order.count({ where: { merchantId, orderNumber: "IDEM-HALF" } })).toBe(0);
    const replayed = await withIdempotency(merchantId, "half-1", request("IDEM-HALF"), now, async () => ({ status: 201, body: {} }));
    expect(replayed).toMatchObject({ status: 422, replayed: true });
  });

  it("a key left 'in progress' by a process that died before this fix does not lock retries for a day", async () => {
    await db.idempotencyRecord.create({ data: { merchantId, key: "orphan-1", requestHash: "whatever", createdAt: new Date() } });
    const retry = await api("POST", "/orders", orderBody("IDEM-ORPHAN"), { "Idempotency-Key": "orphan-1" });
    expect(retry.status).toBe(201);
    expect(await db.idempotencyRecord.count({ where: { merchantId, key: "orphan-1", status: 201 } })).toBe(1);
  });

  it("a server error is not remembered; an expired key starts afresh", async () => {
    const now = new Date();
    await expect(
      withIdempotency(merchantId, "err-1", request("IDEM-ERR"), now, async () => {
        throw new AppError("service_unavailable", "Try later.");
      }),
    ).rejects.toThrow("Try later.");
    expect(await db.idempotencyRecord.count({ where: { merchantId, key: "err-1" } })).toBe(0);

    const first = await withIdempotency(merchantId, "old-1", request("IDEM-OLD"), now, async () => ({ status: 201, body: { n: 1 } }));
    expect(first.replayed).toBe(false);
    const later = new Date(now.getTime() + IDEMPOTENCY_TTL_MS + 1_000);
    const fresh = await withIdempotency(merchantId, "old-1", request("IDEM-OLD-2"), later, async () => ({ status: 201, body: { n: 2 } }));
    expect(fresh).toEqual({ status: 201, body: { n: 2 }, replayed: false });
  });

  it("concurrent retries with one key create one order and all get the same answer", async () => {
    const headers = { "Idempotency-Key": "race-2" };
    const answers = await Promise.all(Array.from({ length: 4 }, () => api("POST", "/orders", orderBody("IDEM-RACE"), headers)));
    expect(answers.map((answer) => answer.status)).toEqual([201, 201, 201, 201]);
    expect(answers.filter((answer) => answer.headers.get("idempotent-replayed") === null)).toHaveLength(1);
    for (const answer of answers) expect(answer.body).toEqual(answers[0]!.body);
    expect(await db.order.count({ where: { merchantId, orderNumber: "IDEM-RACE" } })).toBe(1);
  });
});
