import { createHmac } from "node:crypto";
import { appSecret } from "../crypto/app-secret";
import { appUrl } from "../env";

/** The queues whose rows become emails; each names its rows' Message-IDs apart. */
export type MessageQueue = "alert" | "console";

/**
 * The Message-ID of the email a queued row becomes: the same on every try of that row (a resend after a
 * lapsed lease or a crash carries it again, and receivers de-duplicate on it), different for every row.
 * Derived with an HMAC under APP_SECRET rather than being the row id itself: row ids are cuids (a
 * timestamp and a counter, close to sequential), and a Message-ID is seen by every shopper and every mail
 * server on the way, so it must tell nobody the ids of other rows. Changing APP_SECRET changes the ids of
 * rows sent after it, which costs at most one duplicate per row in flight.
 */
export function queuedMessageId(queue: MessageQueue, rowId: string, domain = messageIdDomain()): string {
  const tag = createHmac("sha256", appSecret()).update(`message-id:${queue}:${rowId}`).digest("base64url").slice(0, 32);
  return `<${tag}@${domain}>`;
}

/** The app's own host (APP_URL): a domain we control, so our ids never collide with another sender's. */
export function messageIdDomain(): string {
  try {
    return new URL(appUrl()).hostname || "parcelpage.localhost";
  } catch {
    return "parcelpage.localhost";
  }
}
