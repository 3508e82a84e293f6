import { readdirSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "../../../lib/db";
import { getAnalytics } from "../../../lib/analytics/queries";
import { recordPageView } from "../../../lib/analytics/record-page-view";
import { readDevOutbox } from "../../../lib/console/deliver-message";
import { getAgentOrder, searchShipments } from "../../../lib/console/queries";
import { sendQueuedConsoleMessages } from "../../../lib/console/send-queued-messages";
import { sendTrackingLink } from "../../../lib/console/send-tracking-link";
import { resolveSession, SESSION_COOKIE } from "../../../lib/console/session";
import { newSecret } from "../../../lib/console/session-token";
import { consumeSignInLink } from "../../../lib/console/sign-in";
import { setShopConnection } from "../../../lib/shops/set-shop-connection";
import { setProviderConnection } from "../../../lib/merchants/set-provider-connection";
import { createApiKey } from "../../../lib/merchants/create-api-key";
import { listApiKeys, listConnections } from "../../../lib/merchants/queries";
import { revokeApiKey } from "../../../lib/merchants/revoke-api-key";
import { createOrder } from "../../../lib/shipments/create-order";
import { resetDatabase } from "../support/reset-database";
import { merchantWithKey, orderBody } from "../support/api-fixtures";

/** Every console action, tried by merchant B's user with merchant A's ids: nothing found, nothing sent, nothing changed. */
describe("console tenancy", () => {
  let a: Awaited<ReturnType<typeof merchantWithKey>>;
  let b: Awaited<ReturnType<typeof merchantWithKey>>;
  let orderA: Awaited<ReturnType<typeof createOrder>>;
  let userB: string;
  const now = new Date();

  beforeAll(async () => {
    await resetDatabase();
    a = await merchantWithKey("console-a");
    b = await merchantWithKey("console-b");
    orderA = await createOrder(a.merchant.id, orderBody("A-100", ["AONE"]));
    userB = (await db.consoleUser.create({ data: { merchantId: b.merchant.id, email: "agent@b.example", role: "agent" }, select: { id: true } })).id;
  });

  it("the agent view of A's order is not found for B", async () => {
    expect(await getAgentOrder(b.merchant.id, orderA.id)).toBeNull();
    expect(await getAgentOrder(a.merchant.id, orderA.id)).not.toBeNull();
  });

  it("search never returns A's shipments to B, by any field", async () => {
    for (const q of ["A-100", "AONE", "robin@example.com", "3125550199", "+1 312 555 0199", ""]) {
      expect(await searchShipments(b.merchant.id, { q }, now), q).toEqual([]);
    }
    expect(await searchShipments(a.merchant.id, { q: "(312) 555-0199" }, now)).toHaveLength(1);
  });

  it("B cannot send A's tracking link", async () => {
    await expect(
      sendTrackingLink(b.merchant.id, userB, { orderId: orderA.id, shipmentId: orderA.shipments[0]!.id, channel: "email" }),
    ).rejects.toMatchObject({ code: "not_found" });
    expect((await readDevOutbox()).filter((m) => m.text.includes(orderA.shipments[0]!.token))).toEqual([]);
    expect(await db.auditEntry.count()).toBe(0);
  });

  it("B cannot revoke A's key, and sees only its own keys and connections", async () => {
    await expect(revokeApiKey(b.merchant.id, a.apiKey.id, now)).rejects.toMatchObject({ code: "not_found" });
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: a.apiKey.id } })).revokedAt).toBeNull();
    await createApiKey(b.merchant.id, { name: "b second" });
    expect((await listApiKeys(b.merchant.id)).map((key) => key.id)).not.toContain(a.apiKey.id);
    expect((await listConnections(b.merchant.id)).every((c) => c.webhookUrl.endsWith("/console-b"))).toBe(true);
  });

  it("A's analytics are not B's", async () => {
    await recordPageView(orderA.shipments[0]!.token, now);
    const period = { from: new Date(now.getTime() - 86_400_000), to: new Date(now.getTime() + 86_400_000) };
    expect((await getAnalytics(b.merchant.id, period, "UTC")).views.uniqueShipments).toBe(0);
    expect((await getAnalytics(a.merchant.id, period, "UTC")).views.uniqueShipments).toBe(1);
  });

  it("A's agent sends the link to the shopper on file, and it is logged", async () => {
    const userA = (await db.consoleUser.create({ data: { merchantId: a.merchant.id, email: "agent@a.example" }, select: { id: true } })).id;
    const sent = await sendTrackingLink(a.merchant.id, userA, { orderId: orderA.id, shipmentId: orderA.shipments[0]!.id, channel: "sms" });
    expect(sent).toMatchObject({ channel: "sms", to: "+13125550199", transport: "queued" });
    await sendQueuedConsoleMessages(new Date(Date.now() + 86_400_000)); // the worker, after any quiet hours
    const [message] = (await readDevOutbox()).filter((m) => m.text.includes(orderA.shipments[0]!.token));
    expect(message).toMatchObject({ channel: "sms", to: "+13125550199", kind: "tracking-link" });
    expect(message!.text).toContain(orderA.shipments[0]!.trackingUrl);
    const view = await getAgentOrder(a.merchant.id, orderA.id);
    expect(view!.audit).toEqual([expect.objectContaining({ action: "tracking_link_sent", user: { email: "agent@a.example" } })]);
  });
});

