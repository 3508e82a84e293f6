// Signs test deliveries the way each provider documents it, written out here independently of lib/carriers.
import { createHmac } from "node:crypto";

export function signGeneric(body: string, secret: string, at = new Date()): string {
  const t = Math.floor(at.getTime() / 1000);
  return `t=${t},v1=${createHmac("sha256", secret).update(`${t}.${body}`).digest("hex")}`;
}

export function signEasyPost(body: string, secret: string): string {
  return `hmac-sha256-hex=${createHmac("sha256", secret.normalize("NFKD")).update(body).digest("hex")}`;
}

export function signAfterShip(body: string, secret: string): string {
  return createHmac("sha256", secret).update(body).digest("base64");
}
