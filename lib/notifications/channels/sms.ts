import type { OutgoingSms, SendResult, SmsChannel } from "./types";

export interface TwilioOptions {
  accountSid: string;
  authToken: string;
  /** A phone number (E.164) or a Messaging Service SID (MG…). */
  from: string;
  baseUrl: string;
  timeoutMs?: number;
}

/** Twilio errors that mean the number will never take our texts: the subscription ends instead of retrying. */
const ENDS_SUBSCRIPTION: Record<number, string> = {
  21211: "invalid 'To' number",
  21610: "recipient replied STOP",
  21614: "not a mobile number",
};

interface TwilioError {
  code?: number;
  message?: string;
  status?: number;
}

export function classifyTwilioError(status: number, body: TwilioError | null): SendResult {
  const code = body?.code;
  const error = `twilio ${status}${code ? ` ${code}` : ""}: ${(body?.message ?? "no error body").slice(0, 500)}`;
  if (code && ENDS_SUBSCRIPTION[code]) return { ok: false, error, retry: false, endSubscription: `twilio-${code}` };
  // 429 and 5xx are transient; other 4xx are usually configuration (credentials, sender) that someone will fix.
  return { ok: false, error, retry: true, endSubscription: null };
}

export function createTwilioChannel(options: TwilioOptions): SmsChannel {
  const base = `${options.baseUrl.replace(/\/$/, "")}/2010-04-01/Accounts/${encodeURIComponent(options.accountSid)}/Messages.json`;
  const authorization = `Basic ${Buffer.from(`${options.accountSid}:${options.authToken}`).toString("base64")}`;
  const sender: Record<string, string> = options.from.startsWith("MG") ? { MessagingServiceSid: options.from } : { From: options.from };
  const timeoutMs = options.timeoutMs ?? 15_000;

  return {
    kind: "twilio",
    async send(message: OutgoingSms): Promise<SendResult> {
      let response: Response;
      try {
        response = await fetch(base, {
          method: "POST",
          headers: { Authorization: authorization, "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
          body: new URLSearchParams({ To: message.to, Body: message.body, ...sender }),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        // The request may have reached Twilio: the next try looks for it first (findSent).
        return { ok: false, error: `twilio request failed: ${error instanceof Error ? error.message : String(error)}`, retry: true, endSubscription: null };
      }
      const body = (await response.json().catch(() => null)) as (TwilioError & { sid?: string }) | null;
      if (response.ok && body?.sid) return { ok: true, providerMessageId: body.sid };
      return classifyTwilioError(response.status, body);
    },
    async findSent(message: OutgoingSms, since: Date): Promise<string | null> {
      const query = new URLSearchParams({ To: message.to, PageSize: "50", ...(sender.From ? { From: sender.From } : {}) });
      const response = await fetch(`${base}?${query}`, {
        headers: { Authorization: authorization, Accept: "application/json" },
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (!response.ok) throw new Error(`twilio list failed: ${response.status}`);
      const page = (await response.json()) as { messages?: { sid: string; body: string; date_created: string }[] };
      const found = page.messages?.find(
        (candidate) => candidate.body === message.body && new Date(candidate.date_created).getTime() >= since.getTime() - 60_000,
      );
      return found?.sid ?? null;
    },
    async close() {},
  };
}
