import { z } from "zod";

/**
 * All configuration, read and validated in one place. A bad value stops start-up with one line
 * naming the variable (see formatEnvError), never a stack trace.
 */
const postgresUrl = z
  .string()
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === "postgresql:" || url.protocol === "postgres:") && url.hostname !== "";
    } catch {
      return false;
    }
  }, "must be a postgresql://user@host:port/database URL");

const optionalUrl = (protocols: string[], hint: string) =>
  z
    .string()
    .optional()
    .refine((value) => {
      if (!value) return true;
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    }, hint);

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** Where `npm start` listens: 127.0.0.1 for the embedded demo, 0.0.0.0 with DATABASE_URL, unless set. */
  HOST: z.string().regex(/^[0-9a-zA-Z.:-]{1,253}$/, "must be an address or host name such as 0.0.0.0").optional(),
  DATABASE_URL: postgresUrl.optional(),
  DB_POOL_MAX: z.coerce.number().int().min(1).max(50).default(5),
  APP_URL: optionalUrl(["http:", "https:"], "must be an http(s):// URL"),
  APP_SECRET: z.string().min(32, "must be at least 32 characters (e.g. `openssl rand -hex 32`)").optional(),
  SMTP_URL: optionalUrl(["smtp:", "smtps:"], "must be an smtp:// or smtps:// URL"),
  SMTP_FROM: z.string().optional(),
  TWILIO_ACCOUNT_SID: z.string().optional(),
  TWILIO_AUTH_TOKEN: z.string().optional(),
  TWILIO_FROM: z.string().optional(),
  TWILIO_BASE_URL: optionalUrl(["http:", "https:"], "must be an http(s):// URL").default("https://api.twilio.com"),
  PGLITE_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
  /**
   * How many reverse proxies in front of the app append to X-Forwarded-For (see lib/lookup/client-ip.ts).
   * 0 (default): the socket address is the client and X-Forwarded-For is ignored.
   */
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  /** Days a webhook's raw body and headers are kept; then only its outcome remains (retention, run by the worker). */
  WEBHOOK_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  /** DNS servers for custom-domain proofs ("127.0.0.1:5353,[::1]:53"); unset = the system's resolvers. */
  DNS_SERVERS: z
    .string()
    .transform((value) => value.split(",").map((part) => part.trim()).filter(Boolean))
    .optional(),
  /** Shows /dev/outbox (messages written by the file transports). `npm start` sets it for the embedded default. */
  DEV_OUTBOX: z.stringbool().default(false),
});

export type Env = z.infer<typeof schema>;

export class EnvError extends Error {}

export function parseEnv(source: Record<string, string | undefined>): Env {
  // Empty strings mean "unset" (shells and .env files produce them).
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ""));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new EnvError(`Invalid configuration: ${issue.path.join(".")} ${issue.message}`);
  }
  return result.data;
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** The base URL links point at (tracking URLs in emails, console links). */
export function appUrl(): string {
  const { APP_URL, PORT } = env();
  return (APP_URL ?? `http://localhost:${PORT}`).replace(/\/$/, "");
}

/** For scripts that decide DATABASE_URL themselves (the embedded database) after the first read. */
export function reloadEnv(): Env {
  cached = undefined;
  return env();
}
