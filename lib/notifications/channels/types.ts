export interface OutgoingEmail {
  to: string;
  /** Display name (the merchant's brand) and address. */
  from: { name: string; address: string };
  replyTo: string | null;
  subject: string;
  html: string;
  text: string;
  /** Stable per outbox row: a resend after a crash carries the same Message-ID, which mailbox providers de-duplicate on. */
  messageId: string;
  /** One-step unsubscribe (RFC 8058): List-Unsubscribe plus List-Unsubscribe-Post. */
  unsubscribeUrl: string;
  locale: string;
}

export interface OutgoingSms {
  to: string;
  body: string;
  /** The outbox row id. Twilio has no idempotency key for messages (hence findSent); the file transport names its file with it. */
  key: string;
}

export type SendResult =
  | { ok: true; providerMessageId: string }
  | {
      ok: false;
      error: string;
      /** False when trying again cannot help (a permanent rejection). */
      retry: boolean;
      /** Set when the provider says the address is dead or opted out: the subscription ends (e.g. "twilio-21610"). */
      endSubscription: string | null;
    };

export interface EmailChannel {
  readonly kind: "smtp" | "file";
  send(message: OutgoingEmail): Promise<SendResult>;
  close(): Promise<void>;
}

export interface SmsChannel {
  readonly kind: "twilio" | "file";
  send(message: OutgoingSms): Promise<SendResult>;
  /**
   * After an attempt whose outcome is unknown (the worker died, or the request timed out), looks for a
   * message with this body to this number created since `since`; its id if the provider has it.
   */
  findSent(message: OutgoingSms, since: Date): Promise<string | null>;
  close(): Promise<void>;
}

export interface Channels {
  email: EmailChannel;
  sms: SmsChannel;
}
