import { Liquid } from "liquidjs";
import { describe, expect, it } from "vitest";
import { shopifyShippingSnippet, trackLinkBase, wooCustomProviderUrl, wooEmailSnippet } from "../../../lib/shops/email-snippets";

const hrefs = (html: string) => [...html.matchAll(/<a href="([^"]+)"/g)].map((match) => match[1]);
const vmlHrefs = (html: string) => [...html.matchAll(/<v:roundrect [^>]*href="([^"]+)"/g)].map((match) => match[1]);

describe("the track-link base", () => {
  it("is /{slug}/track/ on the app's host, or /track/ on the merchant's proven domain", () => {
    expect(trackLinkBase("https://parcelpage.example/", "northwind", null)).toBe("https://parcelpage.example/northwind/track/");
    expect(trackLinkBase("https://parcelpage.example", "northwind", "track.northwind.example")).toBe("https://track.northwind.example/track/");
  });
});

describe("Shopify's Shipping confirmation / Shipping update snippet (rendered by a real Liquid engine)", () => {
  const snippet = shopifyShippingSnippet("https://parcelpage.example/northwind/track/", "#1f6feb", "#ffffff");
  const render = (fulfillment: unknown) => new Liquid().parseAndRender(snippet, { fulfillment });

  it("renders one button per tracking number, each linking to that number's page (VML for Outlook too)", async () => {
    const html = await render({ tracking_company: "UPS", tracking_numbers: ["1Z001985YW99744790", "9400 1000"] });
    const expected = ["https://parcelpage.example/northwind/track/1Z001985YW99744790", "https://parcelpage.example/northwind/track/9400+1000"];
    expect(hrefs(html)).toEqual(expected);
    expect(vmlHrefs(html)).toEqual(expected);
    expect(html.match(/Track package<\/a>/g)).toHaveLength(2);
  });

  it("renders nothing for a fulfillment without tracking numbers", async () => {
    expect((await render({ tracking_numbers: [] })).trim()).toBe("");
    expect((await render({})).trim()).toBe("");
  });
});

describe("WooCommerce", () => {
  it("the Shipment Tracking custom provider URL becomes the number's page when %1$s is filled (as the extension's sprintf does)", () => {
    const url = wooCustomProviderUrl("https://track.northwind.example/track/");
    expect(url).toBe("https://track.northwind.example/track/%1$s");
    const sprintf = (format: string, ...args: string[]) => format.replace(/%(\d)\$s/g, (_, n: string) => args[Number(n) - 1] ?? "");
    expect(sprintf(url, "1Z001985YW99744790", "K2P 1L4", "CA")).toBe("https://track.northwind.example/track/1Z001985YW99744790");
  });

  it("the email snippet reads _wc_shipment_tracking_items, only for the customer's Completed order email, with the button as an inert nowdoc", () => {
    const php = wooEmailSnippet("https://parcelpage.example/northwind/track/", "#1f6feb", "#ffffff");
    expect(php).toContain("$order->get_meta( '_wc_shipment_tracking_items' )");
    expect(php).toContain("'customer_completed_order' !== $email->id");
    expect(php).toContain("$url = 'https://parcelpage.example/northwind/track/' . rawurlencode( $item['tracking_number'] );");
    // The button sits between the nowdoc markers and carries the placeholder the loop replaces.
    const nowdoc = /<<<'PARCELPAGE'\n([\s\S]*?)\nPARCELPAGE;/.exec(php)?.[1] ?? "";
    expect(hrefs(nowdoc)).toEqual(["{{url}}"]);
    expect(nowdoc).not.toContain("PARCELPAGE");
    expect(php).toContain("str_replace( '{{url}}', esc_url( $url ), $button )");
  });
});
