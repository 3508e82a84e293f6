import { env } from "../env";
import { clientIp } from "../lookup/client-ip";

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1)$/;

/**
 * /dev/outbox shows sign-in links and every alert sent: only in the local demo (DEV_OUTBOX, with the file
 * transports, i.e. no SMTP_URL and no Twilio), and only to a browser on this machine (the stamped client
 * address is loopback; with TRUST_PROXY_HOPS it is the address the proxy saw).
 */
export function devOutboxAllowed(headers: Headers): boolean {
  const config = env();
  if (!config.DEV_OUTBOX || config.SMTP_URL || config.TWILIO_ACCOUNT_SID) return false;
  return LOOPBACK.test(clientIp(headers));
}
