/**
 * A local HTTP server that answers like Twilio's Messages API: POST creates a message (201 with an SM…
 * sid), GET lists them newest first; wrong credentials get 401/20003, numbers marked invalid get
 * 400/21211, landlines get 400/21614, numbers that replied STOP get 400/21610, and `failNext` makes it answer 500. Every request is
 * recorded. Used by integration tests, the e2e suite and benches.
 */
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";

export interface TwilioMessage {
  sid: string;
  to: string;
  from: string;
  body: string;
  date_created: string;
  createdAt: number;
}

export interface TwilioStandIn {
  baseUrl: string;
  accountSid: string;
  authToken: string;
  from: string;
  messages: TwilioMessage[];
  requests: { method: string; path: string; form: Record<string, string> }[];
  invalidNumbers: Set<string>;
  /** Numbers Twilio knows as landlines: 400 with error 21614 ("'To' number is not a valid mobile number"). */
  landlineNumbers: Set<string>;
  unsubscribedNumbers: Set<string>;
  /** Answer the next N message creations with a 500. */
  failNext: number;
  /**
   * When set as a message creation arrives, it is answered only once this settles, and judged then (by the
   * number sets as they are at that moment): a late answer to a send in flight. Nothing is created before.
   */
  answerGate: Promise<unknown> | null;
  waitFor(predicate: (message: TwilioMessage) => boolean, timeoutMs?: number): Promise<TwilioMessage>;
  close(): Promise<void>;
}

function json(response: ServerResponse, status: number, body: unknown) {
  response.writeHead(status, { "Content-Type": "application/json" });
  response.end(JSON.stringify(body));
}

function twilioError(response: ServerResponse, status: number, code: number, message: string) {
  json(response, status, { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status });
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export async function startTwilioStandIn(options: { accountSid?: string; authToken?: string; from?: string } = {}): Promise<TwilioStandIn> {
  const accountSid = options.accountSid ?? `AC${randomBytes(16).toString("hex")}`;
  const authToken = options.authToken ?? randomBytes(16).toString("hex");
  const waiters = new Set<() => void>();
  const state: TwilioStandIn = {
    baseUrl: "",
    accountSid,
    authToken,
    from: options.from ?? "+15005550006",
    messages: [],
    requests: [],
    invalidNumbers: new Set(),
    landlineNumbers: new Set(),
    unsubscribedNumbers: new Set(),
    failNext: 0,
    answerGate: null,
    waitFor(predicate, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = state.messages.find(predicate);
          if (found) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(found);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching text within ${timeoutMs} ms (${state.messages.length} received)`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const path = `/2010-04-01/Accounts/${accountSid}/Messages.json`;
  const expectedAuth = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString("base64")}`;

  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? "/", "http://stand-in");
    const body = await readBody(request);
    const form = Object.fromEntries(new URLSearchParams(body));
    state.requests.push({ method: request.method ?? "", path: url.pathname, form });
    if (url.pathname !== path) return twilioError(response, 404, 20404, "The requested resource was not found");
    if (request.headers.authorization !== expectedAuth) return twilioError(response, 401, 20003, "Authenticate");

    if (request.method === "GET") {
      const to = url.searchParams.get("To");
      const from = url.searchParams.get("From");
      const list = state.messages
        .filter((message) => (!to || message.to === to) && (!from || message.from === from))
        .sort((a, b) => b.createdAt - a.createdAt);
      return json(response, 200, { messages: list, page: 0, page_size: list.length });
    }
    if (request.method !== "POST") return twilioError(response, 405, 20004, "Method not allowed");
    if (state.answerGate) await state.answerGate.catch(() => undefined);
    if (state.failNext > 0) {
      state.failNext -= 1;
      return twilioError(response, 500, 20500, "Internal Server Error");
    }
    const to = form.To ?? "";
    if (!form.Body) return twilioError(response, 400, 21602, "Message body is required.");
    if (!/^\+[1-9]\d{6,14}$/.test(to) || state.invalidNumbers.has(to)) {
      return twilioError(response, 400, 21211, `The 'To' number ${to} is not a valid phone number.`);
    }
    if (state.landlineNumbers.has(to)) return twilioError(response, 400, 21614, `'To' number ${to} is not a valid mobile number`);
    if (state.unsubscribedNumbers.has(to)) return twilioError(response, 400, 21610, "Attempt to send to unsubscribed recipient");
    const now = new Date();
    const message: TwilioMessage = {
      sid: `SM${randomBytes(16).toString("hex")}`,
      to,
      from: form.From ?? state.from,
      body: form.Body,
      date_created: now.toUTCString(),
      createdAt: now.getTime(),
    };
    state.messages.push(message);
    for (const wake of waiters) wake();
    json(response, 201, { ...message, status: "queued", account_sid: accountSid, num_segments: "1", direction: "outbound-api" });
  });
  const port = await new Promise<number>((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      resolve(typeof address === "object" && address ? address.port : 0);
    });
  });
  state.baseUrl = `http://127.0.0.1:${port}`;
  return state;
}
