/**
 * The client address over real sockets: a node:http server stamps each request the way scripts/serve.ts
 * does, and answers what the app would count (clientIp) and whether /dev/outbox would show.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { devOutboxAllowed } from "@/lib/dev/outbox-gate";
import { reloadEnv } from "@/lib/env";
import { CLIENT_IP_HEADER, clientIp, resolveClientAddress, stampClientAddress } from "@/lib/lookup/client-ip";

let hops = 0;
let seen: Record<string, string | string[] | undefined> = {};
const server = http.createServer((request, response) => {
  stampClientAddress(request, hops);
  seen = { ...request.headers };
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) if (typeof value === "string") headers.set(name, value);
  response.end(JSON.stringify({ ip: clientIp(headers), outbox: devOutboxAllowed(headers) }));
});
let base = "";

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
afterEach(() => {
  delete process.env.DEV_OUTBOX;
  delete process.env.SMTP_URL;
  reloadEnv();
});

async function ask(headers: Record<string, string> = {}) {
  const response = await fetch(base, { headers });
  return (await response.json()) as { ip: string; outbox: boolean };
}

describe("client address (TRUST_PROXY_HOPS)", () => {
  it("uses the socket address by default and ignores X-Forwarded-For entirely", async () => {
    hops = 0;
    expect((await ask()).ip).toBe("127.0.0.1");
    expect((await ask({ "X-Forwarded-For": "203.0.113.9" })).ip).toBe("127.0.0.1");
    expect((await ask({ "X-Forwarded-For": "198.51.100.7, 203.0.113.9" })).ip).toBe("127.0.0.1");
  });

  it("takes the N-th entry from the right behind N trusted proxies", async () => {
    hops = 1;
    expect((await ask({ "X-Forwarded-For": "198.51.100.7, 203.0.113.9" })).ip).toBe("203.0.113.9");
    hops = 2;
    expect((await ask({ "X-Forwarded-For": "6.6.6.6, 198.51.100.7, 203.0.113.9" })).ip).toBe("198.51.100.7");
    // A shorter chain did not come through the proxies: the socket it came from.
    expect((await ask({ "X-Forwarded-For": "203.0.113.9" })).ip).toBe("127.0.0.1");
    hops = 1;
    expect((await ask()).ip).toBe("127.0.0.1");
    expect((await ask({ "X-Forwarded-For": "::ffff:192.0.2.4" })).ip).toBe("192.0.2.4");
    expect((await ask({ "X-Forwarded-For": "[2001:db8::1]:443" })).ip).toBe("2001:db8::1");
  });

  it("never believes a stamp the client wrote itself", async () => {
    hops = 0;
    const forged = await ask({ [CLIENT_IP_HEADER]: "203.0.113.77", "x-parcelpage-client-seal": "guess" });
    expect(forged.ip).toBe("127.0.0.1");
    expect(clientIp(new Headers({ [CLIENT_IP_HEADER]: "203.0.113.77", "x-forwarded-for": "203.0.113.77" }))).toBe("unknown");
  });

  it("keeps the original client's stamp on our own loopback replay (a form POST forwarded by the proxy)", async () => {
    hops = 1;
    await ask({ "X-Forwarded-For": "203.0.113.9" });
    const replayHeaders = Object.fromEntries(Object.entries(seen).filter(([name]) => name.startsWith("x-parcelpage-"))) as Record<string, string>;
    expect((await ask(replayHeaders)).ip).toBe("203.0.113.9");
  });

  it("normalizes addresses and marks what is not one", () => {
    expect(resolveClientAddress("::ffff:10.0.0.1", undefined, 0)).toBe("10.0.0.1");
    expect(resolveClientAddress("10.0.0.1", "not-an-ip", 1)).toBe("invalid:not-an-ip");
    expect(resolveClientAddress(undefined, undefined, 0)).toBe("unknown");
  });
});

describe("/dev/outbox gate", () => {
  it("shows the outbox to loopback clients of the local demo only", async () => {
    hops = 1;
    expect((await ask()).outbox).toBe(false); // DEV_OUTBOX unset
    process.env.DEV_OUTBOX = "1";
    reloadEnv();
    expect((await ask()).outbox).toBe(true);
    expect((await ask({ "X-Forwarded-For": "203.0.113.5" })).outbox).toBe(false);
    process.env.SMTP_URL = "smtp://mail.example:25";
    reloadEnv();
    expect((await ask()).outbox).toBe(false);
  });
});
