import { env } from "../../env";
import { createSmtpChannel } from "./email";
import { createFileEmailChannel, createFileSmsChannel } from "./file";
import { createTwilioChannel } from "./sms";
import type { Channels } from "./types";

export type { Channels, EmailChannel, SmsChannel, SendResult } from "./types";

/** SMTP when SMTP_URL is set, Twilio when its three settings are; otherwise the file transports (.data/outbox). */
export function channelsFromEnv(options: { smtpConnections?: number } = {}): Channels {
  const config = env();
  const email = config.SMTP_URL ? createSmtpChannel({ url: config.SMTP_URL, maxConnections: options.smtpConnections }) : createFileEmailChannel();
  const sms =
    config.TWILIO_ACCOUNT_SID && config.TWILIO_AUTH_TOKEN && config.TWILIO_FROM
      ? createTwilioChannel({
          accountSid: config.TWILIO_ACCOUNT_SID,
          authToken: config.TWILIO_AUTH_TOKEN,
          from: config.TWILIO_FROM,
          baseUrl: config.TWILIO_BASE_URL,
        })
      : createFileSmsChannel();
  return { email, sms };
}

/** The From address of alert emails; the display name is the merchant's. */
export function senderAddress(): string {
  const { SMTP_FROM, APP_URL } = env();
  if (SMTP_FROM) return /<([^>]+)>/.exec(SMTP_FROM)?.[1]?.trim() ?? SMTP_FROM.trim();
  const host = APP_URL ? new URL(APP_URL).hostname : "parcelpage.localhost";
  return `alerts@${host}`;
}
