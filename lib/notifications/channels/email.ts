import net from "node:net";
import nodemailer from "nodemailer";
import type { EmailChannel, OutgoingEmail, SendResult } from "./types";

export interface SmtpOptions {
  url: string;
  /** Parallel SMTP connections (pooled and reused across messages). */
  maxConnections?: number;
}

interface SmtpError extends Error {
  code?: string;
  command?: string;
  responseCode?: number;
  response?: string;
}

const CONNECT_TIMEOUT_MS = 10_000;

/**
 * Opens each pooled connection ourselves to turn Nagle's algorithm off: nodemailer writes the end of a
 * message ("\r\n.\r\n") as a small segment of its own, which otherwise waits for the server's delayed
 * ACK (~40 ms a message, a ceiling of ~25 messages/s per connection). TLS (smtps, STARTTLS) is then
 * layered on this socket by nodemailer as usual.
 */
function getSocket(host: string, port: number) {
  return (_options: unknown, callback: (error: Error | null, socketOptions?: { connection: net.Socket }) => void) => {
    let done = false;
    const finish = (error: Error | null) => {
      if (done) return;
      done = true;
      socket.setTimeout(0);
      if (error) {
        socket.destroy();
        callback(error);
      } else callback(null, { connection: socket });
    };
    const socket = net.connect({ host, port });
    socket.setNoDelay(true);
    socket.setTimeout(CONNECT_TIMEOUT_MS, () => finish(Object.assign(new Error(`connect ETIMEDOUT ${host}:${port}`), { code: "ETIMEDOUT" })));
    socket.once("connect", () => finish(null));
    socket.once("error", (error) => finish(error));
  };
}

/** Transport options from SMTP_URL (smtp:// or smtps://user:pass@host:port). */
function transportOptions(url: string, maxConnections: number) {
  const parsed = new URL(url);
  const secure = parsed.protocol === "smtps:";
  const port = parsed.port ? Number(parsed.port) : secure ? 465 : 587;
  return {
    host: parsed.hostname,
    port,
    secure,
    getSocket: getSocket(parsed.hostname, port),
    auth: parsed.username ? { user: decodeURIComponent(parsed.username), pass: decodeURIComponent(parsed.password) } : undefined,
    pool: true as const,
    maxConnections,
    maxMessages: Infinity,
    // Every wait is bounded well inside the worker's claim lease.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  };
}

/** Rejections that a retry cannot fix. RCPT 550/551/553 mean the mailbox does not exist: the subscription ends. */
export function classifySmtpError(error: SmtpError): SendResult {
  const code = error.responseCode;
  const message = `${error.code ?? "ERROR"}${code ? ` ${code}` : ""}: ${(error.response ?? error.message).slice(0, 500)}`;
  if (code && code >= 500 && code !== 530 && code !== 535) {
    const deadMailbox = error.command === "RCPT TO" && [550, 551, 553].includes(code);
    return { ok: false, error: message, retry: false, endSubscription: deadMailbox ? `smtp-${code}` : null };
  }
  return { ok: false, error: message, retry: true, endSubscription: null };
}

export function createSmtpChannel(options: SmtpOptions): EmailChannel {
  const transport = nodemailer.createTransport(transportOptions(options.url, options.maxConnections ?? 8));
  return {
    kind: "smtp",
    async send(message: OutgoingEmail): Promise<SendResult> {
      try {
        const info = await transport.sendMail({
          from: message.from,
          to: message.to,
          replyTo: message.replyTo ?? undefined,
          subject: message.subject,
          text: message.text,
          html: message.html,
          messageId: message.messageId,
          headers: {
            "List-Unsubscribe": `<${message.unsubscribeUrl}>`,
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Content-Language": message.locale,
            "Auto-Submitted": "auto-generated",
          },
        });
        const queued = /queued as ([\w.-]+)/i.exec(info.response ?? "")?.[1];
        return { ok: true, providerMessageId: queued ? `smtp:${queued}` : info.messageId };
      } catch (error) {
        return classifySmtpError(error as SmtpError);
      }
    },
    async close() {
      transport.close();
    },
  };
}
