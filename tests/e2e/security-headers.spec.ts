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

test("console and /alerts pages run scripts only by a per-request nonce, and Next.js boots under it", async ({ page }) => {
  const violations: string[] = [];
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      (window as unknown as { violations: string[] }).violations ??= [];
      (window as unknown as { violations: string[] }).violations.push(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  const nonces = new Set<string>();
  for (const path of ["/console/sign-in", "/console/sign-in", "/alerts/unsubscribe?token=nope", "/alerts/confirm?token=nope"]) {
    const response = await page.goto(path);
    const csp = (await response!.allHeaders())["content-security-policy"] ?? "";
    const scriptSrc = /script-src ([^;]*)/.exec(csp)?.[1] ?? "";
    expect(scriptSrc, path).toMatch(/'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(scriptSrc, path).not.toContain("unsafe-inline");
    expect(csp, path).toContain("frame-ancestors 'none'");
    nonces.add(/'nonce-([^']+)'/.exec(scriptSrc)![1]!);
    // Next.js's client runtime ran (window.next is set when it boots): its scripts carried the nonce.
    await page.waitForFunction(() => Boolean((window as unknown as { next?: { version?: string } }).next?.version), undefined, { timeout: 10_000 });
    expect(await page.evaluate(() => (window as unknown as { violations?: string[] }).violations ?? []), path).toEqual([]);
  }
  expect(nonces.size).toBe(4); // fresh for every request
  expect(violations).toEqual([]);
});