// ── Every console server action, called as merchant B's signed-in owner with merchant A's ids ─────────────
// The real action functions run (cookies, redirects and all); only what needs a live Next.js request is
// stood in for: the cookie jar, revalidatePath and after() (whose queued sends are checked as rows instead).
const jar = new Map<string, string>();
vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)! } : undefined),
    set: (name: string, value: string) => void jar.set(name, value),
    delete: (name: string) => void jar.delete(name),
  }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("next/server", async (original) => ({ ...(await original<typeof import("next/server")>()), after: () => {} }));

/** Every exported function of app/console/**\/actions.ts, as "folder#name", found on disk so a new action cannot be forgotten. */
async function consoleActionsOnDisk(): Promise<Map<string, (...args: never[]) => Promise<unknown>>> {
  const found = new Map<string, (...args: never[]) => Promise<unknown>>();
  const walk = async (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.name === "actions.ts") {
        const folder = path.relative("app/console", dir).split(path.sep).join("/");
        for (const [name, value] of Object.entries(await import(path.resolve(full)))) {
          if (typeof value === "function") found.set(`${folder}#${name}`, value as (...args: never[]) => Promise<unknown>);
        }
      }
    }
  };
  await walk("app/console");
  return found;
}

/** What an action did, as its caller sees it: the state it returned, or where it redirected / what it threw. */
async function outcome(run: () => Promise<unknown>): Promise<unknown> {
  try {
    return { returned: await run() };
  } catch (error) {
    const digest = (error as { digest?: string }).digest;
    return digest ? { redirect: digest.split(";").slice(0, 3).join(";") } : { threw: String(error) };
  }
}

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
};

/** A user with a live session, made the way sign-in makes one (a link traded for a session). */
async function userWithSession(merchantId: string, email: string, role: "owner" | "agent", now: Date) {
  const user = await db.consoleUser.create({ data: { merchantId, email, role }, select: { id: true } });
  const { secret, secretHash } = newSecret();
  const link = await db.signInToken.create({ data: { userId: user.id, secretHash, expiresAt: new Date(now.getTime() + 600_000) }, select: { id: true } });
  const session = await consumeSignInLink(`${link.id}.${secret}`, now);
  return { id: user.id, cookie: session!.cookie };
}

