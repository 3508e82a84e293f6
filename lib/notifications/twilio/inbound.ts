import { env } from "../../env";
import { logger } from "../../logger";
import { answerText, type TextAnswer } from "./answer-text";
import { verifyTwilioSignature } from "./signature";

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

export function twiml(answer: TextAnswer): string {
  return answer.reply ? `<?xml version="1.0" encoding="UTF-8"?><Response><Message>${escapeXml(answer.reply)}</Message></Response>` : EMPTY;
}

/**
 * Twilio's inbound-message webhook. Anything unsigned or wrongly signed is refused before it is read;
 * what the text means (YES, STOP, START, HELP) is answer-text.ts, which /dev/outbox also calls.
 */
export async function handleTwilioInbound(request: InboundRequest, now: Date): Promise<InboundAnswer> {
  const authToken = env().TWILIO_AUTH_TOKEN;
  const params = new URLSearchParams(request.body);
  if (!authToken || !verifyTwilioSignature(authToken, request.url, params.entries(), request.signature)) {
    logger.warn({ url: request.url }, "twilio inbound rejected: bad signature");
    return { status: 403, body: EMPTY };
  }
  const answer = await answerText({ from: params.get("From") ?? "", body: params.get("Body") ?? "", optOutType: params.get("OptOutType") }, now);
  return { status: 200, body: twiml(answer) };
}
