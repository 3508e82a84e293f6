import { db } from "../../db";
import { env } from "../../env";
import { logger } from "../../logger";
import { normalizeLocale } from "../locales";
import { renderSmsHelp } from "../templates/render-sms";
import { unsubscribePhone } from "../unsubscribe";
import { verifyTwilioSignature } from "./signature";

/** Twilio's standard opt-out and help keywords (the whole message, any case). */
const STOP_WORDS = new Set(["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT"]);
const HELP_WORDS = new Set(["HELP", "INFO"]);

export interface InboundRequest {
  /** The public URL Twilio called (APP_URL + path + query): what it signed. */
  url: string;
  /** The raw application/x-www-form-urlencoded body. */
  body: string;
  signature: string | null;
}

export interface InboundAnswer {
  status: number;
  /** TwiML */
  body: string;
}

const EMPTY = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (char) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&apos;", '"': "&quot;" })[char]!);
}

/**
 * Texts shoppers send back. STOP (and Twilio's other opt-out words) ends every text subscription of that
 * number; Twilio itself confirms the opt-out to the phone, so the answer is empty. HELP gets the brand,
 * contact, frequency and rates. Anything unsigned or wrongly signed is refused before it is read.
 */
export async function handleTwilioInbound(request: InboundRequest, now: Date): Promise<InboundAnswer> {
  const authToken = env().TWILIO_AUTH_TOKEN;
  const params = new URLSearchParams(request.body);
  if (!authToken || !verifyTwilioSignature(authToken, request.url, params.entries(), request.signature)) {
    logger.warn({ url: request.url }, "twilio inbound rejected: bad signature");
    return { status: 403, body: EMPTY };
  }
  const from = params.get("From") ?? "";
  const word = (params.get("Body") ?? "").trim().toUpperCase();
  const optOut = params.get("OptOutType")?.toUpperCase();

  if (STOP_WORDS.has(word) || optOut === "STOP") {
    const ended = await unsubscribePhone(from, "sms-stop", now);
    logger.info({ ended }, "text subscriptions ended by STOP");
    return { status: 200, body: EMPTY };
  }
  if (HELP_WORDS.has(word) || optOut === "HELP") {
    const latest = await db.alertSubscription.findFirst({
      where: { channel: "SMS", address: from },
      orderBy: { createdAt: "desc" },
      select: { locale: true, merchant: { select: { name: true, supportEmail: true, supportUrl: true, supportPhone: true } } },
    });
    const brand = latest?.merchant ?? { name: "Parcelpage", supportEmail: null, supportUrl: null, supportPhone: null };
    const help = renderSmsHelp({
      locale: normalizeLocale(latest?.locale),
      brand: { ...brand, color: "#000000", logoUrl: null },
    });
    return { status: 200, body: `<?xml version="1.0" encoding="UTF-8"?><Response><Message>${escapeXml(help.text)}</Message></Response>` };
  }
  return { status: 200, body: EMPTY };
}
