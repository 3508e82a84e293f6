import { inject } from "vitest";
import type { Provider } from "../../../lib/carriers/types";

export interface AbuseContext {
  baseUrl: string;
  databaseUrl: string;
  /** The demo merchant: webhooks, lookup, tracking pages. */
  merchantSlug: string;
  secrets: Record<Provider, string>;
  /** A key of a second merchant ("abuse-api"), so API fuzzing cannot touch the webhook merchant. */
  apiKey: string;
  tokens: string[];
  twilioAuthToken: string;
  /** A signed-in owner of the API merchant ("Cookie" header value) and one of its orders. */
  console: { cookie: string; orderId: string };
  /** The demo merchant's shop connections (domain and webhook secret per platform). */
  shops: Record<"shopify" | "woocommerce", { domain: string; secret: string }>;
}

declare module "vitest" {
  export interface ProvidedContext {
    abuse: AbuseContext;
  }
}

export function abuseContext(): AbuseContext {
  return inject("abuse");
}
