import type { IncomingMessage } from "node:http";
import { declaredTooLarge, tooLarge } from "./read-body";

/**
 * readBodyLimited (read-body.ts) for a node:http request, for handlers that answer before Next.js routes
 * the request (scripts/serve.ts): the same text (UTF-8, invalid bytes as U+FFFD), the same 413 before a
 * byte is read when Content-Length is over the limit, and the same 413 as soon as a body without one
 * passes it, never buffering more than the limit. What is left unread is discarded by node:http, as it
 * is behind a Next.js route. A client that trickles its body holds nothing but its own request (no
 * database connection, no place in the accept queue) until the server's requestTimeout ends it.
 */
export function readNodeBodyLimited(request: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    if (declaredTooLarge(request.headers["content-length"], limit)) return reject(tooLarge(limit));
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      request.off("data", onData);
      request.off("end", onEnd);
      request.off("error", onError);
      request.off("aborted", onAborted);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > limit) {
        stop();
        // Keep the stream flowing: the rest is read and dropped, not left to stall the connection.
        request.resume();
        return reject(tooLarge(limit));
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      stop();
      resolve(Buffer.concat(chunks).toString("utf8"));
    };
    const onError = (error: Error) => {
      stop();
      reject(error);
    };
    const onAborted = () => onError(new Error("the client closed the request before its body ended"));
    request.on("data", onData);
    request.on("end", onEnd);
    request.on("error", onError);
    request.on("aborted", onAborted);
  });
}
