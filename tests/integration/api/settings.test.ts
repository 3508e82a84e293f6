import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../lib/db";
import { sealSecret } from "../../../lib/crypto/secret-box";
import { CONNECTION_SECRET_PURPOSE } from "../../../lib/merchants/set-provider-connection";
import { resetDatabase } from "../support/reset-database";
import { apiClient, serveApi, type ApiServer } from "../support/serve-api";
import { merchantWithKey } from "../support/api-fixtures";

describe("API: provider connections and branding", () => {
  let server: ApiServer;
  let api: ReturnType<typeof apiClient>;

  beforeAll(async () => {
    await resetDatabase();
    server = await serveApi();
    api = apiClient(server.url, (await merchantWithKey("settings-shop")).key);
  });
  afterAll(() => server.close());

  it("lists every provider with its webhook URL, none connected yet", async () => {
    const response = await api("GET", "/connections");
    expect(response.status).toBe(200);
    expect(response.body.data.map((c: { provider: string }) => c.provider)).toEqual(["easypost", "shippo", "aftership", "generic"]);
    expect(response.body.data[0]).toEqual({
      provider: "easypost", connected: false, secretHint: null, updatedAt: null, webhookUrl: "http://parcelpage.test/api/webhooks/easypost/settings-shop",
    });
  });

  it("sets a provider secret write-only: stored sealed, answered only as a hint", async () => {
    const secret = "whsec_0123456789abcdef";
    const response = await api("PUT", "/connections/easypost", { secret });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ provider: "easypost", connected: true, secretHint: "…cdef" });
    expect(JSON.stringify(response.body)).not.toContain(secret);
    const listed = await api("GET", "/connections");
    expect(JSON.stringify(listed.body)).not.toContain(secret);
    const row = await db.providerConnection.findFirstOrThrow({ where: { provider: "easypost" }, select: { secretCiphertext: true } });
    expect(row.secretCiphertext).not.toContain(secret);
  });

  it("never shows a short secret saved before the minimum: no hint, a prompt to replace it", async () => {
    const merchant = await db.merchant.findUniqueOrThrow({ where: { slug: "settings-shop" }, select: { id: true } });
    await db.providerConnection.create({
      data: { merchantId: merchant.id, provider: "shippo", secretCiphertext: sealSecret("abc", CONNECTION_SECRET_PURPOSE), secretHint: "abc" },
      select: { id: true },
    });
    const listed = await api("GET", "/connections");
    const shippo = listed.body.data.find((c: { provider: string }) => c.provider === "shippo");
    expect(shippo).toMatchObject({ connected: true, secretHint: "too short: replace it" });
    expect(JSON.stringify(listed.body)).not.toContain("abc");
    await db.providerConnection.deleteMany({ where: { merchantId: merchant.id, provider: "shippo" } });
  });

  it("validates connection requests", async () => {
    expect((await api("PUT", "/connections/easypost", {})).status).toBe(422);
    expect((await api("PUT", "/connections/easypost", { secret: "" })).status).toBe(422);
    // Too short to be a secret (a 1-character one was accepted before): at least 16 characters.
    for (const secret of ["x", "abcd", "x".repeat(15)]) expect((await api("PUT", "/connections/easypost", { secret })).status).toBe(422);
    const listed = await api("GET", "/connections");
    expect(listed.body.data.find((c: { provider: string }) => c.provider === "easypost")).toMatchObject({ secretHint: "…cdef" }); // unchanged
    expect((await api("PUT", "/connections/easypost", { secret: "x".repeat(501) })).status).toBe(422);
    expect((await api("PUT", "/connections/easypost", { secret: "abcdefgh-abcdefgh", extra: 1 })).status).toBe(422);
    expect((await api("PUT", "/connections/easypost", "nope")).status).toBe(400);
    const unknown = await api("PUT", "/connections/fedex", { secret: "abcdefgh-abcdefgh" });
    expect(unknown.status).toBe(404);
  });

  it("reads and updates branding", async () => {
    const before = await api("GET", "/branding");
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ slug: "settings-shop", brandColor: "#1f6feb", customDomain: null });
    const response = await api("PATCH", "/branding", {
      brandColor: "#AA3300", supportEmail: "help@shop.example", customMessage: "Packed with care", defaultLocale: "es",
      timeZone: "Europe/Madrid", customDomain: "Track.Shop.example", logoUrl: "https://shop.example/logo.png",
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ brandColor: "#aa3300", customDomain: "track.shop.example", defaultLocale: "es", timeZone: "Europe/Madrid" });
    const cleared = await api("PATCH", "/branding", { customMessage: null });
    expect(cleared.body.customMessage).toBeNull();
  });

  it.each([
    [{ brandColor: "red" }, "brandColor"],
    [{ brandColor: "#12345" }, "brandColor"],
    [{ logoUrl: "javascript:alert(1)" }, "logoUrl"],
    [{ supportEmail: "nope" }, "supportEmail"],
    [{ defaultLocale: "xx" }, "defaultLocale"],
    [{ timeZone: "Mars/Olympus" }, "timeZone"],
    [{ customDomain: "not a host" }, "customDomain"],
    [{ slug: "renamed" }, ""],
    // Names reach email From/Subject, SMS and .ics: no line breaks (a lone CR too) or control characters.
    [{ name: "Shop\r\nBcc: victim@example.com" }, "name"],
    [{ name: "Shop\rX" }, "name"],
    [{ name: "Shop\nX" }, "name"],
    [{ name: "Shop\u0007" }, "name"],
    [{ name: "Shop\u0085X" }, "name"],
    [{ name: "Shop\u2028X" }, "name"],
    [{ supportPhone: "555\r\n0100" }, "supportPhone"],
  ])("answers 422 for branding %j", async (body, path) => {
    const nameBefore = (await db.merchant.findUniqueOrThrow({ where: { slug: "settings-shop" }, select: { name: true } })).name;
    const response = await api("PATCH", "/branding", body);
    expect(response.status).toBe(422);
    expect((await db.merchant.findUniqueOrThrow({ where: { slug: "settings-shop" }, select: { name: true } })).name).toBe(nameBefore);
    expect(response.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
  });

  it("answers 409 when another merchant has proven the custom domain (a mere claim blocks nobody)", async () => {
    const other = apiClient(server.url, (await merchantWithKey("settings-other")).key);
    expect((await other("PATCH", "/branding", { customDomain: "track.shop.example" })).status).toBe(200);
    await db.merchant.update({ where: { slug: "settings-shop" }, data: { verifiedDomain: "track.shop.example" } });
    const response = await other("PATCH", "/branding", { customDomain: "track.shop.example" });
    expect(response.status).toBe(409);
  });
});
