/**
 * HTTPS to Caddy on loopback under any host name, as `curl --resolve name:port:127.0.0.1` does: connects
 * to 127.0.0.1, sends the name as SNI and Host, and trusts only Caddy's internal CA.
 */
import https from "node:https";
import type { PeerCertificate } from "node:tls";

export interface HttpsAnswer {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
  certificate: PeerCertificate;
}

export function httpsGet(
  name: string,
  port: number,
  path: string,
  ca: string,
  options: { agent?: https.Agent; method?: string; headers?: Record<string, string>; body?: string; timeoutMs?: number } = {},
): Promise<HttpsAnswer> {
  return new Promise((resolve, reject) => {
    const request = https.request(
      {
        host: "127.0.0.1",
        port,
        path,
        method: options.method ?? "GET",
        servername: name,
        ca,
        agent: options.agent,
        headers: { host: `${name}:${port}`, ...options.headers },
        timeout: options.timeoutMs ?? 15_000,
      },
      (response) => {
        // Read now: a keep-alive agent takes the socket back once the body has been read.
        const certificate = (response.socket as import("node:tls").TLSSocket).getPeerCertificate();
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            body: Buffer.concat(chunks).toString("utf8"),
            headers: response.headers,
            certificate,
          }),
        );
        response.on("error", reject);
      },
    );
    request.on("timeout", () => request.destroy(new Error(`no answer from ${name}${path} within the timeout`)));
    request.on("error", reject);
    request.end(options.body);
  });
}
