import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { parseMobileNumber } from "../../../lib/notifications/phone";
import { reloadEnv } from "../../../lib/env";
import { signLink, verifyLink } from "../../../lib/notifications/signed-links";

describe("mobile numbers", () => {
  it("parses national and international forms into E.164 with the destination as default country", () => {
    expect(parseMobileNumber("(206) 555-0142", "US")).toEqual({ ok: true, e164: "+12065550142", country: "US" });
    expect(parseMobileNumber("+1 206-555-0142", "us")).toEqual({ ok: true, e164: "+12065550142", country: "US" });
    expect(parseMobileNumber("07400 123456", "GB")).toEqual({ ok: true, e164: "+447400123456", country: "GB" });
    expect(parseMobileNumber("(11) 91234-5678", "BR")).toEqual({ ok: true, e164: "+5511912345678", country: "BR" });
  });

  it("refuses garbage, landlines and other countries' numbers", () => {
    expect(parseMobileNumber("hello", "US")).toMatchObject({ ok: false, reason: "invalid" });
    expect(parseMobileNumber("+44 20 7946 0958", "GB")).toMatchObject({ ok: false, reason: "not_mobile" });
    expect(parseMobileNumber("+44 7400 123456", "US")).toMatchObject({ ok: false, reason: "other_country", country: "GB" });
  });

  it("never throws, and what it accepts is E.164", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.constantFrom("US", "GB", "DE", "BR", "FR", "XX"), (input, country) => {
        const result = parseMobileNumber(input, country);
        if (result.ok) expect(result.e164).toMatch(/^\+[1-9]\d{6,14}$/);
      }),
    );
  });
});

describe("signed links", () => {
  beforeAll(() => {
    process.env.APP_SECRET = "unit-test-app-secret-0123456789abcdef0123456789";
    reloadEnv();
  });
  const now = new Date("2026-11-29T12:00:00Z");

  it("verifies its own links for their purpose only, until they expire", () => {
    const token = signLink({ subscriptionId: "sub1", purpose: "confirm", nonce: "n1", expires: now.getTime() / 1000 + 60 });
    expect(verifyLink(token, "confirm", now)).toEqual({ subscriptionId: "sub1", purpose: "confirm", nonce: "n1", expires: now.getTime() / 1000 + 60 });
    expect(verifyLink(token, "unsubscribe", now)).toBeNull();
    expect(verifyLink(token, "confirm", new Date(now.getTime() + 61_000))).toBeNull();
  });

  it("rejects any tampering", () => {
    const token = signLink({ subscriptionId: "sub1", purpose: "unsubscribe", nonce: null, expires: null });
    const [id, nonce, expires, mac] = token.split(".") as [string, string, string, string];
    expect(verifyLink(token, "unsubscribe", now)?.subscriptionId).toBe("sub1");
    expect(verifyLink(`sub2.${nonce}.${expires}.${mac}`, "unsubscribe", now)).toBeNull();
    expect(verifyLink(`${id}.x.${expires}.${mac}`, "unsubscribe", now)).toBeNull();
    expect(verifyLink(`${id}.${nonce}.${expires}.${mac.replace(/.$/, (c) => (c === "A" ? "B" : "A"))}`, "unsubscribe", now)).toBeNull();
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (junk) => verifyLink(junk, "unsubscribe", now) === null));
  });
});
