/**
 * A real SMTP server on loopback (smtp-server) standing in for the mail provider: it accepts everything
 * (unless told to refuse a recipient), and counts a message only once it was received in full: the moment
 * it answers "250 queued". Used by integration tests, the e2e suite and bench:alerts.
 */
import { randomBytes } from "node:crypto";
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  raw: string;
  from: string;
  to: string[];
  messageId: string | null;
  subject: string | null;
  /** Date.now() when the server accepted it. */
  acceptedAt: number;
  queueId: string;
}

export interface SmtpStandIn {
  url: string;
  port: number;
  messages: ReceivedMail[];
  /** Recipients answered "550 no such user" at RCPT TO. */
  rejectRecipients: Set<string>;
  /** Recipients answered with this code and text at RCPT TO (e.g. 551 user not local, 553 mailbox name not allowed, 450 busy). */
  recipientReplies: Map<string, { code: number; message: string }>;
  /** Milliseconds to wait before answering "250" to a received message (a slow provider). */
  answerDelayMs: number;
  /** When set, a received message is answered only once this settles: a provider that is slow for as long as a test says. */
  answerGate: Promise<unknown> | null;
  /**
   * When set as a RCPT TO arrives, that recipient is answered only once this settles, and judged then (by
   * recipientReplies / rejectRecipients as they are at that moment): a late answer to a send in flight.
   */
  recipientGate: Promise<unknown> | null;
  /** Recipients whose RCPT TO is being held by recipientGate right now. */
  heldRecipients: Set<string>;
  waitFor(predicate: (mail: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
  close(): Promise<void>;
}

export async function startSmtpStandIn(options: { port?: number; onMessage?: (mail: ReceivedMail) => void } = {}): Promise<SmtpStandIn> {
  const messages: ReceivedMail[] = [];
  const rejectRecipients = new Set<string>();
  const recipientReplies = new Map<string, { code: number; message: string }>();
  const waiters = new Set<() => void>();
  const answerRecipient = (address: string, callback: (error?: Error | null) => void) => {
    const reply = recipientReplies.get(address.toLowerCase());
    if (reply) return callback(Object.assign(new Error(reply.message), { responseCode: reply.code }));
    if (rejectRecipients.has(address.toLowerCase())) {
      const error = new Error("5.1.1 No such user") as Error & { responseCode: number };
      error.responseCode = 550;
      return callback(error);
    }
    callback();
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    maxClients: 200,
    size: 10 * 1024 * 1024,
    onRcptTo(address, _session, callback) {
      const gate = standIn.recipientGate;
      if (!gate) return answerRecipient(address.address, callback);
      const recipient = address.address.toLowerCase();
      standIn.heldRecipients.add(recipient);
      void gate.finally(() => {
        standIn.heldRecipients.delete(recipient);
        answerRecipient(address.address, callback);
      });
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      let failed = false;
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("error", () => {
        failed = true;
      });
      stream.on("end", () => {
        if (failed) return callback(new Error("incomplete message"));
        const raw = Buffer.concat(chunks).toString("utf8");
        const queueId = randomBytes(6).toString("hex").toUpperCase();
        const header = raw.split(/\r?\n\r?\n/, 1)[0] ?? "";
        const mail: ReceivedMail = {
          raw,
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          messageId: /^Message-ID:\s*(<[^>]+>)/im.exec(header)?.[1] ?? null,
          subject: /^Subject:\s*(.*)$/im.exec(header)?.[1] ?? null,
          acceptedAt: Date.now(),
          queueId,
        };
        const accept = () => {
          mail.acceptedAt = Date.now();
          messages.push(mail);
          options.onMessage?.(mail);
          for (const wake of waiters) wake();
          callback(null, `OK: queued as ${queueId}`);
        };
        const gate = standIn.answerGate;
        if (gate) void gate.finally(accept);
        else if (standIn.answerDelayMs > 0) setTimeout(accept, standIn.answerDelayMs);
        else accept();
      });
    },
  });
  // A client that dies mid-message (a killed worker) resets its connection: that is the client's
  // problem, not the server's; the half-received message is simply not counted.
  const ignoreClientErrors = () => undefined;
  const port = await new Promise<number>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => {
      const address = server.server.address();
      server.off("error", reject);
      server.on("error", ignoreClientErrors);
      resolve(typeof address === "object" && address ? address.port : 0);
    });
  });

  const standIn: SmtpStandIn = {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages,
    rejectRecipients,
    recipientReplies,
    answerDelayMs: 0,
    answerGate: null,
    recipientGate: null,
    heldRecipients: new Set(),
    waitFor(predicate, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = messages.find(predicate);
          if (found) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(found);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching mail within ${timeoutMs} ms (${messages.length} received)`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  return standIn;
}

/** A send held at the provider: whether it arrived, stop holding new ones, answer the held ones. */
export interface HeldSends {
  held: () => boolean;
  holdNoMore: () => void;
  release: () => void;
}

/**
 * Holds every RCPT TO that arrives from now on (recipientGate); `held` says whether `address` is waiting,
 * `release` answers the held ones (judged by the stand-in's replies as they are then): a late answer.
 */
export function holdRecipients(smtp: SmtpStandIn, address: string): HeldSends {
  let release = () => {};
  smtp.recipientGate = new Promise<void>((resolve) => (release = resolve));
  return {
    held: () => smtp.heldRecipients.has(address),
    holdNoMore: () => (smtp.recipientGate = null),
    release: () => {
      smtp.recipientGate = null;
      release();
    },
  };
}
