"use server";
import { redirect } from "next/navigation";
import { after } from "next/server";
import { z } from "zod";
import { consumeSignInLink, signOutSession } from "@/lib/console/sign-in";
import { clearSessionCookie, readSessionCookie, setSessionCookie } from "@/lib/console/auth";
import { sendQueuedConsoleMessages } from "@/lib/console/send-queued-messages";
import { sendSignInLink } from "@/lib/merchants/send-sign-in-link";

export async function requestSignInLink(formData: FormData) {
  const email = z.email().max(254).safeParse(String(formData.get("email") ?? "").trim());
  if (!email.success) redirect("/console/sign-in?error=email");
  await sendSignInLink(email.data, new Date());
  // The link is queued; it goes out after the answer (or from the worker), so the answer's time and any
  // mail-server error are the same for known and unknown addresses.
  after(() => sendQueuedConsoleMessages(new Date()));
  // The same answer whether or not the address belongs to anyone.
  redirect("/console/sign-in?sent=1");
}

export async function completeSignIn(formData: FormData) {
  const session = await consumeSignInLink(String(formData.get("token") ?? ""), new Date());
  if (!session) redirect("/console/sign-in?error=link");
  await setSessionCookie(session.cookie, session.expiresAt);
  redirect("/console/shipments");
}

export async function signOut() {
  await signOutSession(await readSessionCookie(), new Date());
  await clearSessionCookie();
  redirect("/console/sign-in");
}
