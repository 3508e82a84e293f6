import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * X-Twilio-Signature: base64 HMAC-SHA1, keyed with the auth token, of the full URL Twilio called followed
 * by every POST parameter sorted by name, name and value concatenated with no separators.
 */
export function twilioSignature(authToken: string, url: string, params: Iterable<[string, string]>): string {
  const sorted = [...params].sort(([a, va], [b, vb]) => (a === b ? (va < vb ? -1 : va > vb ? 1 : 0) : a < b ? -1 : 1));
  const data = url + sorted.map(([key, value]) => key + value).join("");
  return createHmac("sha1", authToken).update(data, "utf8").digest("base64");
}

/** Twilio may sign with or without the default port in the URL (as its own helpers accept both). */
function urlVariants(url: string): string[] {
  const parsed = new URL(url);
  const variants = [url];
  const defaultPort = parsed.protocol === "https:" ? "443" : "80";
  if (parsed.port) {
    const without = new URL(url);
    without.port = "";
    variants.push(without.toString());
  } else {
    variants.push(url.replace(`//${parsed.host}`, `//${parsed.hostname}:${defaultPort}`));
  }
  return variants;
}

/** Constant-time check of a request's signature. */
export function verifyTwilioSignature(authToken: string, url: string, params: Iterable<[string, string]>, signature: string | null): boolean {
  if (!signature || signature.length > 200) return false;
  const given = Buffer.from(signature, "utf8");
  const entries = [...params];
  let valid = false;
  for (const variant of urlVariants(url)) {
    const expected = Buffer.from(twilioSignature(authToken, variant, entries), "utf8");
    if (expected.length === given.length && timingSafeEqual(expected, given)) valid = true;
  }
  return valid;
}
