import { beforeAll, describe, expect, it } from "vitest";
import { customDomainRedirect, merchantSlugForHost, normalizeHost, tokenAllowedOnHost } from "../../../lib/merchants/custom-domain";
import { createOrder } from "../../../lib/shipments/create-order";
import { updateBranding } from "../../../lib/merchants/update-branding";
import { resetDatabase } from "../support/reset-database";
import { merchantWithKey } from "../support/api-fixtures";

describe("custom tracking domains", () => {
  let ownToken = "";
  let otherToken = "";

  beforeAll(async () => {
    await resetDatabase();
    const { merchant } = await merchantWithKey("domain-shop");
    await updateBranding(merchant.id, { customDomain: "Track.Domain-Shop.example" });
    const { merchant: other } = await merchantWithKey("other-shop");
    const order = (merchantId: string, orderNumber: string) =>
      createOrder(merchantId, { orderNumber, destination: { country: "US" }, shipments: [{ carrier: "ups", trackingNumber: `1Z${orderNumber}` }] });
    ownToken = (await order(merchant.id, "D1")).shipments[0]!.token;
    otherToken = (await order(other.id, "O1")).shipments[0]!.token;
  });

  it("serves only the merchant's own parcels on its host; other hosts serve every token", async () => {
    expect(await tokenAllowedOnHost("track.domain-shop.example", ownToken)).toBe(true);
    expect(await tokenAllowedOnHost("track.domain-shop.example", otherToken)).toBe(false);
    expect(await tokenAllowedOnHost("track.domain-shop.example", "AAAAAAAAAAAAAAAAAAAAAAAA")).toBe(false);
    expect(await tokenAllowedOnHost("localhost:3000", otherToken)).toBe(true);
  });

  it("maps the merchant's host, in any case and with a port, to its slug", async () => {
    expect(await merchantSlugForHost("track.domain-shop.example")).toBe("domain-shop");
    expect(await merchantSlugForHost("TRACK.domain-shop.example:443")).toBe("domain-shop");
    expect(normalizeHost("track.domain-shop.example.")).toBe("track.domain-shop.example");
  });

  it("ignores the app's own hosts and unknown ones", async () => {
    for (const host of ["localhost:3000", "127.0.0.1:3000", "parcelpage.test", "evil.example", null, "bad host"]) {
      expect(await merchantSlugForHost(host), String(host)).toBeNull();
    }
  });

  it("sends the bare host and /lookup to the merchant's lookup page, and leaves the rest alone", async () => {
    expect(await customDomainRedirect("track.domain-shop.example", "/")).toBe("/domain-shop/lookup");
    expect(await customDomainRedirect("track.domain-shop.example", "/lookup")).toBe("/domain-shop/lookup");
    expect(await customDomainRedirect("track.domain-shop.example", "/t/AAAAAAAAAAAAAAAAAAAAAAAA")).toBeNull();
    expect(await customDomainRedirect("localhost:3000", "/")).toBeNull();
  });
});
