/**
 * The console's search box matches what the agent typed, character for character: `%`, `_` and `\` are
 * text, not LIKE wildcards or the escape character, in every arm (order number, email, tracking number).
 * Before, "100%" also found "1005", "a_b" found "axb", and "%" alone listed every shipment of the merchant.
 * Real database (PGlite, and PostgreSQL with INTEGRATION_DB=postgres); another merchant's look-alike rows
 * are never listed.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { searchShipments } from "../../../lib/console/queries";
import { createMerchant } from "../../../lib/merchants/create-merchant";
import { createOrder } from "../../../lib/shipments/create-order";
import { resetDatabase } from "../support/reset-database";

const NOW = new Date();

/** Order number, shopper email and tracking number of each order; the order number names it in the assertions. */
const ORDERS = [
  { orderNumber: "SALE-100%", email: "percent@example.com", tracking: "1ZPERCENT1" },
  { orderNumber: "SALE-1005", email: "plain@example.com", tracking: "1ZPLAIN1005" },
  { orderNumber: "U-A_B", email: "a_b@example.com", tracking: "1ZUNDERSCORE" },
  { orderNumber: "U-AXB", email: "axb@example.com", tracking: "1ZLOOKALIKE" },
  { orderNumber: "B-A\\B", email: "slash@example.com", tracking: "1ZBACKSLASH" },
];

describe("console search: %, _ and \\ are matched literally", () => {
  let merchantId = "";

  beforeAll(async () => {
    await resetDatabase();
    merchantId = (await createMerchant({ slug: "wildcard-shop", name: "Wildcard Shop", timeZone: undefined, defaultLocale: undefined })).id;
    const other = (await createMerchant({ slug: "wildcard-other", name: "Other", timeZone: undefined, defaultLocale: undefined })).id;
    for (const [owner, prefix] of [[merchantId, ""], [other, "X"]] as const) {
      for (const order of ORDERS) {
        await createOrder(owner, {
          orderNumber: order.orderNumber,
          shopper: { email: order.email },
          destination: { city: "Chicago", region: "IL", postalCode: "60601", country: "US" },
          shipments: [{ carrier: "ups", trackingNumber: `${prefix}${order.tracking}` }],
        });
      }
    }
  });

  async function found(q: string): Promise<string[]> {
    const rows = await searchShipments(merchantId, { q }, NOW);
    // Every row is this merchant's (the other merchant's tracking numbers start with X).
    for (const row of rows) expect(row.trackingNumber.startsWith("X"), row.trackingNumber).toBe(false);
    return rows.map((row) => row.order.orderNumber).sort();
  }

  it("a percent sign is a percent sign: '100%' finds SALE-100% and not SALE-1005; '%' alone lists nothing else", async () => {
    expect(await found("100%")).toEqual(["SALE-100%"]);
    expect(await found("%")).toEqual(["SALE-100%"]);
    expect(await found("%%")).toEqual([]);
  });

  it("an underscore is an underscore, in the order number and in the email: 'a_b' does not find AXB", async () => {
    expect(await found("a_b")).toEqual(["U-A_B"]);
    expect(await found("a_b@example")).toEqual(["U-A_B"]);
    expect(await found("_")).toEqual(["U-A_B"]);
    expect(await found("U-A_")).toEqual(["U-A_B"]);
  });

  it("a backslash is a backslash, also last (where it would escape the closing %)", async () => {
    expect(await found("\\")).toEqual(["B-A\\B"]);
    expect(await found("A\\")).toEqual(["B-A\\B"]);
    expect(await found("a\\b")).toEqual(["B-A\\B"]);
    expect(await found("\\%")).toEqual([]);
    expect(await found("\\_")).toEqual([]);
  });

  it("ordinary searches still match case-insensitively on every field", async () => {
    expect(await found("sale-100")).toEqual(["SALE-100%", "SALE-1005"]);
    expect(await found("PERCENT@")).toEqual(["SALE-100%"]);
    expect(await found("1zlookalike")).toEqual(["U-AXB"]);
  });
});
