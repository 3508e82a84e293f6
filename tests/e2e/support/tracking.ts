import { mkdirSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";
import pg from "pg";
import { en } from "../../../lib/i18n/dictionaries/en";
import { demo } from "./demo";

export const SHOTS = "test-results/screenshots";
mkdirSync(SHOTS, { recursive: true });

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
