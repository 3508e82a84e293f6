import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../lib/db";
import { resetDatabase } from "../support/reset-database";
import { apiClient, serveApi, type ApiServer } from "../support/serve-api";
import { merchantWithKey, orderBody } from "../support/api-fixtures";

describe("API under concurrent requests", () => {
  let server: ApiServer;

  beforeAll(async () => {
    await resetDatabase();
    server = await serveApi();
  });
  afterAll(() => server.close());

  it("the rate limit holds exactly when requests race (one atomic UPDATE per request)", async () => {
    const api = apiClient(server.url, (await merchantWithKey("race-limit", 5)).key);
    const statuses = await Promise.all(Array.from({ length: 12 }, () => api("GET", "/shipments").then((r) => r.status)));
    expect(statuses.filter((s) => s === 200)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(7);
  });

  it("racing retries with one Idempotency-Key create one order", async () => {
    const api = apiClient(server.url, (await merchantWithKey("race-idem")).key);
    const headers = { "Idempotency-Key": "race-1" };
    const answers = await Promise.all(Array.from({ length: 6 }, () => api("POST", "/orders", orderBody("RACE-1"), headers)));
    const statuses = answers.map((a) => a.status);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    expect(statuses).toContain(201);
    expect(await db.order.count({ where: { orderNumber: "RACE-1" } })).toBe(1);
    // Once the first has finished, every retry gets its answer.
    const retry = await api("POST", "/orders", orderBody("RACE-1"), headers);
    expect(retry.status).toBe(201);
    expect(retry.body.id).toBe(answers.find((a) => a.status === 201)!.body.id);
  });
});
