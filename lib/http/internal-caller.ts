import { isIP } from "node:net";
import { clientIp } from "../lookup/client-ip";

/**
 * Whether a request comes from this machine or the private network (the TLS terminator asking before it
 * issues a certificate), by the sealed client address scripts/serve.ts stamps: a request relayed by the
 * proxy carries the shopper's address, so the public never passes this even when the proxy forgets to
 * block the path (deploy/Caddyfile blocks it too).
 */
export function isInternalCaller(headers: Headers): boolean {
  const address = clientIp(headers);
  if (isIP(address) === 4) {
    const [a = 0, b = 0] = address.split(".").map(Number);
    return a === 127 || a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
  }
  if (isIP(address) === 6) return address === "::1" || /^f[cd][0-9a-f]{2}:/i.test(address);
  return false;
}
