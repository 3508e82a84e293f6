/**
 * Serves the real /api/v1 route handlers over real HTTP on loopback (the same modules `next build`
 * bundles), so API tests send real requests: headers, bodies, status codes, no Next.js build needed.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import * as branding from "@/app/api/v1/branding/route";
import * as connection from "@/app/api/v1/connections/[provider]/route";
import * as connections from "@/app/api/v1/connections/route";
import * as openapi from "@/app/api/v1/openapi.json/route";
import * as order from "@/app/api/v1/orders/[orderId]/route";
import * as orderShipments from "@/app/api/v1/orders/[orderId]/shipments/route";
import * as orders from "@/app/api/v1/orders/route";
import * as shipment from "@/app/api/v1/shipments/[shipmentId]/route";
import * as shipments from "@/app/api/v1/shipments/route";
import * as shop from "@/app/api/v1/shops/[platform]/route";
import * as shipmentNotifications from "@/app/api/v1/shipments/[shipmentId]/notifications/route";
import * as shipmentSubscriptions from "@/app/api/v1/shipments/[shipmentId]/subscriptions/route";
import * as privacyErasure from "@/app/api/v1/privacy/erasure/route";
import * as privacyExport from "@/app/api/v1/privacy/export/route";

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Response | Promise<Response>;
type RouteModule = Partial<Record<"GET" | "POST" | "PUT" | "PATCH" | "DELETE", Handler>>;

const ROUTES: [RegExp, string[], RouteModule][] = [
  [/^\/api\/v1\/orders$/, [], orders as unknown as RouteModule],
  [/^\/api\/v1\/orders\/([^/]+)$/, ["orderId"], order as unknown as RouteModule],
  [/^\/api\/v1\/orders\/([^/]+)\/shipments$/, ["orderId"], orderShipments as unknown as RouteModule],
  [/^\/api\/v1\/shipments$/, [], shipments as unknown as RouteModule],
  [/^\/api\/v1\/shipments\/([^/]+)$/, ["shipmentId"], shipment as unknown as RouteModule],
  [/^\/api\/v1\/shipments\/([^/]+)\/subscriptions$/, ["shipmentId"], shipmentSubscriptions as unknown as RouteModule],
  [/^\/api\/v1\/shipments\/([^/]+)\/notifications$/, ["shipmentId"], shipmentNotifications as unknown as RouteModule],
  [/^\/api\/v1\/connections$/, [], connections as unknown as RouteModule],
  [/^\/api\/v1\/connections\/([^/]+)$/, ["provider"], connection as unknown as RouteModule],
  [/^\/api\/v1\/shops\/([^/]+)$/, ["platform"], shop as unknown as RouteModule],
  [/^\/api\/v1\/branding$/, [], branding as unknown as RouteModule],
  [/^\/api\/v1\/openapi\.json$/, [], openapi as unknown as RouteModule],
  [/^\/api\/v1\/privacy\/erasure$/, [], privacyErasure as unknown as RouteModule],
  [/^\/api\/v1\/privacy\/export$/, [], privacyExport as unknown as RouteModule],
];

export interface ApiServer {
  url: string;
  close(): Promise<void>;
}

export async function serveApi(): Promise<ApiServer> {
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    for (const [pattern, names, module] of ROUTES) {
      const match = pattern.exec(url.pathname);
      if (!match) continue;
      const handler = module[req.method as keyof RouteModule];
      if (!handler) {
        res.writeHead(405).end();
        return;
      }
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
      const hasBody = req.method !== "GET" && req.method !== "HEAD";
      const request = new Request(url, {
        method: req.method,
        headers,
        body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined,
        duplex: "half",
      } as RequestInit);
      const params = Object.fromEntries(names.map((name, index) => [name, decodeURIComponent(match[index + 1]!)]));
      const response = await handler(request, { params: Promise.resolve(params) });
      // One request per connection: a handler that refuses a body unread must not poison a kept-alive socket.
      res.writeHead(response.status, { ...Object.fromEntries(response.headers), Connection: "close" });
      res.end(Buffer.from(await response.arrayBuffer()));
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** A small client for tests: JSON in, { status, headers, body } out. */
export function apiClient(baseUrl: string, key: string | null) {
  return async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${baseUrl}/api/v1${path}`, {
      method,
      headers: {
        ...(key ? { Authorization: `Bearer ${key}` } : {}),
        ...(body === undefined ? {} : { "Content-Type": "application/json" }),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = text;
    }
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return { status: response.status, headers: response.headers, body: parsed as any };
  };
}
