/** Tries per row before it is dead-lettered (status FAILED, last error kept). */
export const MAX_ATTEMPTS = 10;

export interface BackoffOptions {
  baseMs: number;
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 5_000, capMs: 30 * 60_000 };

/**
 * Delay before try number `attempt + 1`, after `attempt` failures: exponential, capped, with "equal
 * jitter" (half fixed, half random) so a burst of failures does not come back as a burst.
 * Defaults: ~5 s, 10 s, 20 s … capped at 30 min; ten tries ride out an outage of roughly half an hour.
 */
export function backoffDelay(attempt: number, options: BackoffOptions = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const exponential = Math.min(options.capMs, options.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exponential / 2 + random() * (exponential / 2));
}
