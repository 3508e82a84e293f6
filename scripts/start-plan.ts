import type { Env } from "../lib/env";

/**
 * What `npm start` will do with this configuration, decided up front (and unit-tested) so the
 * exposure rules are not buried in the start-up sequence:
 * - the embedded demo (no DATABASE_URL) listens on loopback unless HOST says otherwise; a deployment
 *   with DATABASE_URL listens on all interfaces unless HOST says otherwise;
 * - with DATABASE_URL, APP_SECRET is required in every NODE_ENV: a secret generated per machine would
 *   differ between instances sharing the database;
 * - demo data (and its printed webhook secret) goes only into the embedded database, or anywhere with
 *   an explicit `--seed-demo`;
 * - /dev/outbox exists only in the embedded demo with the file transports (no SMTP, no Twilio).
 */
export interface StartPlan {
  embedded: boolean;
  host: string;
  /** The host to print in URLs and to probe for readiness. */
  urlHost: string;
  seed: boolean;
  devOutbox: boolean;
  problem: string | null;
}

export function startPlan(env: Env, argv: string[]): StartPlan {
  const embedded = !env.DATABASE_URL;
  const host = env.HOST ?? (embedded ? "127.0.0.1" : "0.0.0.0");
  const wildcard = host === "0.0.0.0" || host === "::";
  const urlHost = wildcard || host === "127.0.0.1" ? "localhost" : host.includes(":") ? `[${host}]` : host;
  return {
    embedded,
    host,
    urlHost,
    seed: embedded || argv.includes("--seed-demo"),
    devOutbox: embedded && !env.SMTP_URL && !env.TWILIO_ACCOUNT_SID,
    problem:
      !embedded && !env.APP_SECRET
        ? "APP_SECRET is required with DATABASE_URL (the same value on every instance; at least 32 characters, e.g. `openssl rand -hex 32`)."
        : null,
  };
}
