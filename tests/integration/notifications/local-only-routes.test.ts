/**
 * The two routes that exist only on a developer's machine or a benchmark run, over real HTTP with the
 * client address stamped as scripts/serve.ts stamps it:
 * - /dev/outbox (every alert and sign-in link sent): only with DEV_OUTBOX and the file transports (no
 *   SMTP_URL, no Twilio), and only to a client on this machine;
 * - /api/noop (bench:ingest's baseline): only with BENCH_NOOP=1, reading the body with the webhook limit.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { reloadEnv } from "../../../lib/env";
import { stampClientAddress } from "../../../lib/lookup/client-ip";
import { MAX_WEBHOOK_BYTES } from "../../../lib/webhooks/receive-webhook";

const current = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", () => ({ headers: async () => current.headers }));

const { default: DevOutboxPage, generateMetadata } = await import("../../../app/dev/outbox/page");
const { POST: noop } = await import("../../../app/api/noop/route");

const ENV_KEYS = ["DEV_OUTBOX", "SMTP_URL", "TWILIO_ACCOUNT_SID", "BENCH_NOOP"] as const;

function setEnv(values: Partial<Record<(typeof ENV_KEYS)[number], string>>) {
  for (const key of ENV_KEYS) {
    if (values[key] === undefined) delete process.env[key];
    else process.env[key] = values[key];
  }
  reloadEnv();
}

describe("local-only routes", () => {
  let server: http.Server;
  let base = "";
  let hops = 0;

  beforeAll(async () => {
    server = http.createServer(async (req, res) => {
      stampClientAddress(req, hops); // what scripts/serve.ts does before Next.js sees the request
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      if (url.pathname === "/dev/outbox") {
        current.headers = headers;
        try {
          await DevOutboxPage({ searchParams: Promise.resolve({}) });
          res.writeHead(200).end("Dev outbox");
        } catch (error) {
          const digest = String((error as { digest?: string }).digest ?? error);
          res.writeHead(/;404$/.test(digest) ? 404 : 500).end(digest);
        }
        return;
      }
      if (url.pathname === "/api/noop" && req.method === "POST") {
        const response = await noop(new Request(url, { method: "POST", headers, body: Readable.toWeb(req) as ReadableStream<Uint8Array>, duplex: "half" } as RequestInit));
        res.writeHead(response.status, { connection: "close" }).end(Buffer.from(await response.arrayBuffer()));
        return;
      }
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  beforeEach(() => {
    hops = 0;
  });
  afterAll(async () => {
    setEnv({});
    await new Promise((resolve) => server.close(resolve));
  });

  const outbox = async (headers: Record<string, string> = {}) => (await fetch(`${base}/dev/outbox`, { headers })).status;

  it("/dev/outbox: absent unless DEV_OUTBOX is on, even for this machine", async () => {
    setEnv({});
    expect(await outbox()).toBe(404);
    setEnv({ DEV_OUTBOX: "false" });
    expect(await outbox()).toBe(404);
    setEnv({ DEV_OUTBOX: "1" });
    expect(await outbox()).toBe(200);
    expect((await generateMetadata()).title).toBe("Dev outbox · Parcelpage"); // the last request's (loopback) headers
  });

  it("/dev/outbox: absent once real SMTP or Twilio is configured, DEV_OUTBOX or not", async () => {
    setEnv({ DEV_OUTBOX: "1", SMTP_URL: "smtp://127.0.0.1:2525" });
    expect(await outbox()).toBe(404);
    setEnv({ DEV_OUTBOX: "1", TWILIO_ACCOUNT_SID: "AC0123456789abcdef0123456789abcdef" });
    expect(await outbox()).toBe(404);
  });

  it("/dev/outbox: only for a client on this machine; a remote visitor behind the trusted proxy, or a claimed address, gets nothing", async () => {
    setEnv({ DEV_OUTBOX: "1" });
    hops = 1; // behind one trusted proxy: the address it saw is the client's
    expect(await outbox({ "X-Forwarded-For": "203.0.113.9" })).toBe(404);
    expect(await outbox({ "X-Forwarded-For": "127.0.0.1, 203.0.113.9" })).toBe(404); // the client wrote the left part
    hops = 0; // no proxy trusted: X-Forwarded-For is ignored, the socket (loopback here) decides
    expect(await outbox({ "X-Forwarded-For": "203.0.113.9" })).toBe(200);
    // A request that did not come through our server carries no sealed stamp: refused.
    current.headers = new Headers({ "x-parcelpage-client-ip": "127.0.0.1", "x-parcelpage-client-seal": "guess" });
    await expect(DevOutboxPage({ searchParams: Promise.resolve({}) })).rejects.toMatchObject({ digest: expect.stringMatching(/;404$/) });
    // Its 404 carries the page's metadata: no title that would tell this path from any unknown one.
    expect(await generateMetadata()).toEqual({ robots: { index: false, follow: false } });
  });

  it("/api/noop: 404 unless BENCH_NOOP=1; then it reads the body under the webhook limit and answers", async () => {
    const post = async (body: string) => {
      const response = await fetch(`${base}/api/noop`, { method: "POST", body, headers: { "content-type": "application/json" } });
      return { status: response.status, text: await response.text() };
    };
    for (const value of [undefined, "0", "true", "yes"]) {
      setEnv({ BENCH_NOOP: value });
      expect(await post("{}"), `BENCH_NOOP=${value}`).toEqual({ status: 404, text: "" });
    }
    setEnv({ BENCH_NOOP: "1" });
    expect(await post('{"a":1}')).toEqual({ status: 200, text: '{"received":true}' });
    const tooBig = await post("x".repeat(MAX_WEBHOOK_BYTES + 1));
    expect(tooBig.status).toBe(413);
  });
});
