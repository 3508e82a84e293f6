import { randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { isIP } from "node:net";

/**
 * The client address, for rate limits only: the one place it is worked out.
 *
 * Next.js 16 gives route handlers, server actions and the proxy no socket address (NextRequest.ip is
 * gone), and `next start` only fills X-Forwarded-For with the socket address when the client sent none
 * (`??=`): a client that sends its own header chooses its address. So our server (scripts/serve.ts)
 * stamps every request, before Next.js sees it, with the address worked out from the socket and
 * TRUST_PROXY_HOPS, plus a per-process seal that no client can know. Handlers read only a sealed stamp:
 * - TRUST_PROXY_HOPS=0 (default): the socket address; X-Forwarded-For is ignored entirely;
 * - TRUST_PROXY_HOPS=N: the N-th X-Forwarded-For entry from the right (each trusted proxy appends the
 *   address it saw; anything further left was written by the client). A chain shorter than N means the
 *   request did not come through the proxies: the socket address is used.
 * Our own loopback replays (proxy-routes.ts forwarding a form POST) carry the original stamp and seal,
 * and keep them.
 */
export const CLIENT_IP_HEADER = "x-parcelpage-client-ip";
const SEAL_HEADER = "x-parcelpage-client-seal";
const SEAL_KEY = Symbol.for("parcelpage.client-ip-seal");

/** Shared by the server and the bundled handlers of one process through the global symbol registry. */
function processSeal(): Buffer {
  const store = globalThis as { [SEAL_KEY]?: Buffer };
  return (store[SEAL_KEY] ??= Buffer.from(randomBytes(24).toString("hex")));
}

function sealed(value: string | null | undefined): boolean {
  const given = Buffer.from(value ?? "");
  const seal = processSeal();
  return given.length === seal.length && timingSafeEqual(given, seal);
}

function normalize(address: string): string {
  const bare = address.trim().replace(/^\[([^\]]+)\](?::\d+)?$/, "$1").replace(/^::ffff:(?=\d+\.)/, "");
  // An IPv4 "address:port" some proxies write.
  const withoutPort = /^\d+\.\d+\.\d+\.\d+:\d+$/.test(bare) ? bare.replace(/:\d+$/, "") : bare;
  return (isIP(withoutPort) ? withoutPort : `invalid:${withoutPort}`).slice(0, 64);
}

/** The client address from the socket's peer, the X-Forwarded-For received, and the trusted hops. */
export function resolveClientAddress(socketAddress: string | undefined, forwardedFor: string | undefined, hops: number): string {
  const socket = socketAddress ? normalize(socketAddress) : "unknown";
  if (hops <= 0) return socket;
  const chain = (forwardedFor ?? "").split(",").map((part) => part.trim()).filter(Boolean);
  const entry = chain.length >= hops ? chain[chain.length - hops] : undefined;
  return entry ? normalize(entry) : socket;
}

const LOOPBACK = /^(127\.|::1$|::ffff:127\.)/;

/** Called by our HTTP server for every request, before Next.js: writes the sealed stamp. */
export function stampClientAddress(request: IncomingMessage, hops: number): void {
  const headers = request.headers;
  const remote = request.socket.remoteAddress;
  const replay = LOOPBACK.test(remote ?? "") && sealed(headerValue(headers[SEAL_HEADER])) && typeof headers[CLIENT_IP_HEADER] === "string";
  if (replay) return;
  const forwarded = headers["x-forwarded-for"];
  headers[CLIENT_IP_HEADER] = resolveClientAddress(remote, Array.isArray(forwarded) ? forwarded.join(",") : forwarded, hops);
  headers[SEAL_HEADER] = processSeal().toString();
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The stamped client address, or "unknown" when the request did not pass through scripts/serve.ts (then
 * every such client shares one counter: stricter, never looser).
 */
export function clientIp(headers: Headers): string {
  if (!sealed(headers.get(SEAL_HEADER))) return "unknown";
  return headers.get(CLIENT_IP_HEADER) ?? "unknown";
}
