/**
 * Serves the real shop webhook route handlers over real HTTP on loopback (as serve-webhooks.ts does for
 * carriers), so tests send the exact bytes and headers a shop would.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { POST as shopify } from "@/app/api/shops/shopify/[merchantSlug]/route";
import { POST as woocommerce } from "@/app/api/shops/woocommerce/[merchantSlug]/route";
import { stampClientAddress } from "@/lib/lookup/client-ip";
import { base64HmacSha256 } from "@/lib/shops/verify-shop-signature";

const ROUTES = { shopify, woocommerce } as const;

export interface ShopServer {
  url: string;
  close(): Promise<void>;
}

/**
 * `trustProxyHops`: stamp each request with its client address as scripts/serve.ts does (with that many
 * trusted proxies, so a test plays a client address through X-Forwarded-For); without it requests carry
 * no address, as under a bare `next start`.
 */
export async function serveShops(options: { trustProxyHops?: number } = {}): Promise<ShopServer> {
  const server = http.createServer(async (req, res) => {
    if (options.trustProxyHops !== undefined) stampClientAddress(req, options.trustProxyHops);
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const match = /^\/api\/shops\/(shopify|woocommerce)\/([^/]+)$/.exec(url.pathname);
    if (!match || req.method !== "POST") {
      res.writeHead(404).end();
      return;
    }
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
    const request = new Request(url, { method: "POST", headers, body: Readable.toWeb(req) as ReadableStream<Uint8Array>, duplex: "half" } as RequestInit);
    const response = await ROUTES[match[1] as keyof typeof ROUTES](request, { params: Promise.resolve({ merchantSlug: match[2]! }) });
    const connection = req.complete ? {} : { connection: "close" };
    res.writeHead(response.status, { ...Object.fromEntries(response.headers), ...connection });
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

export const SHOPIFY_SECRET = "shpss_0123456789abcdef0123456789abcdef";
export const WOO_SECRET = "wc-secret-0123456789abcdef";

export function shopifyHeaders(body: string | Buffer, topic: string, options: { webhookId?: string; shop?: string; secret?: string } = {}) {
  return {
    "content-type": "application/json",
    "X-Shopify-Topic": topic,
    "X-Shopify-Hmac-Sha256": base64HmacSha256(options.secret ?? SHOPIFY_SECRET, body),
    "X-Shopify-Shop-Domain": options.shop ?? "northwind.myshopify.com",
    "X-Shopify-API-Version": "2026-07",
    "X-Shopify-Webhook-Id": options.webhookId ?? `wh-${Math.random().toString(36).slice(2)}`,
  };
}

export function wooHeaders(body: string | Buffer, topic: string, options: { source?: string; secret?: string } = {}) {
  return {
    "content-type": "application/json",
    "X-WC-Webhook-Topic": topic,
    "X-WC-Webhook-Resource": topic.split(".")[0]!,
    "X-WC-Webhook-Event": topic.split(".")[1]!,
    "X-WC-Webhook-Signature": base64HmacSha256(options.secret ?? WOO_SECRET, body),
    "X-WC-Webhook-Source": options.source ?? "https://shop.example.com/",
    "X-WC-Webhook-ID": "12",
    "X-WC-Webhook-Delivery-ID": Math.random().toString(36).slice(2),
  };
}

/** WooCommerce's body encoding: compact JSON with every "/" escaped as "\/" (wp_json_encode's default). */
export function wpJsonEncode(value: unknown): string {
  return JSON.stringify(value).replaceAll("/", "\\/");
}
