import type { Metadata } from "next";
import { requestSignInLink } from "./actions";

export const metadata: Metadata = { title: "Sign in · Parcelpage console" };
export const dynamic = "force-dynamic";

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ sent?: string; error?: string }> }) {
  const { sent, error } = await searchParams;
  return (
    <main className="mx-auto max-w-md px-6 py-16">
      <h1 className="text-2xl font-semibold">Sign in to the console</h1>
      {sent ? (
        <p role="status" className="mt-6 rounded-md border border-emerald-200 bg-emerald-50 p-4 text-emerald-900">
          If that address belongs to a console user, a sign-in link is on its way. It works once, for 15 minutes.
        </p>
      ) : (
        <p className="mt-2 text-slate-600">We email you a one-time link. No password to remember.</p>
      )}
      {error === "link" && (
        <p role="alert" className="mt-6 rounded-md border border-red-200 bg-red-50 p-4 text-red-900">
          That link has expired or was already used. Ask for a new one below.
        </p>
      )}
      {error === "email" && (
        <p role="alert" className="mt-6 rounded-md border border-red-200 bg-red-50 p-4 text-red-900">Enter a valid email address.</p>
      )}
      <form action={requestSignInLink} className="mt-6 space-y-3">
        <label className="block text-sm font-medium" htmlFor="email">Work email</label>
        <input id="email" name="email" type="email" required autoComplete="email" className="w-full rounded-md border border-slate-300 px-3 py-2" />
        <button type="submit" className="w-full rounded-md bg-slate-900 px-4 py-2 font-medium text-white hover:bg-slate-700">Email me a sign-in link</button>
      </form>
    </main>
  );
}
