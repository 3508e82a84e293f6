/**
 * Serves the real webhook route handler over real HTTP on loopback, so tests send bytes and headers
 * exactly as a provider would (body limits, header casing, query strings), without a Next.js build.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { POST } from "@/app/api/webhooks/[provider]/[merchant]/route";
import { processPendingDeliveries } from "@/lib/webhooks/process-pending";

export interface WebhookServer {
  url: string;
  close(): Promise<void>;
}

/**
 * `process: "after-each"` (the default) plays the worker deterministically: once a delivery is accepted
 * (202), the pending deliveries are processed before the answer reaches the test, so a test reads their
 * effects right after the response. `"manual"` leaves them pending (the test calls processPendingDeliveries).
 */
export async function serveWebhooks(options: { process?: "after-each" | "manual" } = {}): Promise<WebhookServer> {
  const processAfterEach = (options.process ?? "after-each") === "after-each";
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const match = /^\/api\/webhooks\/([^/]+)\/([^/]+)$/.exec(url.pathname);
    if (!match || req.method !== "POST") {
      res.writeHead(404).end();
      return;
    }
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
    const request = new Request(url, {
      method: "POST",
      headers,
      body: Readable.toWeb(req) as ReadableStream<Uint8Array>,
      duplex: "half",
    } as RequestInit);
    const response = await POST(request, { params: Promise.resolve({ provider: match[1]!, merchant: match[2]! }) });
    if (processAfterEach && response.status === 202) await processPendingDeliveries();
    // A refused oversized body is left unread: close the connection so the client does not reuse it.
    const connection = req.complete ? {} : { connection: "close" };
    res.writeHead(response.status, { ...Object.fromEntries(response.headers), ...connection });
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
