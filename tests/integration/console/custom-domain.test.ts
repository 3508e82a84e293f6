import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../lib/db";
import { customDomainRedirect, merchantSlugForHost, normalizeHost, tokenAllowedOnHost } from "../../../lib/merchants/custom-domain";
import { dnsTxtLookup } from "../../../lib/merchants/dns-txt";
import { verificationRecordName } from "../../../lib/merchants/domain-rules";
import { recheckDomains, recheckPendingDomains, recheckVerifiedDomains, verifyCustomDomain } from "../../../lib/merchants/verify-custom-domain";
import { createOrder } from "../../../lib/shipments/create-order";
import { startDnsStandIn, type DnsStandIn } from "../../support/stand-ins/dns";
import { merchantWithKey } from "../support/api-fixtures";
import { resetDatabase } from "../support/reset-database";
import { apiClient, serveApi, type ApiServer } from "../support/serve-api";

// setup-database.ts sets APP_URL=http://parcelpage.test: that host is the platform's own.
describe("custom tracking domains need proof of ownership", () => {
  let server: ApiServer;
  let dns: DnsStandIn;
  let lookup: ReturnType<typeof dnsTxtLookup>;
  let shop: Awaited<ReturnType<typeof merchantWithKey>>;
  let other: Awaited<ReturnType<typeof merchantWithKey>>;
  let ownToken = "";
  let otherToken = "";

  beforeAll(async () => {
    await resetDatabase();
    server = await serveApi();
    dns = await startDnsStandIn();
    lookup = dnsTxtLookup([dns.server]);
    shop = await merchantWithKey("domain-shop");
    other = await merchantWithKey("other-shop");
    const order = (merchantId: string, orderNumber: string) =>
      createOrder(merchantId, { orderNumber, destination: { country: "US" }, shipments: [{ carrier: "ups", trackingNumber: `1Z${orderNumber}` }] });
    ownToken = (await order(shop.merchant.id, "D1")).shipments[0]!.token;
    otherToken = (await order(other.merchant.id, "O1")).shipments[0]!.token;
  });

  afterAll(async () => {
    await server.close();
    await dns.close();
  });

  it.each([
    ["parcelpage.test", /Parcelpage's own host/],
    ["PARCELPAGE.test.", /Parcelpage's own host/],
    ["t.parcelpage.test", /Parcelpage's own host/],
    ["localhost", /loopback/],
    ["shop.localhost", /loopback/],
    ["127.0.0.1", /IP address/],
    ["[::1]", /IP address/],
  ])("refuses %s over HTTP with a 422 naming why, and serves nothing", async (domain, why) => {
    const api = apiClient(server.url, other.key);
    const response = await api("PATCH", "/branding", { customDomain: domain });
    expect(response.status).toBe(422);
    expect(response.body.error.message).toMatch(why);
    expect(response.body.error.details[0].path).toBe("customDomain");
    const row = await db.merchant.findUniqueOrThrow({ where: { id: other.merchant.id }, select: { customDomain: true, verifiedDomain: true } });
    expect(row).toEqual({ customDomain: null, verifiedDomain: null });
    // The platform host still serves every merchant's page, and its home page is its own.
    expect(await tokenAllowedOnHost("parcelpage.test", ownToken)).toBe(true);
    expect(await customDomainRedirect("parcelpage.test", "/")).toBeNull();
  });

  it("keeps a claimed domain pending, serving nothing, until its TXT record is seen", async () => {
    const api = apiClient(server.url, shop.key);
    const response = await api("PATCH", "/branding", { customDomain: "Track.Domain-Shop.example" });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      customDomain: "track.domain-shop.example",
      customDomainStatus: "pending",
      domainVerification: { type: "TXT", name: "_parcelpage.track.domain-shop.example", value: expect.stringMatching(/^parcelpage-verify=/) },
    });
    const record = response.body.domainVerification as { name: string; value: string };
    expect(await merchantSlugForHost("track.domain-shop.example", Date.now() + 120_000)).toBeNull();
    expect(await customDomainRedirect("track.domain-shop.example", "/")).toBeNull();

    // Another merchant claiming the same host first blocks nobody: claims are only wishes.
    const squatter = apiClient(server.url, other.key);
    expect((await squatter("PATCH", "/branding", { customDomain: "track.domain-shop.example" })).status).toBe(200);

    // No record, then a wrong one: still pending.
    expect(await verifyCustomDomain(shop.merchant.id, { lookup })).toBe("pending");
    dns.txt.set(record.name, ["parcelpage-verify=someone-else"]);
    expect(await verifyCustomDomain(shop.merchant.id, { lookup })).toBe("pending");
    expect(dns.queries).toContain("_parcelpage.track.domain-shop.example");

    dns.txt.set(record.name, ["v=spf1 -all", record.value]);
    expect(await verifyCustomDomain(shop.merchant.id, { lookup })).toBe("verified");
    expect((await api("GET", "/branding")).body.customDomainStatus).toBe("verified");
    expect(await merchantSlugForHost("TRACK.domain-shop.example:443", Date.now() + 120_000)).toBe("domain-shop");
    expect(await customDomainRedirect("track.domain-shop.example", "/")).toBe("/domain-shop/lookup");
    expect(await tokenAllowedOnHost("track.domain-shop.example", ownToken)).toBe(true);
    expect(await tokenAllowedOnHost("track.domain-shop.example", otherToken)).toBe(false);
    expect(normalizeHost("track.domain-shop.example.")).toBe("track.domain-shop.example");

    // The squatter cannot prove it (its token is not there), nor take it once proven.
    expect(await verifyCustomDomain(other.merchant.id, { lookup })).toBe("pending");
    const squatterToken = (await squatter("GET", "/branding")).body.domainVerification.value as string;
    dns.txt.set(record.name, [record.value, squatterToken]);
    expect(await verifyCustomDomain(other.merchant.id, { lookup })).toBe("taken");
    expect((await squatter("PATCH", "/branding", { customDomain: "track.domain-shop.example" })).status).toBe(409);
    expect(await merchantSlugForHost("track.domain-shop.example", Date.now() + 240_000)).toBe("domain-shop");
  });

  it("re-checks pending domains in the worker's pass", async () => {
    const api = apiClient(server.url, other.key);
    const response = await api("PATCH", "/branding", { customDomain: "track.other-shop.example" });
    expect(response.body.customDomainStatus).toBe("pending");
    dns.txt.set(response.body.domainVerification.name, [response.body.domainVerification.value]);
    expect(await recheckPendingDomains(new Date(), lookup)).toBe(1);
    expect(await merchantSlugForHost("track.other-shop.example", Date.now() + 120_000)).toBe("other-shop");
    // Checked just now: the next pass leaves it alone.
    expect(await recheckPendingDomains(new Date(), lookup)).toBe(0);
  });

  it("re-checks proven domains daily: a TXT record that is gone sends the domain back to pending (it serves nothing)", async () => {
    // other-shop proved track.other-shop.example in the test above, through the DNS stand-in.
    const host = "track.other-shop.example";
    const name = verificationRecordName(host);
    const published = dns.txt.get(name)!;
    const hours = (n: number) => new Date(Date.now() + n * 3_600_000);
    const state = () => db.merchant.findUniqueOrThrow({ where: { id: other.merchant.id }, select: { customDomain: true, verifiedDomain: true } });

    expect(await recheckVerifiedDomains(hours(25), lookup)).toBe(0); // record still there: stays proven
    expect((await state()).verifiedDomain).toBe(host);
    dns.txt.delete(name);
    expect(await recheckVerifiedDomains(hours(30), lookup)).toBe(0); // checked 5 h ago: not due before a day has passed
    expect(await recheckVerifiedDomains(hours(50), async () => { throw Object.assign(new Error("SERVFAIL"), { code: "ESERVFAIL" }); })).toBe(0);
    expect((await state()).verifiedDomain).toBe(host); // a failing resolver is not an answer

    expect(await recheckVerifiedDomains(hours(50), lookup)).toBe(1);
    expect(await state()).toEqual({ customDomain: host, verifiedDomain: null });
    expect(await merchantSlugForHost(host)).toBeNull(); // the cached answer was dropped at once
    expect(await tokenAllowedOnHost(host, ownToken)).toBe(true); // no longer a merchant's host
    expect(await customDomainRedirect(host, "/")).toBeNull();

    // Publishing it again makes it serve again at the next pending pass.
    dns.txt.set(name, published);
    expect(await recheckDomains(hours(51), lookup)).toEqual({ verified: 1, demoted: 0 });
    expect(await merchantSlugForHost(host)).toBe("other-shop");
  });

  it("ignores the app's own hosts and unknown ones", async () => {
    for (const host of ["localhost:3000", "127.0.0.1:3000", "parcelpage.test", "evil.example", null, "bad host"]) {
      expect(await merchantSlugForHost(host), String(host)).toBeNull();
    }
    expect(await customDomainRedirect("track.domain-shop.example", "/t/AAAAAAAAAAAAAAAAAAAAAAAA")).toBeNull();
  });
});
