import { describe, expect, it } from "vitest";
import { normalizeShopDomain } from "../../../lib/shops/shop-domain";

describe("normalizeShopDomain: one spelling per shop", () => {
  it.each([
    ["northwind.myshopify.com", "northwind.myshopify.com"],
    ["https://Northwind.myshopify.com/", "northwind.myshopify.com"],
    ["http://example.com/", "example.com"],
    ["https://example.com/shop/", "example.com/shop"],
    ["example.com:8443", "example.com:8443"],
  ])("%s → %s", (raw, normalized) => {
    expect(normalizeShopDomain(raw)).toBe(normalized);
  });

  it.each([null, "", "localhost", "javascript:alert(1)", "https://user:pw@example.com", "https://example.com/?q=1", "exa mple.com", "a".repeat(400)])(
    "refuses %s",
    (raw) => {
      expect(normalizeShopDomain(raw)).toBeNull();
    },
  );
});
