import { AppError } from "../errors";

/**
 * Turns a verified raw body into a value for `adapter.parse`. Kept apart from the adapters because the
 * signature must be checked on the exact bytes first, and a body that is not JSON is the sender's fault (400).
 */
export function parseJsonBody(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    throw new AppError("invalid_payload", "body: is not valid JSON");
  }
}
