/**
 * Over real HTTP against the production build: the console cookie's flags as the browser receives them, a
 * cross-site POST of a console server action refused (Origin of another site) while the very same request
 * from the console's own origin runs, and the local-only routes (/dev/outbox, /api/noop) absent from a
 * deployment that did not turn them on.
 */
import { expect, test } from "@playwright/test";
import pg from "pg";
import { addConsoleUser, messageTo, signIn } from "./support/console";
import { demo } from "./support/demo";

async function query<T extends pg.QueryResultRow>(sql: string, values: unknown[]): Promise<T[]> {
  const client = new pg.Client({ connectionString: demo().databaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

async function keysNamed(name: string): Promise<number> {
  const client = new pg.Client({ connectionString: demo().databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ count: string }>(`SELECT count(*) FROM "ApiKey" WHERE "name" = $1`, [name]);
    return Number(rows[0]!.count);
  } finally {
    await client.end();
  }
}

test("the session cookie arrives HttpOnly, SameSite=Lax, Path=/, not Secure on an http APP_URL; a cross-site action POST is refused", async ({ page, baseURL }) => {
  const owner = await addConsoleUser("owner");
  await page.goto("/console/sign-in");
  await page.getByLabel("Work email").fill(owner);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("status")).toContainText("sign-in link is on its way");
  const link = /https?:\/\/\S+\/console\/sign-in\/verify\?token=\S+/.exec((await messageTo(owner, "sign-in-link")).text ?? "")![0];
  await page.goto(link);
  const signedIn = page.waitForResponse((response) => response.request().method() === "POST" && response.url().includes("/console/sign-in/verify"));
  await page.getByRole("button", { name: "Sign in" }).click();
  const setCookie = (await (await signedIn).headerValue("set-cookie")) ?? "";
  expect(setCookie).toMatch(/^pp_console=[^;]+; Path=\/; Expires=[^;]+; HttpOnly; SameSite=lax$/i);
  expect(setCookie).not.toMatch(/Secure/i);
  await expect(page).toHaveURL(/\/console\/shipments/);
  const [cookie] = await page.context().cookies();
  expect(cookie).toMatchObject({ name: "pp_console", httpOnly: true, sameSite: "Lax", secure: false, path: "/" });

  // A real action call from the console page, captured to be replayed byte for byte.
  await page.goto("/console/integration");
  await page.getByLabel("Label").fill("csrf probe key");
  const captured = page.waitForRequest((request) => request.method() === "POST" && Boolean(request.headers()["next-action"]));
  await page.getByRole("button", { name: "Create key" }).click();
  const action = await captured;
  await expect(page.getByTestId("new-api-key")).toBeVisible();
  expect(await keysNamed("csrf probe key")).toBe(1);

  const replay = (origin: string) => {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(action.headers())) {
      if (!["cookie", "host", "content-length", "origin", "referer"].includes(name)) headers[name] = value;
    }
    return page.request.post(action.url(), { headers: { ...headers, origin, referer: `${origin}/` }, data: action.postDataBuffer()!, maxRedirects: 0 });
  };

  // Another site's page posting the same action with the owner's cookie: refused before the action runs.
  for (const origin of ["http://evil.example", "https://127.0.0.1.evil.example", "null"]) {
    const refused = await replay(origin);
    expect(refused.status(), origin).toBeGreaterThanOrEqual(400);
    expect(await keysNamed("csrf probe key"), origin).toBe(1);
  }
  // The same bytes from the console's own origin run (so the refusal above was the Origin check, nothing else).
  const sameSite = await replay(new URL(baseURL!).origin);
  expect(sameSite.status()).toBe(200);
  expect(await keysNamed("csrf probe key")).toBe(2);
});

test("a plain cross-site HTML form POST (no JavaScript, the classic CSRF) to a console action is refused; the same form from the console's origin works", async ({ page, baseURL }) => {
  await signIn(page, await addConsoleUser("owner"));
  await page.goto("/console/integration");
  await page.getByLabel("Label").fill("csrf form key");
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByTestId("new-api-key")).toBeVisible();
  const [key] = await query<{ id: string }>(`SELECT "id" FROM "ApiKey" WHERE "name" = 'csrf form key'`, []);
  await page.reload();
  // The revoke form as the server rendered it: without JavaScript it posts its action id as a form field.
  const form = page.locator(`form:has(input[name="id"][value="${key!.id}"])`);
  const actionField = await form.locator('input[name^="$ACTION_ID_"]').getAttribute("name");
  expect(actionField).toBeTruthy();
  const revokedAt = async () => (await query<{ revokedAt: Date | null }>(`SELECT "revokedAt" FROM "ApiKey" WHERE "id" = $1`, [key!.id]))[0]!.revokedAt;

  const post = (origin: string) =>
    page.request.post("/console/integration", { multipart: { [actionField!]: "", id: key!.id }, headers: { origin, referer: `${origin}/` }, maxRedirects: 0 });
  const refused = await post("http://evil.example");
  expect(refused.status()).toBeGreaterThanOrEqual(400);
  expect(await revokedAt()).toBeNull();

  const accepted = await post(new URL(baseURL!).origin);
  expect(accepted.status()).toBeLessThan(400);
  expect(await revokedAt()).not.toBeNull();
});

test("/dev/outbox and /api/noop do not exist in a deployment that did not turn them on (no DEV_OUTBOX, no BENCH_NOOP)", async ({ request }) => {
  const visitors: Record<string, string>[] = [{}, { "X-Forwarded-For": "203.0.113.9" }];
  for (const headers of visitors) {
    const page = await request.get("/dev/outbox", { headers });
    expect(page.status()).toBe(404);
    const html = await page.text();
    expect(html).toContain("We couldn't find that page");
    // Nothing of the page, not even its title (a 404's metadata is rendered from the page's): like any unknown path.
    expect(html).not.toMatch(/Dev outbox|Alerts written by the file transports|data-testid="dev-outbox-message"/);
  }
  for (const body of ["{}", "x".repeat(10)]) {
    const noop = await request.post("/api/noop", { data: body, headers: { "content-type": "application/json" } });
    expect(noop.status()).toBe(404);
    expect(await noop.text()).not.toContain("received");
  }
});
