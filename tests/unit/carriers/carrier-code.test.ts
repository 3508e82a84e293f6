import { describe, expect, it } from "vitest";
import { carrierCodeFromUrl, normalizeCarrierCode } from "../../../lib/carriers/carrier-code";

describe("carrier names from every source map to one code (lib/carriers/carrier-code.ts)", () => {
  it.each([
    // Shopify's tracking_company values
    ["UPS", "ups"], ["USPS", "usps"], ["FedEx", "fedex"], ["DHL Express", "dhl"], ["Canada Post", "canada-post"],
    ["Royal Mail", "royal-mail"], ["Australia Post", "australia-post"], ["DHL eCommerce", "dhl-ecommerce"], ["Purolator", "purolator"],
    ["Correios", "correios"], ["PostNL", "postnl"],
    // WooCommerce Shipment Tracking slugs (sanitize_title of the provider names)
    ["royal-mail", "royal-mail"], ["usps", "usps"], ["fedex", "fedex"], ["dhl", "dhl"], ["canada-post", "canada-post"],
    ["australia-post", "australia-post"], ["dpd-uk", "dpd"], ["parcelforce", "parcelforce"], ["fedex-sameday", "fedex"],
    // The API and aggregators, as before
    ["fedexsmartpost", "fedex"], ["dhl_express", "dhl"], ["brazil-correios", "correios"],
  ])("%s → %s", (name, code) => {
    expect(normalizeCarrierCode(name)).toBe(code);
  });

  it("keeps an unknown carrier as its own code instead of dropping it; only an empty one is 'unknown'", () => {
    expect(normalizeCarrierCode("Speedy Couriers")).toBe("speedycouriers");
    expect(normalizeCarrierCode("Ninja Van")).toBe("ninjavan");
    expect(normalizeCarrierCode("  ")).toBe("unknown");
    expect(normalizeCarrierCode("!!!")).toBe("unknown");
  });

  it("reads the carrier from its tracking link when the shop names none", () => {
    expect(carrierCodeFromUrl("http://wwwapps.ups.com/etracking/tracking.cgi?InquiryNumber1=1Z2345")).toBe("ups");
    expect(carrierCodeFromUrl("https://tools.usps.com/go/TrackConfirmAction_input?qtc_tLabels1=1")).toBe("usps");
    expect(carrierCodeFromUrl("https://ups.com.evil.example/track")).toBeNull();
    expect(carrierCodeFromUrl("not a url")).toBeNull();
    expect(carrierCodeFromUrl(null)).toBeNull();
  });
});
