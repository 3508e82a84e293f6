import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../lib/db";
import { removeConsoleUser } from "../../../lib/console/remove-user";
import { revokeUserSessions } from "../../../lib/console/revoke-user-sessions";
import { resolveSession, type ConsolePrincipal } from "../../../lib/console/session";
import { consumeSignInLink } from "../../../lib/console/sign-in";
import { newSecret } from "../../../lib/console/session-token";
import { createMerchant } from "../../../lib/merchants/create-merchant";
import { resetDatabase } from "../support/reset-database";

/** A user with a live session, made the way sign-in makes one (a link traded for a session). */
async function userWithSession(merchantId: string, email: string, role: "owner" | "agent", now: Date) {
  const user = await db.consoleUser.create({ data: { merchantId, email, role }, select: { id: true } });
  const { secret, secretHash } = newSecret();
  const link = await db.signInToken.create({ data: { userId: user.id, secretHash, expiresAt: new Date(now.getTime() + 600_000) }, select: { id: true } });
  const session = await consumeSignInLink(`${link.id}.${secret}`, now);
  const principal = (await resolveSession(session!.cookie, now))!;
  return { id: user.id, cookie: session!.cookie, principal };
}

describe("console people: owners remove users and end their sessions; agents cannot", () => {
  const now = new Date();
  let shop: string;
  let other: string;
  let owner: { id: string; cookie: string; principal: ConsolePrincipal };

  beforeAll(async () => {
    await resetDatabase();
    shop = (await createMerchant({ slug: "people-shop", name: "People Shop", timeZone: undefined, defaultLocale: undefined })).id;
    other = (await createMerchant({ slug: "people-other", name: "Other Shop", timeZone: undefined, defaultLocale: undefined })).id;
    owner = await userWithSession(shop, "owner@people.example", "owner", now);
  });

  it("a removed agent's session stops working at once, and the audit trail keeps who it was", async () => {
    const agent = await userWithSession(shop, "leaver@people.example", "agent", now);
    expect(await resolveSession(agent.cookie, now)).not.toBeNull();
    expect(await removeConsoleUser(owner.principal, agent.id, now)).toEqual({ email: "leaver@people.example" });
    expect(await resolveSession(agent.cookie, now)).toBeNull();
    expect(await db.consoleUser.count({ where: { id: agent.id } })).toBe(0);
    expect(await db.auditEntry.findFirst({ where: { merchantId: shop, action: "user_removed" }, select: { detail: true, userId: true } })).toMatchObject({
      detail: { email: "leaver@people.example", role: "agent" },
      userId: owner.id,
    });
  });

  it("'sign out everywhere' ends every session and unused link of a user, who stays a member", async () => {
    const agent = await userWithSession(shop, "laptop-lost@people.example", "agent", now);
    const second = await consumeSignInLink(await freshLink(agent.id, now), now);
    const pending = await freshLink(agent.id, now);
    expect(await revokeUserSessions(owner.principal, agent.id, now)).toBe(2);
    expect(await resolveSession(agent.cookie, now)).toBeNull();
    expect(await resolveSession(second!.cookie, now)).toBeNull();
    expect(await consumeSignInLink(pending, now)).toBeNull();
    expect(await db.consoleUser.count({ where: { id: agent.id } })).toBe(1);
  });

  it("refuses agents who call the owner-only actions, and changes nothing", async () => {
    const agent = await userWithSession(shop, "agent@people.example", "agent", now);
    const victim = await userWithSession(shop, "victim@people.example", "agent", now);
    await expect(removeConsoleUser(agent.principal, victim.id, now)).rejects.toMatchObject({ code: "forbidden" });
    await expect(removeConsoleUser(agent.principal, owner.id, now)).rejects.toMatchObject({ code: "forbidden" });
    await expect(revokeUserSessions(agent.principal, owner.id, now)).rejects.toMatchObject({ code: "forbidden" });
    expect(await resolveSession(victim.cookie, now)).not.toBeNull();
    expect(await resolveSession(owner.cookie, now)).not.toBeNull();
    // An owner demoted to agent loses owner actions on the next request (the role is read each time).
    await db.consoleUser.update({ where: { id: victim.id }, data: { role: "owner" } });
    const promoted = (await resolveSession(victim.cookie, now))!;
    await db.consoleUser.update({ where: { id: victim.id }, data: { role: "agent" } });
    expect((await resolveSession(victim.cookie, now))!.role).toBe("agent");
    expect(promoted.role).toBe("owner");
  });

  it("an owner of another merchant finds nobody; the last owner cannot be removed", async () => {
    const outsider = await userWithSession(other, "owner@other.example", "owner", now);
    const agent = await userWithSession(shop, "stays@people.example", "agent", now);
    await expect(removeConsoleUser(outsider.principal, agent.id, now)).rejects.toMatchObject({ code: "not_found" });
    await expect(revokeUserSessions(outsider.principal, agent.id, now)).rejects.toMatchObject({ code: "not_found" });
    expect(await resolveSession(agent.cookie, now)).not.toBeNull();
    await expect(removeConsoleUser(owner.principal, owner.id, now)).rejects.toMatchObject({ code: "conflict" });
    expect(await resolveSession(owner.cookie, now)).not.toBeNull();
  });
});

async function freshLink(userId: string, now: Date): Promise<string> {
  const { secret, secretHash } = newSecret();
  const link = await db.signInToken.create({ data: { userId, secretHash, expiresAt: new Date(now.getTime() + 600_000) }, select: { id: true } });
  return `${link.id}.${secret}`;
}
