import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, type Page } from "@playwright/test";
import pg from "pg";
import { demo } from "./demo";

const OUTBOX = path.resolve(".data/outbox");

/** Adds a console user to the demo merchant straight in the e2e database (as `user:invite` would). */
export async function addConsoleUser(role: "owner" | "agent"): Promise<string> {
  const email = `${role}-${randomBytes(4).toString("hex")}@northwind.example`;
  const client = new pg.Client({ connectionString: demo().databaseUrl });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO "ConsoleUser" ("id", "merchantId", "email", "role") SELECT $1, "id", $2, $3::"ConsoleRole" FROM "Merchant" WHERE "slug" = $4`,
      [`e2e${randomBytes(8).toString("hex")}`, email, role, demo().merchantSlug],
    );
  } finally {
    await client.end();
  }
  return email;
}

/** The newest file-outbox message to this address (the embedded default writes mail to .data/outbox). */
export async function messageTo(address: string, kind: string): Promise<{ text?: string; body?: string; subject?: string }> {
  let found: { text?: string; body?: string; subject?: string } | undefined;
  await expect
    .poll(() => {
      const messages = readdirSync(OUTBOX)
        .filter((name) => name.endsWith(".json"))
        .map((name) => JSON.parse(readFileSync(path.join(OUTBOX, name), "utf8")))
        .filter((message) => message.to === address && message.kind === kind)
        .sort((a, b) => String(b.writtenAt).localeCompare(String(a.writtenAt)));
      found = messages[0];
      return Boolean(found);
    }, { timeout: 10_000 })
    .toBe(true);
  return found!;
}

/** Signs in the way a person does: ask for a link, open it from the outbox, press Sign in. */
export async function signIn(page: Page, email: string) {
  await page.goto("/console/sign-in");
  await page.getByLabel("Work email").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("status")).toContainText("sign-in link is on its way");
  const message = await messageTo(email, "sign-in-link");
  const link = /https?:\/\/\S+\/console\/sign-in\/verify\?token=\S+/.exec(message.text ?? "")![0];
  await page.goto(link);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/console\/shipments/);
}
