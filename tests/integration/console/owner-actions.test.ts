/**
 * The console's server actions as Next.js runs them, called by id with a session cookie: an agent (or
 * nobody) calling an owner-only action is sent away and nothing changes; an owner's call lands. And the
 * session cookie that sign-in sets: HttpOnly, SameSite=Lax, Path=/, Secure exactly when APP_URL is https.
 * Only Next's request plumbing (the cookie jar, revalidatePath, after) is stood in for; the rest is real.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "../../../lib/db";
import { reloadEnv } from "../../../lib/env";
import { SESSION_COOKIE, resolveSession } from "../../../lib/console/session";
import { consumeSignInLink } from "../../../lib/console/sign-in";
import { newSecret } from "../../../lib/console/session-token";
import { createApiKey } from "../../../lib/merchants/create-api-key";
import { createMerchant } from "../../../lib/merchants/create-merchant";
import { setShopConnection } from "../../../lib/shops/set-shop-connection";
import { resetDatabase } from "../support/reset-database";

const jar = vi.hoisted(() => ({
  value: undefined as string | undefined,
  sets: [] as { name: string; value: string; options: Record<string, unknown> }[],
  deletes: [] as string[],
  after: 0,
}));

vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (name === "pp_console" && jar.value !== undefined ? { name, value: jar.value } : undefined),
    set: (name: string, value: string, options: Record<string, unknown>) => void jar.sets.push({ name, value, options }),
    delete: (name: string) => void jar.deletes.push(name),
  }),
  headers: async () => new Headers(),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
vi.mock("next/server", () => ({ after: () => void (jar.after += 1) }));

const { saveBranding, verifyDomain } = await import("../../../app/console/(app)/branding/actions");
const integration = await import("../../../app/console/(app)/integration/actions");
const { completeSignIn, signOut } = await import("../../../app/console/sign-in/actions");

/** What an action did: returned a value, or redirected (Next throws a NEXT_REDIRECT error carrying the target). */
async function outcome<T>(call: Promise<T>): Promise<{ returned: T } | { redirect: string }> {
  try {
    return { returned: await call };
  } catch (error) {
    const digest = String((error as { digest?: string }).digest ?? error);
    const target = /^NEXT_REDIRECT;\w+;([^;]+);/.exec(digest)?.[1];
    if (!target) throw error;
    return { redirect: target };
  }
}

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}

async function signInLink(userId: string, now: Date): Promise<string> {
  const { secret, secretHash } = newSecret();
  const link = await db.signInToken.create({ data: { userId, secretHash, expiresAt: new Date(now.getTime() + 600_000) }, select: { id: true } });
  return `${link.id}.${secret}`;
}

async function userWithCookie(merchantId: string, email: string, role: "owner" | "agent") {
  const user = await db.consoleUser.create({ data: { merchantId, email, role }, select: { id: true } });
  const session = await consumeSignInLink(await signInLink(user.id, new Date()), new Date());
  return { id: user.id, cookie: session!.cookie };
}

const NO_STATE = { ok: false, message: null } as const;
const BRANDING_STATE = { ok: false, message: null, errors: {} };

