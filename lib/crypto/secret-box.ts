import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { appSecret } from "./app-secret";

/**
 * Encrypts small secrets at rest (AES-256-GCM) with a key derived from APP_SECRET by HKDF, one key per
 * purpose so a leak of one kind of ciphertext says nothing about another. Format: v1.<iv>.<tag>.<data> (base64url).
 */
function keyFor(purpose: string): Buffer {
  const secret = appSecret();
  // HKDF costs about as much as the rest of a webhook's signature check: derive each key once per
  // APP_SECRET (a changed secret, e.g. between tests, derives afresh).
  if (derived.secret !== secret) derived = { secret, keys: new Map() };
  let key = derived.keys.get(purpose);
  if (!key) {
    key = Buffer.from(hkdfSync("sha256", secret, Buffer.alloc(0), `parcelpage:${purpose}`, 32));
    derived.keys.set(purpose, key);
  }
  return key;
}

let derived: { secret: string; keys: Map<string, Buffer> } = { secret: "", keys: new Map() };

export function sealSecret(plaintext: string, purpose: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyFor(purpose), iv);
  const data = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return ["v1", iv, cipher.getAuthTag(), data].map((part) => (typeof part === "string" ? part : part.toString("base64url"))).join(".");
}

export function openSecret(sealed: string, purpose: string): string {
  const [version, iv, tag, data] = sealed.split(".");
  if (version !== "v1" || !iv || !tag || data === undefined) throw new Error("Unreadable sealed secret");
  const decipher = createDecipheriv("aes-256-gcm", keyFor(purpose), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
}
