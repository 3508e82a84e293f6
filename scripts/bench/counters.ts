/** What scripts/bench/render-counter.ts prints on SIGUSR2, and its shape (shared with bench-server.ts). */
export const COUNTER_LINE = "@@bench-counters ";

export interface Counters {
  /** Page loads of /t/{token} from clients. */
  views: number;
  /** … answered with a cached document (hashed CSP). */
  cached: number;
  /** … answered by a render for that visitor (nonce CSP: the cached path failed). */
  perRequest: number;
  non200: number;
  /** Loopback renders PageCache asked for. */
  renders: number;
  /** PageCache's version checks. */
  versionChecks: number;
  webhooks2xx: number;
  webhooksOther: number;
}
