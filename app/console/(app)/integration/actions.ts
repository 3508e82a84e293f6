"use server";
import { revalidatePath } from "next/cache";
import { after } from "next/server";
import { PROVIDERS, type Provider } from "@/lib/carriers/types";
import { requireConsoleUser } from "@/lib/console/auth";
import { inviteUser } from "@/lib/console/invite-user";
import { removeConsoleUser } from "@/lib/console/remove-user";
import { revokeUserSessions } from "@/lib/console/revoke-user-sessions";
import { sendQueuedConsoleMessages } from "@/lib/console/send-queued-messages";
import { recordAudit } from "@/lib/console/record-audit";
import { AppError } from "@/lib/errors";
import { createApiKey } from "@/lib/merchants/create-api-key";
import { revokeApiKey } from "@/lib/merchants/revoke-api-key";
import { setProviderConnection } from "@/lib/merchants/set-provider-connection";
import { isShopPlatform } from "@/lib/shops/platforms";
import { removeShopConnection } from "@/lib/shops/remove-shop-connection";
import { setShopConnection } from "@/lib/shops/set-shop-connection";

export interface ActionState {
  ok: boolean;
  message: string | null;
  /** A new API key, shown once. */
  key?: string;
}

function failure(error: unknown): ActionState {
  if (error instanceof AppError) return { ok: false, message: error.message };
  throw error;
}

export async function createKeyAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const user = await requireConsoleUser("owner");
  try {
    const created = await createApiKey(user.merchantId, { name: String(formData.get("name") ?? "").trim() || "Console key" });
    await recordAudit(user.merchantId, user.userId, "api_key_created", { detail: { prefix: created.prefix } });
    revalidatePath("/console/integration");
    return { ok: true, message: `Created "${created.name}". Copy the key now: it is not shown again.`, key: created.key };
  } catch (error) {
    return failure(error);
  }
}

export async function revokeKeyAction(formData: FormData) {
  const user = await requireConsoleUser("owner");
  const id = String(formData.get("id") ?? "");
  // Another merchant's key (or one already gone) is unknown here: nothing happens, as for the people actions,
  // rather than an error page.
  const revoked = await revokeApiKey(user.merchantId, id, new Date()).then(() => true, (error: unknown) => (ignoreExpected(error), false));
  if (!revoked) return;
  await recordAudit(user.merchantId, user.userId, "api_key_revoked", { detail: { apiKeyId: id } });
  revalidatePath("/console/integration");
}

export async function setConnectionAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const user = await requireConsoleUser("owner");
  const provider = String(formData.get("provider") ?? "");
  if (!(PROVIDERS as readonly string[]).includes(provider)) return { ok: false, message: "Unknown provider." };
  try {
    await setProviderConnection(user.merchantId, provider as Provider, String(formData.get("secret") ?? ""));
    await recordAudit(user.merchantId, user.userId, "connection_set", { detail: { provider } });
    revalidatePath("/console/integration");
    return { ok: true, message: `Saved the ${provider} secret.` };
  } catch (error) {
    return failure(error);
  }
}

/** Connects or replaces the merchant's shop on one platform (domain and webhook secret); audited without the secret. */
export async function setShopConnectionAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const user = await requireConsoleUser("owner");
  const platform = String(formData.get("platform") ?? "");
  if (!isShopPlatform(platform)) return { ok: false, message: "Unknown shop platform." };
  try {
    const saved = await setShopConnection(user.merchantId, platform, {
      shopDomain: String(formData.get("shopDomain") ?? ""),
      secret: String(formData.get("secret") ?? ""),
    });
    await recordAudit(user.merchantId, user.userId, "shop_connected", { detail: { platform, shopDomain: saved.shopDomain } });
    revalidatePath("/console/integration");
    return { ok: true, message: `Connected ${saved.shopDomain}.` };
  } catch (error) {
    return failure(error);
  }
}

/** Disconnects the shop: its webhooks are refused from now on. Nothing connected: nothing happens. */
export async function removeShopConnectionAction(formData: FormData) {
  const user = await requireConsoleUser("owner");
  const platform = String(formData.get("platform") ?? "");
  if (!isShopPlatform(platform)) return;
  if (!(await removeShopConnection(user.merchantId, platform))) return;
  await recordAudit(user.merchantId, user.userId, "shop_removed", { detail: { platform } });
  revalidatePath("/console/integration");
}

export async function inviteAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const user = await requireConsoleUser("owner");
  try {
    const invited = await inviteUser(
      user.merchantId,
      { email: String(formData.get("email") ?? ""), role: formData.get("role") === "owner" ? "owner" : "agent" },
      new Date(),
    );
    await recordAudit(user.merchantId, user.userId, "user_invited", { detail: { email: invited.email, role: invited.role } });
    after(() => sendQueuedConsoleMessages(new Date())); // the link was queued; it goes out after this answer
    revalidatePath("/console/integration");
    return { ok: true, message: `Invited ${invited.email}; a sign-in link is on its way.` };
  } catch (error) {
    return failure(error);
  }
}

/** Owners only (also checked in lib): ends every session of a user of this merchant at once. */
export async function revokeSessionsAction(formData: FormData) {
  const user = await requireConsoleUser("owner");
  await revokeUserSessions(user, String(formData.get("id") ?? ""), new Date()).catch(ignoreExpected);
  revalidatePath("/console/integration");
}

/** Owners only (also checked in lib): removes a user of this merchant; their sessions stop working at once. */
export async function removeUserAction(formData: FormData) {
  const user = await requireConsoleUser("owner");
  await removeConsoleUser(user, String(formData.get("id") ?? ""), new Date()).catch(ignoreExpected);
  revalidatePath("/console/integration");
}

/** Another merchant's id, a user already gone, the last owner: nothing happens, and the page shows the list as it is. */
function ignoreExpected(error: unknown) {
  if (!(error instanceof AppError)) throw error;
}
