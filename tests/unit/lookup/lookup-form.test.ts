import { describe, expect, it } from "vitest";
import { lookupFormSchema, normalizePostalCode } from "@/lib/lookup/schema";

describe("lookup form", () => {
  it("accepts an order number with or without #, and trims", () => {
    expect(lookupFormSchema.parse({ orderNumber: " #NW-1002 ", contact: " 60601 " })).toEqual({ orderNumber: "NW-1002", contact: "60601" });
  });

  it("refuses empty or oversized fields", () => {
    expect(lookupFormSchema.safeParse({ orderNumber: "#", contact: "60601" }).success).toBe(false);
    expect(lookupFormSchema.safeParse({ orderNumber: "NW-1", contact: "" }).success).toBe(false);
    expect(lookupFormSchema.safeParse({ orderNumber: "x".repeat(65), contact: "60601" }).success).toBe(false);
    expect(lookupFormSchema.safeParse({ orderNumber: null, contact: null }).success).toBe(false);
  });

  it("compares postal codes without spaces, dashes or case", () => {
    expect(normalizePostalCode("sw1a 1aa")).toBe(normalizePostalCode("SW1A1AA"));
    expect(normalizePostalCode("01310-100")).toBe("01310100");
  });

});
