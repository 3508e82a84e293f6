/**
 * The production server's two doors to the webhook endpoint answer alike: the plain URL is answered by
 * scripts/serve.ts's fast lane (lib/webhooks/fast-lane.ts), and the same URL with a percent-encoded
 * letter in the merchant slug goes on to Next.js's route, which decodes it. Every request of the shared
 * set (tests/support/webhook-door-cases.ts) must get the same status, body and headers from both —
 * next.config.ts's security headers included — apart from framing (chunked vs Content-Length) and
 * Next.js's `Vary`.
 */
import { describe, expect, it } from "vitest";
import { comparable, doorCases, sendCase } from "../support/webhook-door-cases";
import { abuseContext } from "./support/context";

/** The slug with its first letter percent-encoded: a spelling the fast lane leaves to Next.js. */
const encodedSlug = (slug: string) => `%${slug.charCodeAt(0).toString(16).toUpperCase()}${slug.slice(1)}`;

describe("webhooks on the production server: the fast lane and the Next.js route answer alike", () => {
  for (const item of doorCases(abuseContext().secrets, "1Z999AA10123456784")) {
    it(item.name, async () => {
      const { baseUrl, merchantSlug } = abuseContext();
      const slug = item.slug ?? merchantSlug;
      const fast = await sendCase(baseUrl, `/api/webhooks/${item.provider}/${slug}`, item);
      const routed = await sendCase(baseUrl, `/api/webhooks/${item.provider}/${encodedSlug(slug)}`, item);
      // The two requests really took different doors: Next.js adds its router's Vary and sends chunked.
      expect(fast.headers.get("vary")).toBeNull();
      expect(fast.headers.get("content-length")).not.toBeNull();
      expect(routed.headers.get("vary")).toMatch(/next-router-state-tree/);
      const [viaFastLane, viaRoute] = [await comparable(fast), await comparable(routed)];
      expect(viaFastLane).toEqual(viaRoute);
      expect(viaFastLane.status).toBeLessThan(500);
      expect(viaFastLane.headers["content-security-policy"]).toBeTruthy();
    });
  }
});
