import pino from "pino";

/** Structured logs. Secrets, tokens and request bodies are never logged; redact catches slips. */
export const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "silent" : "info"),
  redact: {
    paths: ["secret", "*.secret", "token", "*.token", "authorization", "*.authorization", "apiKey", "*.apiKey", "body", "*.body"],
    censor: "[redacted]",
  },
});
