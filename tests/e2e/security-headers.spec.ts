import { expect, test } from "@playwright/test";
import { demo } from "./support/demo";

/**
 * Every response carries the baseline security headers (next.config.ts, lib/http/security-headers.ts);
 * shopper pages keep their own stricter, hash- or nonce-based CSP and no-referrer instead.
 */
test("every page and API answer carries CSP frame-ancestors 'none', nosniff and a Referrer-Policy", async ({ request }) => {
  for (const path of ["/", "/console/sign-in", "/console", "/alerts/unsubscribe?token=nope", "/alerts/confirm?token=nope", "/api/health", "/api/v1/orders", "/no-such-page"]) {
    const response = await request.get(path, { maxRedirects: 0 });
    const headers = response.headers();
    expect(headers["content-security-policy"], path).toContain("frame-ancestors 'none'");
    expect(headers["content-security-policy"], path).toContain("object-src 'none'");
    expect(headers["x-content-type-options"], path).toBe("nosniff");
    expect(headers["referrer-policy"], path).toBe("same-origin");
  }
});

test("tracking and lookup pages keep their own strict CSP", async ({ request }) => {
  const seeded = demo();
  for (const [path, script] of [[`/t/${seeded.shipments[0]!.token}`, /script-src 'self' 'sha256-/], ["/northwind/lookup", /script-src 'self' 'sha256-/]] as const) {
    const response = await request.get(path);
    const csp = response.headers()["content-security-policy"] ?? "";
    expect(csp, path).toMatch(script);
    expect(csp, path).not.toContain("unsafe-inline");
    expect(csp, path).toContain("frame-ancestors 'none'");
    expect(response.headers()["referrer-policy"], path).toBe("no-referrer");
  }
});
