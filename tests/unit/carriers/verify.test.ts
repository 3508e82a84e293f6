import { describe, expect, it } from "vitest";
import { genericAdapter } from "@/lib/carriers/generic/adapter";
import {
  parseTimestampedSignature,
  safeEqual,
  safeEqualAny,
  signTimestamped,
  verifyTimestampedSignature,
} from "@/lib/carriers/verify";
import { delivery, hmac } from "./support";

const VERIFIED = { ok: true, scheme: "hmac-sha256-timestamped" };

const SECRET = "whsec_generic_test";
const NOW = new Date("2026-11-29T19:05:00Z");
const T = Math.floor(NOW.getTime() / 1000);
const BODY = '{"carrier":"ups","trackingNumber":"1Z999","events":[]}';

function header(t: number, ...signatures: string[]): string {
  return [`t=${t}`, ...signatures.map((sig) => `v1=${sig}`)].join(",");
}

function signed(t: number, body = BODY, secret = SECRET): string {
  return hmac(secret, `${t}.${body}`, "hex");
}

function verifyGeneric(headerValue: string | null, body = BODY, now = NOW) {
  const headers: Record<string, string> = headerValue === null ? {} : { "Parcelpage-Signature": headerValue };
  return genericAdapter.verify(delivery(body, headers), SECRET, now);
}

describe("safeEqual", () => {
  it("compares equal and unequal strings of the same and different lengths", () => {
    expect(safeEqual("abc", "abc")).toBe(true);
    expect(safeEqual("abc", "abd")).toBe(false);
    expect(safeEqual("abc", "abcd")).toBe(false);
    expect(safeEqual("", "")).toBe(true);
    expect(safeEqual("sécret", "sécret")).toBe(true);
  });

  it("finds a match anywhere in a list of candidates", () => {
    expect(safeEqualAny("b", ["a", "b", "c"])).toBe(true);
    expect(safeEqualAny("b", ["b", "a"])).toBe(true);
    expect(safeEqualAny("z", ["a", "b"])).toBe(false);
    expect(safeEqualAny("z", [])).toBe(false);
  });
});

describe("parseTimestampedSignature", () => {
  it("reads t and every v1, ignoring unknown keys and spaces", () => {
    expect(parseTimestampedSignature("t=123, v1=AB, v0=zz, v1=cd")).toEqual({ timestamp: "123", signatures: ["ab", "cd"] });
  });

  it.each([
    ["", "empty"],
    ["v1=abcd", "no t"],
    ["t=123", "no v1"],
    ["t=abc,v1=abcd", "t not digits"],
    ["t=1,t=2,v1=abcd", "two t"],
    ["t=123,v1=not-hex", "v1 not hex"],
    ["t=123;v1=abcd", "wrong separator"],
    ["garbage", "no key=value"],
    [`t=1,${Array.from({ length: 9 }, () => "v1=ab").join(",")}`, "too many v1"],
  ])("rejects %j (%s)", (value) => {
    expect(parseTimestampedSignature(value)).toBeNull();
  });
});

describe("generic signature (Parcelpage-Signature)", () => {
  it("accepts a valid signature", () => {
    expect(verifyGeneric(header(T, signed(T)))).toEqual(VERIFIED);
  });

  it("accepts what signTimestamped produces (the helper the docs point Node senders to)", () => {
    expect(verifyGeneric(signTimestamped(BODY, SECRET, NOW))).toEqual(VERIFIED);
  });

  it("accepts upper-case hex", () => {
    expect(verifyGeneric(header(T, signed(T).toUpperCase()))).toEqual(VERIFIED);
  });

  it("rejects a tampered body", () => {
    const tampered = BODY.replace("1Z999", "1Z998");
    expect(verifyGeneric(header(T, signed(T)), tampered)).toEqual({ ok: false, reason: "signature mismatch" });
  });

  it("rejects a tampered signature and a signature made with another secret", () => {
    const sig = signed(T);
    const flipped = (sig[0] === "0" ? "1" : "0") + sig.slice(1);
    expect(verifyGeneric(header(T, flipped)).ok).toBe(false);
    expect(verifyGeneric(header(T, signed(T, BODY, "other-secret"))).ok).toBe(false);
  });

  it("rejects a timestamp that was changed after signing", () => {
    expect(verifyGeneric(header(T - 1, signed(T))).ok).toBe(false);
  });

  it("accepts exactly 5 minutes old or ahead, rejects one second more (replay window)", () => {
    expect(verifyGeneric(header(T - 300, signed(T - 300))).ok).toBe(true);
    expect(verifyGeneric(header(T + 300, signed(T + 300))).ok).toBe(true);
    expect(verifyGeneric(header(T - 301, signed(T - 301)))).toEqual({ ok: false, reason: "timestamp outside tolerance" });
    expect(verifyGeneric(header(T + 301, signed(T + 301)))).toEqual({ ok: false, reason: "timestamp outside tolerance" });
  });

  it("rejects an expired delivery (an hour old) and one from the future (an hour ahead)", () => {
    expect(verifyGeneric(header(T - 3600, signed(T - 3600))).ok).toBe(false);
    expect(verifyGeneric(header(T + 3600, signed(T + 3600))).ok).toBe(false);
  });

  it.each([
    ["garbage"],
    [`v1=${"a".repeat(64)}`],
    [`t=${T}`],
    [`t=${T},v1=zz`],
    [`t=soon,v1=${"a".repeat(64)}`],
  ])("rejects the malformed header %j", (value) => {
    expect(verifyGeneric(value)).toEqual({ ok: false, reason: "malformed signature header" });
  });

  it("rejects a missing header", () => {
    expect(verifyGeneric(null)).toEqual({ ok: false, reason: "missing signature header" });
  });

  it("accepts any matching v1 during secret rotation, in either position", () => {
    const oldSig = signed(T, BODY, "old-secret");
    expect(verifyGeneric(header(T, oldSig, signed(T)))).toEqual(VERIFIED);
    expect(verifyGeneric(header(T, signed(T), oldSig))).toEqual(VERIFIED);
    expect(verifyGeneric(header(T, oldSig, signed(T, BODY, "older-secret"))).ok).toBe(false);
  });

  it("refuses everything when the merchant has no secret configured", () => {
    const result = verifyTimestampedSignature(header(T, hmac("", `${T}.${BODY}`, "hex")), BODY, "", NOW);
    expect(result).toEqual({ ok: false, reason: "no secret configured" });
  });

  it("checks the exact body bytes: whitespace and key order matter", () => {
    const reformatted = JSON.stringify(JSON.parse(BODY), null, 2);
    expect(verifyGeneric(header(T, signed(T)), reformatted).ok).toBe(false);
  });
});
