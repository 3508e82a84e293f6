import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { abuseContext } from "./support/context";
import { formBody, formFields } from "./support/forms";
import { brokenMultipart, hostileText, rawBytes } from "./support/hostile";
import { closeDatabase, expectHealthy, flushFigures, probe, runProperty, storedControlCharacters, snapshot } from "./support/probe";

const RUNS = Number(process.env.ABUSE_RUNS ?? 1);

/** Hostile text, or now and then the field's own valid value, so later checks in the action are reached too. */
const fieldValue = (valid: string) => fc.oneof({ weight: 4, arbitrary: hostileText }, { weight: 1, arbitrary: fc.constant(valid) });

/**
 * The console: the public sign-in form, and every console form posted by a signed-in owner (the real server
 * actions, reached through the fields a browser without JavaScript posts). Ids are only ever hostile, so no
 * probe can remove the owner or end the session it runs on; "Sign out" is left out for the same reason.
 */
describe("abuse: the console sign-in form and the console's actions with a valid session", () => {
  const signedIn = () => ({ cookie: abuseContext().console.cookie });
  const forms: Record<string, [string, string][]> = {};
  const orderPath = () => `/console/orders/${abuseContext().console.orderId}`;

  beforeAll(async () => {
    await snapshot();
    const has = (...needles: string[]) => (html: string) => needles.every((needle) => html.includes(needle));
    forms.signIn = await formFields("/console/sign-in", has('name="email"'));
    forms.createKey = await formFields("/console/integration", has('name="name"'), signedIn());
    forms.revokeKey = await formFields("/console/integration", has(">Revoke<"), signedIn());
    forms.connection = await formFields("/console/integration", has('name="provider"', 'value="generic"'), signedIn());
    forms.invite = await formFields("/console/integration", has('name="role"'), signedIn());
    forms.shop = await formFields("/console/integration", has('name="shopDomain"', 'value="shopify"'), signedIn());
    forms.signOutEverywhere = await formFields("/console/integration", has("Sign out everywhere"), signedIn());
    forms.remove = await formFields("/console/integration", has(">Remove "), signedIn());
    forms.branding = await formFields("/console/branding", has('name="brandColor"'), signedIn());
    forms.sendLink = await formFields(orderPath(), has('name="shipmentId"'), signedIn());
  });
  afterAll(async () => {
    flushFigures();
    expect(await storedControlCharacters()).toEqual([]);
    await closeDatabase();
  });

  it("the sign-in form (public) with hostile addresses", async () => {
    await runProperty(fieldValue("nobody@example.com"), 150 * RUNS, (email) =>
      probe("console sign-in", { method: "POST", path: "/console/sign-in", body: formBody(forms.signIn!, { email }) as never }),
    );
    await expectHealthy();
  });

  it("every console form, signed in, with hostile field values", async () => {
    const cases = fc.oneof(
      fc.record({ form: fc.constant("createKey"), path: fc.constant("/console/integration"), values: fc.record({ name: fieldValue("fuzzed key") }) }),
      fc.record({ form: fc.constant("revokeKey"), path: fc.constant("/console/integration"), values: fc.record({ id: hostileText }) }),
      fc.record({
        form: fc.constant("connection"),
        path: fc.constant("/console/integration"),
        values: fc.record({ provider: fieldValue("generic"), secret: fieldValue("a-long-enough-console-secret") }),
      }),
      fc.record({ form: fc.constant("invite"), path: fc.constant("/console/integration"), values: fc.record({ email: hostileText, role: fieldValue("agent") }) }),
      fc.record({
        form: fc.constant("shop"),
        path: fc.constant("/console/integration"),
        values: fc.record({ platform: fieldValue("shopify"), shopDomain: fieldValue("abuse-api.myshopify.com"), secret: fieldValue("a-long-enough-shop-secret") }),
      }),
      fc.record({ form: fc.constant("signOutEverywhere"), path: fc.constant("/console/integration"), values: fc.record({ id: hostileText }) }),
      fc.record({ form: fc.constant("remove"), path: fc.constant("/console/integration"), values: fc.record({ id: hostileText }) }),
      fc.record({
        form: fc.constant("branding"),
        path: fc.constant("/console/branding"),
        values: fc.record(
          {
            name: fieldValue("Abuse API shop"), brandColor: fieldValue("#112233"), accentColor: fieldValue("#445566"), useAccent: fieldValue("on"),
            logoUrl: hostileText, supportEmail: hostileText, supportPhone: hostileText, supportUrl: hostileText, customMessage: hostileText,
            customDomain: fieldValue("track.abuse-api.example"), defaultLocale: fieldValue("en"), timeZone: fieldValue("UTC"),
          },
          { requiredKeys: [] },
        ),
      }),
      fc.record({
        form: fc.constant("sendLink"),
        path: fc.constant("orders"),
        values: fc.record({ orderId: hostileText, shipmentId: hostileText, channel: fieldValue("email") }, { requiredKeys: [] }),
      }),
    );
    // Forms that only name a row get hostile ids only: whatever they answer, nothing may change.
    const namesRowsOnly = new Set(["revokeKey", "signOutEverywhere", "remove"]);
    await runProperty(cases, 300 * RUNS, ({ form, path, values }) =>
      probe(
        `console ${form}`,
        { method: "POST", path: path === "orders" ? orderPath() : path, headers: signedIn(), body: formBody(forms[form]!, values as Record<string, string>) as never },
        { changesNothing: namesRowsOnly.has(form) },
      ),
    );
    await expectHealthy();
  });

  it("console pages, signed in, with hostile ids and query strings (/console/orders/%00, ?q=%00, …)", async () => {
    const text = hostileText.map((value) => encodeURIComponent(value.slice(0, 2_000).toWellFormed()));
    const cases = fc.record({
      page: fc.constantFrom("/console/orders/{}", "/console/shipments?q={}", "/console/shipments?q={}&delayed={}&exception={}&stalled={}", "/console/analytics?from={}&to={}&days={}", "/console/sign-in?error={}&sent={}", "/console/sign-in/verify?token={}"),
      value: text,
    });
    await runProperty(cases, 100 * RUNS, ({ page, value }) =>
      probe("console pages", { method: "GET", path: page.replaceAll("{}", value), headers: { ...signedIn(), accept: "text/html" } }),
    );
    await expectHealthy();
  });

  it("broken multipart and stray bytes to every console page, signed in or not", async () => {
    const cases = fc.record({
      path: fc.constantFrom("/console/sign-in", "/console/sign-in/verify", "/console/integration", "/console/branding", "/console/shipments", "/console/analytics", "orders"),
      body: fc.oneof(brokenMultipart, rawBytes.map((bytes) => ({ contentType: "application/x-www-form-urlencoded", body: bytes }))),
      action: fc.boolean(),
      session: fc.boolean(),
    });
    await runProperty(cases, 150 * RUNS, ({ path, body, action, session }) =>
      probe("console raw form bodies", {
        method: "POST",
        path: path === "orders" ? orderPath() : path,
        headers: { "content-type": body.contentType, ...(session ? signedIn() : {}), ...(action ? { "next-action": "7f".repeat(21) } : {}) },
        body: body.body,
      }),
    );
    await expectHealthy();
  });
});