describe("owner-only console actions", () => {
  let merchantId: string;
  let owner: { id: string; cookie: string };
  let agent: { id: string; cookie: string };
  let keyId: string;

  beforeAll(async () => {
    await resetDatabase();
    merchantId = (await createMerchant({ slug: "owner-actions", name: "Owner Actions Shop", timeZone: undefined, defaultLocale: undefined })).id;
    owner = await userWithCookie(merchantId, "owner@owner-actions.example", "owner");
    agent = await userWithCookie(merchantId, "agent@owner-actions.example", "agent");
    keyId = (await createApiKey(merchantId, { name: "existing" })).id;
    await setShopConnection(merchantId, "woocommerce", { shopDomain: "owner-actions.example", secret: "woo-secret-of-the-owner-0001" });
  });
  beforeEach(() => {
    jar.value = undefined;
    jar.sets.length = 0;
    jar.deletes.length = 0;
  });

  /** Everything an owner-only action could change, to compare before and after. */
  async function snapshot() {
    return {
      merchant: await db.merchant.findUniqueOrThrow({ where: { id: merchantId }, select: { name: true, brandColor: true, timeZone: true, customDomain: true } }),
      keys: await db.apiKey.findMany({ where: { merchantId }, orderBy: { createdAt: "asc" }, select: { id: true, name: true, revokedAt: true } }),
      connections: await db.providerConnection.findMany({ where: { merchantId }, select: { provider: true, secretCiphertext: true } }),
      shops: await db.shopConnection.findMany({ where: { merchantId }, select: { platform: true, shopDomain: true, secretCiphertext: true } }),
      users: await db.consoleUser.findMany({ where: { merchantId }, orderBy: { email: "asc" }, select: { id: true, email: true, role: true } }),
      liveSessions: await db.consoleSession.count({ where: { user: { merchantId }, revokedAt: null } }),
      audit: await db.auditEntry.count({ where: { merchantId } }),
    };
  }

  const calls = (): Record<"saveBranding" | "verifyDomain" | "createKey" | "revokeKey" | "setConnection" | "setShop" | "removeShop" | "invite" | "revokeSessions" | "removeUser", () => Promise<unknown>> => ({
    saveBranding: () => saveBranding(BRANDING_STATE, form({ name: "Hijacked", brandColor: "#000000", defaultLocale: "en", timeZone: "UTC" })),
    verifyDomain: () => verifyDomain(),
    createKey: () => integration.createKeyAction(NO_STATE, form({ name: "agent key" })),
    revokeKey: () => integration.revokeKeyAction(form({ id: keyId })),
    setConnection: () => integration.setConnectionAction(NO_STATE, form({ provider: "generic", secret: "attacker-chosen-secret-0001" })),
    setShop: () => integration.setShopConnectionAction(NO_STATE, form({ platform: "shopify", shopDomain: "evil.myshopify.com", secret: "attacker-chosen-secret-0001" })),
    removeShop: () => integration.removeShopConnectionAction(form({ platform: "woocommerce" })),
    invite: () => integration.inviteAction(NO_STATE, form({ email: "accomplice@evil.example", role: "owner" })),
    revokeSessions: () => integration.revokeSessionsAction(form({ id: owner.id })),
    removeUser: () => integration.removeUserAction(form({ id: owner.id })),
  });

  it("an agent calling any of them is redirected to the shipments list with 'denied', and nothing changes", async () => {
    const before = await snapshot();
    jar.value = agent.cookie;
    for (const [name, call] of Object.entries(calls())) {
      expect({ name, outcome: await outcome(call()) }).toEqual({ name, outcome: { redirect: "/console/shipments?denied=1" } });
    }
    expect(await snapshot()).toEqual(before);
    expect(jar.after).toBe(0);
    expect(await resolveSession(owner.cookie, new Date())).not.toBeNull();
  });

  it("without a session (or with a revoked one) each is redirected to sign-in, and nothing changes", async () => {
    const before = await snapshot();
    const revoked = await userWithCookie(merchantId, "revoked-owner@owner-actions.example", "owner");
    await db.consoleSession.updateMany({ where: { userId: revoked.id }, data: { revokedAt: new Date() } });
    const after = await snapshot();
    for (const cookie of [undefined, "not-a-session", revoked.cookie]) {
      jar.value = cookie;
      for (const [name, call] of Object.entries(calls())) {
        expect({ name, outcome: await outcome(call()) }).toEqual({ name, outcome: { redirect: "/console/sign-in" } });
      }
    }
    expect((await snapshot()).merchant).toEqual(before.merchant);
    expect(await snapshot()).toEqual(after);
  });

  it("the same calls from an owner land (so the refusals above are the role check, not a broken call)", async () => {
    jar.value = owner.cookie;
    const done = calls();
    expect(await outcome(done.saveBranding())).toMatchObject({ returned: { ok: true } });
    expect(await outcome(done.createKey())).toMatchObject({ returned: { ok: true, key: expect.stringMatching(/^pp_/) } });
    expect(await outcome(done.setConnection())).toMatchObject({ returned: { ok: true } });
    expect(await outcome(done.invite())).toMatchObject({ returned: { ok: true } });
    expect(await outcome(done.setShop())).toMatchObject({ returned: { ok: true, message: "Connected evil.myshopify.com." } });
    expect(await outcome(done.removeShop())).toEqual({ returned: undefined });
    expect(await outcome(done.revokeKey())).toEqual({ returned: undefined });
    expect(await outcome(done.verifyDomain())).toMatchObject({ returned: { ok: false, message: "Set a custom domain first." } });
    const after = await snapshot();
    expect(after.merchant).toMatchObject({ name: "Hijacked", brandColor: "#000000", timeZone: "UTC" });
    expect(after.keys.map((key) => key.name)).toEqual(["existing", "agent key"]);
    expect(after.keys[0]!.revokedAt).toBeInstanceOf(Date);
    expect(after.connections.map((c) => c.provider)).toEqual(["generic"]);
    expect(after.shops.map((shop) => [shop.platform, shop.shopDomain])).toEqual([["shopify", "evil.myshopify.com"]]);
    const audited = await db.auditEntry.findMany({ where: { merchantId, action: { startsWith: "shop_" } }, orderBy: { createdAt: "asc" }, select: { action: true, detail: true } });
    expect(audited).toEqual([
      { action: "shop_connected", detail: { platform: "shopify", shopDomain: "evil.myshopify.com" } },
      { action: "shop_removed", detail: { platform: "woocommerce" } },
    ]);
    expect(JSON.stringify(audited)).not.toContain("attacker-chosen-secret");
    expect(after.users.map((u) => u.email)).toContain("accomplice@evil.example");
    expect(jar.after).toBe(1); // the invitation's link goes out after the answer
  });
});

