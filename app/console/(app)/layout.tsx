import type { Metadata } from "next";
import Link from "next/link";
import { requireConsoleUser } from "@/lib/console/auth";
import { getMerchantSummary } from "@/lib/merchants/queries";
import { signOut } from "../sign-in/actions";

export const metadata: Metadata = { title: "Parcelpage console", robots: { index: false } };
export const dynamic = "force-dynamic";

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const user = await requireConsoleUser();
  const merchant = await getMerchantSummary(user.merchantId);
  const links = [
    { href: "/console/shipments", label: "Shipments" },
    ...(user.role === "owner"
      ? [
          { href: "/console/branding", label: "Branding" },
          { href: "/console/integration", label: "Integration" },
        ]
      : []),
    { href: "/console/analytics", label: "Analytics" },
  ];
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-6 py-3">
          <span className="font-semibold">{merchant?.name ?? "Parcelpage"}</span>
          <nav aria-label="Console" className="flex gap-4 text-sm">
            {links.map((link) => (
              <Link key={link.href} href={link.href} className="text-slate-700 hover:text-slate-950 hover:underline">
                {link.label}
              </Link>
            ))}
          </nav>
          <div className="ml-auto flex items-center gap-3 text-sm text-slate-600">
            <span>
              {user.email} · {user.role}
            </span>
            <form action={signOut}>
              <button type="submit" className="rounded border border-slate-300 px-2 py-1 hover:bg-slate-50">Sign out</button>
            </form>
          </div>
        </div>
      </header>
      <div className="mx-auto max-w-6xl px-6 py-6">{children}</div>
    </div>
  );
}
