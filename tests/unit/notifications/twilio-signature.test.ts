import { describe, expect, it } from "vitest";
import { twilioSignature, verifyTwilioSignature } from "../../../lib/notifications/twilio/signature";

// The worked example of Twilio's request-validation documentation (auth token 12345).
const URL = "https://mycompany.com/myapp.php?foo=1&bar=2";
const PARAMS: [string, string][] = [
  ["Digits", "1234"], ["To", "+18005551212"], ["From", "+14158675309"], ["Caller", "+14158675309"], ["CallSid", "CA1234567890ABCDE"],
];

describe("X-Twilio-Signature", () => {
  it("reproduces Twilio's documented signature", () => {
    expect(twilioSignature("12345", URL, PARAMS)).toBe("RSOYDt4T1cUTdK1PDd93/VVr8B8=");
    expect(verifyTwilioSignature("12345", URL, PARAMS, "RSOYDt4T1cUTdK1PDd93/VVr8B8=")).toBe(true);
  });

  it("accepts the URL with or without its default port, as Twilio's helpers do", () => {
    const withPort = twilioSignature("12345", "https://mycompany.com:443/myapp.php?foo=1&bar=2", PARAMS);
    expect(verifyTwilioSignature("12345", URL, PARAMS, withPort)).toBe(true);
  });

  it("rejects any change: token, URL, a parameter, a missing header", () => {
    const good = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";
    expect(verifyTwilioSignature("54321", URL, PARAMS, good)).toBe(false);
    expect(verifyTwilioSignature("12345", `${URL}&baz=3`, PARAMS, good)).toBe(false);
    expect(verifyTwilioSignature("12345", URL, [...PARAMS.slice(1), ["Digits", "9999"]], good)).toBe(false);
    expect(verifyTwilioSignature("12345", URL, PARAMS, null)).toBe(false);
    expect(verifyTwilioSignature("12345", URL, PARAMS, "")).toBe(false);
  });
});
