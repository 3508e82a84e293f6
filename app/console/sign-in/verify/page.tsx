import type { Metadata } from "next";
import { completeSignIn } from "../actions";

export const metadata: Metadata = { title: "Sign in · Parcelpage console", referrer: "no-referrer" };
export const dynamic = "force-dynamic";

/**
 * The emailed link lands here and only shows a button: the link is consumed by the POST, so mail scanners
 * that pre-fetch links (Outlook Safe Links and the like) cannot use it up.
 */
export default async function VerifyPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams;
  return (
    <main className="mx-auto max-w-md px-6 py-16">
      <h1 className="text-2xl font-semibold">Finish signing in</h1>
      <p className="mt-2 text-slate-600">Continue to open the console in this browser.</p>
      <form action={completeSignIn} className="mt-6">
        <input type="hidden" name="token" value={token ?? ""} />
        <button type="submit" className="w-full rounded-md bg-slate-900 px-4 py-2 font-medium text-white hover:bg-slate-700">Sign in</button>
      </form>
    </main>
  );
}