describe("console actions: B's owner, signed in, with A's ids", () => {
  const now = new Date();
  const UNKNOWN = "cunknownid0000000000000000";
  let a: Awaited<ReturnType<typeof merchantWithKey>>;
  let b: Awaited<ReturnType<typeof merchantWithKey>>;
  let orderA: Awaited<ReturnType<typeof createOrder>>;
  let orderB: Awaited<ReturnType<typeof createOrder>>;
  let ownerA: { id: string; cookie: string };
  let agentA: { id: string; cookie: string };
  let ownerB: { id: string; cookie: string };
  let linkOfA: string;
  let before: string;

  async function snapshotOfA() {
    const merchant = await db.merchant.findUniqueOrThrow({
      where: { id: a.merchant.id },
      include: {
        connections: true,
        shopConnections: true,
        apiKeys: { orderBy: { id: "asc" } },
        orders: { orderBy: { id: "asc" }, include: { shipments: { orderBy: { id: "asc" } }, alertSubscriptions: true } },
        users: { orderBy: { id: "asc" }, include: { sessions: { orderBy: { id: "asc" } } } },
        auditLog: { orderBy: { id: "asc" } },
      },
    });
    const messagesToA = await db.consoleMessage.findMany({ where: { to: { in: ["robin@example.com", "+13125550199"] } }, orderBy: { id: "asc" } });
    return JSON.stringify({ merchant, messagesToA });
  }

  beforeAll(async () => {
    a = await merchantWithKey("actions-a");
    b = await merchantWithKey("actions-b");
    orderA = await createOrder(a.merchant.id, orderBody("A-200", ["ATWO"]));
    orderB = await createOrder(b.merchant.id, orderBody("B-200", ["BTWO"]));
    await setProviderConnection(a.merchant.id, "generic", "a-generic-secret-of-merchant-a");
    await setShopConnection(a.merchant.id, "woocommerce", { shopDomain: "shop.actions-a.example", secret: "a-woo-secret-of-merchant-a" });
    await db.merchant.update({
      where: { id: a.merchant.id },
      data: { customDomain: "track.actions-a.example", verifiedDomain: "track.actions-a.example", domainToken: "parcelpage-verify=actions-a" },
    });
    ownerA = await userWithSession(a.merchant.id, "owner@actions-a.example", "owner", now);
    agentA = await userWithSession(a.merchant.id, "agent@actions-a.example", "agent", now);
    ownerB = await userWithSession(b.merchant.id, "owner@actions-b.example", "owner", now);
    // An unused sign-in link of A's agent, whose id B might learn (the secret half it cannot).
    const { secretHash } = newSecret();
    linkOfA = (await db.signInToken.create({ data: { userId: agentA.id, secretHash, expiresAt: new Date(now.getTime() + 600_000) }, select: { id: true } })).id;
    jar.set(SESSION_COOKIE, ownerB.cookie);
    before = await snapshotOfA();
  });

  /**
   * One probe per action: `foreign` runs it with A's ids, `unknown` with ids nobody has; B must get the same
   * answer from both. Actions that take no id run once (their effect is B's own; A's rows are compared below).
   */
  const PROBES: Record<string, { foreign: () => FormData | undefined; unknown?: () => FormData | undefined; state?: boolean }> = {
    "sign-in#requestSignInLink": { foreign: () => form({ email: "agent@actions-a.example" }), unknown: () => form({ email: "nobody@actions.example" }) },
    "sign-in#completeSignIn": { foreign: () => form({ token: `${linkOfA}.${"x".repeat(43)}` }), unknown: () => form({ token: `${UNKNOWN}.${"x".repeat(43)}` }) },
    "(app)/orders/[orderId]#sendLinkAction": {
      foreign: () => form({ orderId: orderA.id, shipmentId: orderA.shipments[0]!.id, channel: "email" }),
      unknown: () => form({ orderId: UNKNOWN, shipmentId: UNKNOWN, channel: "email" }),
    },
    "(app)/integration#createKeyAction": { state: true, foreign: () => form({ name: "B's key" }) },
    "(app)/integration#revokeKeyAction": { foreign: () => form({ id: a.apiKey.id }), unknown: () => form({ id: UNKNOWN }) },
    "(app)/integration#setConnectionAction": { state: true, foreign: () => form({ provider: "generic", secret: "b-generic-secret-of-merchant-b" }) },
    "(app)/integration#setShopConnectionAction": { state: true, foreign: () => form({ platform: "shopify", shopDomain: "b-shop.myshopify.com", secret: "b-shopify-secret-of-merchant-b" }) },
    "(app)/integration#removeShopConnectionAction": { foreign: () => form({ platform: "woocommerce" }) },
    // Inviting A's agent's address makes a user of B's (a person may work for two shops); A's user is untouched.
    "(app)/integration#inviteAction": { state: true, foreign: () => form({ email: "agent@actions-a.example", role: "owner" }) },
    "(app)/integration#revokeSessionsAction": { foreign: () => form({ id: agentA.id }), unknown: () => form({ id: UNKNOWN }) },
    "(app)/integration#removeUserAction": { foreign: () => form({ id: ownerA.id }), unknown: () => form({ id: UNKNOWN }) },
    "(app)/branding#saveBranding": {
      state: true,
      foreign: () => form({ name: "Shop actions-b", brandColor: "#123456", defaultLocale: "en", timeZone: "UTC", customDomain: "Track.Actions-A.example" }),
    },
    "(app)/branding#verifyDomain": { foreign: () => undefined },
    // Last: it ends B's own session (and must end nothing of A's).
    "sign-in#signOut": { foreign: () => undefined },
  };

  it("every console action has a probe here", async () => {
    expect([...(await consoleActionsOnDisk()).keys()].sort()).toEqual(Object.keys(PROBES).sort());
  });

  it("each action answers A's ids exactly as it answers unknown ids, and changes nothing of A's", async () => {
    const actions = await consoleActionsOnDisk();
    const call = (name: string, data: FormData | undefined) => {
      const action = actions.get(name)! as (...args: unknown[]) => Promise<unknown>;
      return outcome(() => (PROBES[name]!.state ? action({ ok: false, message: null, errors: {} }, data) : data ? action(data) : action()));
    };
    const answers: Record<string, unknown> = {};
    for (const name of Object.keys(PROBES)) {
      jar.set(SESSION_COOKIE, ownerB.cookie);
      const probe = PROBES[name]!;
      const foreign = await call(name, probe.foreign());
      answers[name] = foreign;
      expect(JSON.stringify(foreign), name).not.toMatch(/A-200|ATWO|actions-a"|robin@example|parcelpage-verify=actions-a/);
      expect(foreign, name).not.toHaveProperty("threw");
      if (probe.unknown) expect(await call(name, probe.unknown()), name).toEqual(foreign);
      expect(await snapshotOfA(), `${name} changed A's rows`).toBe(before);
    }
    // What B saw, in the words B's browser would get.
    expect(answers["(app)/orders/[orderId]#sendLinkAction"]).toEqual({ redirect: "NEXT_REDIRECT;replace;/console/shipments" });
    expect(answers["sign-in#completeSignIn"]).toEqual({ redirect: "NEXT_REDIRECT;replace;/console/sign-in?error=link" });
    expect(answers["(app)/branding#saveBranding"]).toMatchObject({ returned: { ok: false, errors: { customDomain: expect.any(String) } } });
    expect(answers["(app)/integration#inviteAction"]).toMatchObject({ returned: { ok: true } });
    expect(answers["(app)/branding#verifyDomain"]).toEqual({ returned: { ok: false, message: "Set a custom domain first." } });
    expect(jar.has(SESSION_COOKIE)).toBe(false); // signed out: B's own session, not A's
    expect(await resolveSession(ownerA.cookie, now)).not.toBeNull();
    expect(await resolveSession(agentA.cookie, now)).not.toBeNull();
  });

  it("an order of B's with a shipment of A's (or the reverse) is not found either", async () => {
    jar.set(SESSION_COOKIE, (await userWithSession(b.merchant.id, "second@actions-b.example", "owner", now)).cookie);
    const { sendLinkAction } = await import("../../../app/console/(app)/orders/[orderId]/actions");
    for (const [orderId, shipmentId] of [[orderB.id, orderA.shipments[0]!.id], [orderA.id, orderB.shipments[0]!.id]] as const) {
      expect(await outcome(() => sendLinkAction(form({ orderId, shipmentId, channel: "sms" })))).toEqual({ redirect: "NEXT_REDIRECT;replace;/console/shipments" });
    }
    expect(await snapshotOfA()).toBe(before);
  });
});
