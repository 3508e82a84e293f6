import "server-only";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { appUrl } from "../env";
import { resolveSession, SESSION_COOKIE, type ConsolePrincipal } from "./session";

/** The signed-in console user, or a redirect to sign-in. Every console page and action starts here. */
export async function requireConsoleUser(role?: "owner"): Promise<ConsolePrincipal> {
  const store = await cookies();
  const user = await resolveSession(store.get(SESSION_COOKIE)?.value, new Date());
  if (!user) redirect("/console/sign-in");
  if (role === "owner" && user.role !== "owner") redirect("/console/shipments?denied=1");
  return user;
}

export async function setSessionCookie(value: string, expires: Date) {
  const store = await cookies();
  store.set(SESSION_COOKIE, value, {
    httpOnly: true,
    sameSite: "lax",
    secure: appUrl().startsWith("https:"),
    path: "/",
    expires,
  });
}

export async function readSessionCookie(): Promise<string | undefined> {
  return (await cookies()).get(SESSION_COOKIE)?.value;
}

export async function clearSessionCookie() {
  (await cookies()).delete(SESSION_COOKIE);
}
