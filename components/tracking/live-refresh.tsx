"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

const INTERVAL_MS = 3_000;

/**
 * Keeps an open page current without reloading it: asks the cheap version endpoint (ETag, mostly 304)
 * every few seconds while the tab is visible, and re-renders the server components only on a change.
 */
export function LiveRefresh({ token, version }: { token: string; version: string }) {
  const router = useRouter();
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const check = async () => {
      if (document.visibilityState === "visible") {
        try {
          const response = await fetch(`/api/tracking/${token}/version`, {
            headers: { "if-none-match": `"${version}"` },
            cache: "no-store",
          });
          if (response.status === 200) {
            const body = (await response.json()) as { version?: string };
            // The new render brings a new version prop, which restarts this effect.
            if (body.version && body.version !== version) router.refresh();
          }
        } catch {
          // offline for a moment: try again next time
        }
      }
      if (!stopped) timer = setTimeout(check, INTERVAL_MS);
    };
    const onVisible = () => {
      if (document.visibilityState === "visible") {
        clearTimeout(timer);
        void check();
      }
    };
    timer = setTimeout(check, INTERVAL_MS);
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      stopped = true;
      clearTimeout(timer);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [token, version, router]);
  return <span hidden data-pp-version={version} />;
}
