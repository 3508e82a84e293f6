/**
 * True when an error means "the database cannot be reached right now" (so the caller should answer 503
 * and let the sender retry), as opposed to a bug. Decided by error codes along the cause chain, never by
 * message text.
 */
const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EHOSTUNREACH", "57P01", "57P03", "53300"]);
const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2028"]);
const ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections", "TransactionAlreadyClosed"]);

export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === "object" && !seen.has(current)) {
    seen.add(current);
    const { code, kind, cause } = current as { code?: unknown; kind?: unknown; cause?: unknown };
    if (typeof code === "string" && (NETWORK_CODES.has(code) || PRISMA_CODES.has(code))) return true;
    if (typeof kind === "string" && ADAPTER_KINDS.has(kind)) return true;
    // pg reports a dropped connection, and its own query timeout (the accept pool sets one), as a plain
    // Error whose only mark is its message; they have no code.
    if (current instanceof Error && /Connection terminated|^Query read timeout$/.test(current.message)) return true;
    // A raw query's failure (P2010) carries the adapter's error in meta.driverAdapterError, kind in its cause.
    const meta = (current as { meta?: { driverAdapterError?: unknown } }).meta;
    current = cause ?? (current as { originalError?: unknown }).originalError ?? meta?.driverAdapterError;
  }
  return false;
}
