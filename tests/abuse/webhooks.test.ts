import { readFileSync } from "node:fs";
import fc from "fast-check";
import { afterAll, beforeAll, describe, it } from "vitest";
import type { Provider } from "../../lib/carriers/types";
import { signAfterShip, signEasyPost, signGeneric } from "../integration/support/webhook-signing";
import { abuseContext } from "./support/context";
import { mutated, rawBytes, rawJsonText } from "./support/hostile";
import { closeDatabase, expectHealthy, flushFigures, probe, runProperty, snapshot } from "./support/probe";

const fixture = (name: string) => JSON.parse(readFileSync(`tests/fixtures/carriers/${name}`, "utf8")) as object;
const STRUCTURED_RUNS = Number(process.env.ABUSE_RUNS ?? 1) * 170;
const RAW_RUNS = Number(process.env.ABUSE_RUNS ?? 1) * 40;

/** Signed exactly as each provider signs: the hostile body always gets past the signature check. */
function signed(provider: Provider, bytes: Uint8Array) {
  const { merchantSlug, secrets } = abuseContext();
  // The server verifies the body as decoded text (invalid UTF-8 becomes U+FFFD), so that is what is signed.
  const text = Buffer.from(bytes).toString("utf8");
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (provider === "generic") headers["Parcelpage-Signature"] = signGeneric(text, secrets.generic);
  if (provider === "easypost") headers["X-Hmac-Signature"] = signEasyPost(text, secrets.easypost);
  if (provider === "aftership") headers["aftership-hmac-sha256"] = signAfterShip(text, secrets.aftership);
  const query = provider === "shippo" ? `?token=${encodeURIComponent(secrets.shippo)}` : "";
  return { method: "POST", path: `/api/webhooks/${provider}/${merchantSlug}${query}`, headers, body: bytes };
}

describe("abuse: the four webhook endpoints, validly signed, hostile bodies", () => {
  let trackingNumber = "1Z999AA10123456784";

  beforeAll(async () => {
    await snapshot();
    const { Client } = (await import("pg")).default;
    const client = new Client({ connectionString: abuseContext().databaseUrl });
    await client.connect();
    const { rows } = await client.query(`SELECT s."trackingNumber" FROM "Shipment" s JOIN "Merchant" m ON m."id" = s."merchantId" WHERE m."slug" = $1 LIMIT 1`, [abuseContext().merchantSlug]);
    await client.end();
    trackingNumber = (rows[0]?.trackingNumber as string | undefined) ?? trackingNumber;
  });
  afterAll(async () => {
    flushFigures();
    await closeDatabase();
  });

  const valid: () => Record<Provider, object> = () => ({
    generic: {
      carrier: "ups",
      trackingNumber,
      carrierEstimate: "2026-12-10",
      events: [{ status: "IN_TRANSIT", description: "Arrived at facility", occurredAt: new Date(Date.now() - 3_600_000).toISOString(), location: { city: "Chicago", region: "IL" } }],
    },
    easypost: fixture("easypost-tracker-updated-event-fedex.json"),
    aftership: fixture("aftership-tracking-update-2026-07-trimmed.json"),
    shippo: fixture("shippo-track-updated-openapi-example.json"),
  });

  for (const provider of ["generic", "easypost", "aftership", "shippo"] as const) {
    it(`${provider}: one field at a time replaced by a hostile value`, async () => {
      const encoder = new TextEncoder();
      await runProperty(mutated(valid()[provider]), STRUCTURED_RUNS, (body) =>
        probe(`webhook ${provider}`, signed(provider, encoder.encode(JSON.stringify(body))), { storesRefusedDelivery: true }),
      );
      await expectHealthy();
    });

    it(`${provider}: raw bodies (deep nesting, broken JSON, invalid UTF-8, over the size limit)`, async () => {
      const encoder = new TextEncoder();
      const bodies = fc.oneof(
        { weight: 5, arbitrary: rawJsonText.map((text) => encoder.encode(text)) },
        { weight: 4, arbitrary: rawBytes },
        { weight: 1, arbitrary: fc.constant(new Uint8Array(1024 * 1024 + 1).fill(0x20)) },
      );
      await runProperty(bodies, RAW_RUNS, (bytes) => probe(`webhook ${provider} raw`, signed(provider, bytes), { storesRefusedDelivery: true }));
      await expectHealthy();
    });
  }
});
