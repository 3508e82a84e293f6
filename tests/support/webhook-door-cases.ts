/**
 * One set of webhook requests for comparing the two doors of POST /api/webhooks/{provider}/{slug}: the
 * fast lane in scripts/serve.ts (lib/webhooks/fast-lane.ts) and the Next.js route. Recorded provider
 * fixtures, signed as each provider signs, and the hostile ones: bad signatures, unknown provider and
 * merchant, oversized (declared and chunked), invalid UTF-8, NUL, not JSON, empty.
 */
import { readFileSync } from "node:fs";
import type { Provider } from "../../lib/carriers/types";
import { signAfterShip, signEasyPost, signGeneric } from "../integration/support/webhook-signing";

export interface DoorCase {
  name: string;
  provider: string;
  /** Defaults to the merchant's slug. */
  slug?: string;
  query?: string;
  headers: Record<string, string>;
  body: Uint8Array;
  /** Sent as a stream (chunked, no Content-Length). */
  chunked?: boolean;
}

const fixture = (name: string) => readFileSync(`tests/fixtures/carriers/${name}`);
const encoder = new TextEncoder();

function signedHeaders(provider: Provider, bytes: Uint8Array, secret: string): Record<string, string> {
  // The server verifies the body as decoded text (invalid UTF-8 becomes U+FFFD), so that is what is signed.
  const text = Buffer.from(bytes).toString("utf8");
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (provider === "generic") headers["parcelpage-signature"] = signGeneric(text, secret);
  if (provider === "easypost") headers["x-hmac-signature"] = signEasyPost(text, secret);
  if (provider === "aftership") headers["aftership-hmac-sha256"] = signAfterShip(text, secret);
  return headers;
}

export function doorCases(secrets: Record<Provider, string>, trackingNumber: string): DoorCase[] {
  const generic = (events: unknown[]) => encoder.encode(JSON.stringify({ carrier: "ups", trackingNumber, events }));
  const scan = { status: "IN_TRANSIT", description: "Arrived at facility", occurredAt: "2026-11-28T09:15:00-06:00", location: { city: "Chicago", region: "IL" } };
  const signed = (name: string, provider: Provider, body: Uint8Array, extra: Partial<DoorCase> = {}): DoorCase => ({
    name, provider, body, headers: signedHeaders(provider, body, secrets[provider]),
    ...(provider === "shippo" ? { query: `token=${encodeURIComponent(secrets.shippo)}` } : {}),
    ...extra,
  });
  const validGeneric = generic([scan]);
  const invalidUtf8 = new Uint8Array([...encoder.encode(`{"carrier":"ups","trackingNumber":"${trackingNumber}","events":[{"status":"IN_TRANSIT","description":"`), 0xc3, 0x28, 0xff, ...encoder.encode(`","occurredAt":"2026-11-28T09:15:00-06:00"}]}`)]);
  const oversized = new Uint8Array(1024 * 1024 + 1).fill(0x20);
  return [
    signed("generic: a valid delivery", "generic", validGeneric),
    signed("easypost: tracker.updated (fedex fixture)", "easypost", fixture("easypost-tracker-updated-event-fedex.json")),
    signed("easypost: tracker.updated (ups delivered fixture)", "easypost", fixture("easypost-tracker-updated-event-ups-delivered.json")),
    signed("easypost: a tracker object, not an event", "easypost", fixture("easypost-tracker-object-usps-pre-transit.json")),
    signed("aftership: tracking_update fixture", "aftership", fixture("aftership-tracking-update-2026-07-trimmed.json")),
    signed("shippo: track_updated fixture, URL token", "shippo", fixture("shippo-track-updated-openapi-example.json")),
    signed("shippo: wrong URL token", "shippo", fixture("shippo-track-updated-openapi-example.json"), { query: "token=not-the-token" }),
    { ...signed("generic: bad signature", "generic", validGeneric), headers: { "content-type": "application/json", "parcelpage-signature": signGeneric(Buffer.from(validGeneric).toString(), "not-the-secret") } },
    { ...signed("generic: a signature 6 minutes old", "generic", validGeneric), headers: { "content-type": "application/json", "parcelpage-signature": signGeneric(Buffer.from(validGeneric).toString(), secrets.generic, new Date(Date.now() - 6 * 60_000)) } },
    { ...signed("easypost: bad signature", "easypost", fixture("easypost-tracker-updated-event-fedex.json")), headers: { "content-type": "application/json", "x-hmac-signature": "hmac-sha256-hex=00" } },
    { ...signed("aftership: no signature", "aftership", fixture("aftership-tracking-update-2026-07-trimmed.json")), headers: { "content-type": "application/json" } },
    { ...signed("unknown provider (a UPS fixture)", "generic", fixture("ups-trackalert-delivered.json")), provider: "ups" },
    signed("unknown merchant", "generic", validGeneric, { slug: "no-such-shop" }),
    signed("over 1 MB, declared in Content-Length", "generic", oversized),
    signed("over 1 MB, chunked (no Content-Length)", "generic", oversized, { chunked: true }),
    signed("a valid delivery, chunked", "generic", validGeneric, { chunked: true }),
    signed("invalid UTF-8 inside a string", "generic", invalidUtf8),
    signed("NUL escaped in a string", "generic", generic([{ ...scan, description: "Arrived\u0000" }])),
    signed("a raw NUL byte", "generic", new Uint8Array([...validGeneric.slice(0, 10), 0, ...validGeneric.slice(10)])),
    signed("not JSON", "generic", encoder.encode("carrier=ups&status=delivered")),
    signed("an empty body", "generic", new Uint8Array()),
    signed("events out of range (more than 100)", "generic", generic(Array.from({ length: 101 }, () => scan))),
  ];
}

/** The request as fetch sends it, to `base` with the URL's path spelled by `path`. */
export function sendCase(base: string, path: string, item: DoorCase): Promise<Response> {
  const body = item.chunked
    ? new ReadableStream<Uint8Array>({
        start(controller) {
          for (let at = 0; at < item.body.byteLength; at += 64 * 1024) controller.enqueue(item.body.slice(at, at + 64 * 1024));
          controller.close();
        },
      })
    : item.body;
  return fetch(`${base}${path}${item.query ? `?${item.query}` : ""}`, {
    method: "POST",
    headers: item.headers,
    body,
    ...(item.chunked ? { duplex: "half" } : {}),
  } as RequestInit);
}

/** Headers that only frame the message or key caches, and differ by design between the doors (lib/http/write-json-answer.ts). */
const FRAMING = new Set(["date", "connection", "keep-alive", "transfer-encoding", "content-length", "content-encoding", "vary"]);

export interface ComparableAnswer {
  status: number;
  body: string;
  headers: Record<string, string>;
}

/** Status, body (a delivery id replaced: each request stores its own row) and every header but framing. */
export async function comparable(response: Response): Promise<ComparableAnswer> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (!FRAMING.has(name)) headers[name] = value;
  });
  const body = (await response.text()).replace(/"deliveryId":"[0-9a-f-]{36}"/, '"deliveryId":"…"');
  return { status: response.status, body, headers };
}
