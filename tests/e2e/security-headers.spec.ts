import { expect, test, type Page } from "@playwright/test";
import { addConsoleUser, signIn } from "./support/console";
import { demo } from "./support/demo";

/**
 * Every CSP refusal a page meets, both ways a browser reports one: the securitypolicyviolation event (from
 * the first script of every document) and the console line (Chromium 156: "Applying inline style violates
 * the following Content Security Policy directive 'style-src 'self''…", checked on a style attribute;
 * older ones: "Refused to apply inline style…").
 */
async function watchCsp(page: Page): Promise<{ events: () => Promise<string[]>; console: string[] }> {
  const console: string[] = [];
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      (window as unknown as { violations: string[] }).violations ??= [];
      (window as unknown as { violations: string[] }).violations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sample}`);
    });
  });
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to (apply|execute|load)/i.test(message.text())) console.push(message.text());
  });
  return { console, events: () => page.evaluate(() => (window as unknown as { violations?: string[] }).violations ?? []) };
}

/** The console's and /alerts pages' style-src: this origin's stylesheets only (no inline style, no nonce). */
function expectStrictStyles(csp: string, path: string) {
  expect(/style-src ([^;]*)/.exec(csp)?.[1], path).toBe("'self'");
}

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

test("console and /alerts pages run scripts only by a per-request nonce, allow no inline style, and Next.js boots under it", async ({ page }) => {
  const csp = await watchCsp(page);
  const nonces = new Set<string>();
  for (const path of ["/console/sign-in", "/console/sign-in", "/alerts/unsubscribe?token=nope", "/alerts/confirm?token=nope"]) {
    const response = await page.goto(path);
    const policy = (await response!.allHeaders())["content-security-policy"] ?? "";
    const scriptSrc = /script-src ([^;]*)/.exec(policy)?.[1] ?? "";
    expect(scriptSrc, path).toMatch(/'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(scriptSrc, path).not.toContain("unsafe-inline");
    expectStrictStyles(policy, path);
    expect(policy, path).toContain("frame-ancestors 'none'");
    nonces.add(/'nonce-([^']+)'/.exec(scriptSrc)![1]!);
    // Next.js's client runtime ran (window.next is set when it boots): its scripts carried the nonce.
    await page.waitForFunction(() => Boolean((window as unknown as { next?: { version?: string } }).next?.version), undefined, { timeout: 10_000 });
    expect(await csp.events(), path).toEqual([]);
  }
  expect(nonces.size).toBe(4); // fresh for every request
  expect(csp.console).toEqual([]);
});

test("the signed-in console refuses no style of its own: the branding preview and the email snippet are coloured through the CSSOM", async ({ page }) => {
  const csp = await watchCsp(page);
  await signIn(page, await addConsoleUser("owner"));
  // Full page loads…
  for (const path of ["/console/shipments", "/console/analytics", "/console/branding", "/console/integration"]) {
    const response = await page.goto(path);
    expectStrictStyles((await response!.allHeaders())["content-security-policy"] ?? "", path);
    await page.waitForFunction(() => Boolean((window as unknown as { next?: { version?: string } }).next?.version), undefined, { timeout: 10_000 });
    expect(await csp.events(), path).toEqual([]);
  }
  // …and the client router's navigations, which render into a document whose policy came with the first load.
  await page.goto("/console/shipments");
  const order = page.locator('a[href^="/console/orders/"]').first();
  await order.click();
  await expect(page).toHaveURL(/\/console\/orders\//);
  await page.getByRole("link", { name: "Branding" }).click();
  await expect(page).toHaveURL(/\/console\/branding/);

  // The preview takes the saved colour on load and follows the field as you type.
  const band = page.getByTestId("preview-band");
  await expect(band).not.toHaveCSS("background-color", "rgba(0, 0, 0, 0)");
  await page.getByLabel("Brand colour", { exact: true }).fill("#0f766e");
  await expect(band).toHaveCSS("background-color", "rgb(15, 118, 110)");
  await page.getByLabel("Message on every tracking page").fill("Holiday hours: we ship Mondays.");
  // The note's tint is the brand colour at 10 %.
  await expect(page.getByLabel("Live preview").getByText("Holiday hours: we ship Mondays.")).toHaveCSS("background-color", /\/ 0\.1\)$/);

  await page.getByRole("link", { name: "Integration" }).click();
  await expect(page).toHaveURL(/\/console\/integration/);
  // The snippet's own inline styles, applied: a rounded, padded, unlined button (a refused style attribute would leave a plain link).
  const button = page.getByLabel("Snippet preview").getByRole("link", { name: "Track package" });
  await expect(button).toHaveCSS("border-top-left-radius", "6px");
  await expect(button).toHaveCSS("padding-left", "28px");
  await expect(button).toHaveCSS("text-decoration-line", "none");

  expect(await csp.events()).toEqual([]);
  expect(csp.console).toEqual([]);
});
