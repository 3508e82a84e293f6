import { mkdirSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";
import pg from "pg";
import { en } from "../../../lib/i18n/dictionaries/en";
import { demo, tokenOf } from "./demo";

export const SHOTS = "test-results/screenshots";
mkdirSync(SHOTS, { recursive: true });

export const LANGS = ["en", "es", "fr", "de", "pt-BR"] as const;

/** Every demo state the tracking page must get right, with the order that shows it. */
export const STATES = {
  "label-created": { order: "NW-1001", status: "INFO_RECEIVED" },
  "in-transit": { order: "NW-1002", status: "IN_TRANSIT" },
  "out-for-delivery": { order: "NW-1003", status: "OUT_FOR_DELIVERY" },
  delivered: { order: "NW-1004", status: "DELIVERED" },
  exception: { order: "NW-1005", status: "EXCEPTION" },
  "multi-parcel": { order: "NW-1006", status: null },
  delayed: { order: "NW-1007", status: "IN_TRANSIT" },
  attempted: { order: "NW-1008", status: "DELIVERY_ATTEMPTED" },
  pickup: { order: "NW-1009", status: "AVAILABLE_FOR_PICKUP" },
  returned: { order: "NW-1010", status: "RETURNED_TO_SENDER" },
} as const;
export type State = keyof typeof STATES;

export function trackingPath(state: State, lang?: string): string {
  return `/t/${tokenOf(STATES[state].order)}${lang ? `?lang=${lang}` : ""}`;
}

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 900 };

/** WCAG 2.2 A and AA, as axe tags them. */
export async function expectNoAxeViolations(page: Page, context: string) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  const violations = results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`);
  expect(violations, `axe violations on ${context}`).toEqual([]);
  return results.passes.length;
}

/** Records Content-Security-Policy violations from the start of every document of the page. */
export async function collectCspViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  await page.exposeFunction("__reportCsp", (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      (window as unknown as { __reportCsp(text: string): void }).__reportCsp(`${event.violatedDirective} ${event.blockedURI} ${event.sample}`);
    });
  });
  return violations;
}

/** English interface strings (placeholders cut out), to prove none shows on a page in another language. */
export function englishUiStrings(): string[] {
  const strings: string[] = [];
  const walk = (tree: object) => {
    for (const value of Object.values(tree)) {
      if (typeof value === "string") strings.push(...value.split(/\{\w+\}/).map((part) => part.trim()).filter((part) => part.length >= 12));
      else walk(value as object);
    }
  };
  walk(en);
  return [...new Set(strings)];
}

export async function withDatabase<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: demo().databaseUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