describe("the console session cookie", () => {
  let userId: string;
  const previousAppUrl = process.env.APP_URL;

  beforeAll(async () => {
    const merchant = await createMerchant({ slug: "cookie-shop", name: "Cookie Shop", timeZone: undefined, defaultLocale: undefined });
    userId = (await db.consoleUser.create({ data: { merchantId: merchant.id, email: "cookie@example.com", role: "agent" }, select: { id: true } })).id;
  });
  beforeEach(() => {
    jar.value = undefined;
    jar.sets.length = 0;
    jar.deletes.length = 0;
  });
  afterAll(() => {
    process.env.APP_URL = previousAppUrl;
    reloadEnv();
  });

  it.each([
    ["http://parcelpage.test", false],
    ["https://track.parcelpage.example", true],
  ])("sign-in with APP_URL %s sets it HttpOnly, SameSite=Lax, Path=/, until the session ends, Secure: %s", async (appUrl, secure) => {
    process.env.APP_URL = appUrl;
    reloadEnv();
    const started = Date.now();
    expect(await outcome(completeSignIn(form({ token: await signInLink(userId, new Date()) })))).toEqual({ redirect: "/console/shipments" });
    expect(jar.sets).toHaveLength(1);
    const [cookie] = jar.sets;
    expect(cookie!.name).toBe(SESSION_COOKIE);
    expect(cookie!.options).toEqual({ httpOnly: true, sameSite: "lax", secure, path: "/", expires: expect.any(Date) });
    const session = await resolveSession(cookie!.value, new Date());
    expect(session).toMatchObject({ userId });
    const row = await db.consoleSession.findUniqueOrThrow({ where: { id: session!.sessionId }, select: { expiresAt: true } });
    expect((cookie!.options.expires as Date).getTime()).toBe(row.expiresAt.getTime());
    expect(row.expiresAt.getTime()).toBeGreaterThanOrEqual(started + 14 * 86_400_000);
  });

  it("a used or forged link sets no cookie; signing out revokes the session and deletes the cookie", async () => {
    const link = await signInLink(userId, new Date());
    await completeSignIn(form({ token: link })).catch(() => undefined);
    const [issued] = jar.sets;
    jar.sets.length = 0;
    for (const token of [link, "forged.token", ""]) {
      expect(await outcome(completeSignIn(form({ token })))).toEqual({ redirect: "/console/sign-in?error=link" });
    }
    expect(jar.sets).toEqual([]);

    jar.value = issued!.value;
    expect(await outcome(signOut())).toEqual({ redirect: "/console/sign-in" });
    expect(jar.deletes).toEqual([SESSION_COOKIE]);
    expect(await resolveSession(issued!.value, new Date())).toBeNull();
  });
});
