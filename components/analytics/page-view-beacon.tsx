"use client";
import { useEffect } from "react";

/**
 * Counts a tracking-page view after the page has loaded, from the browser, so cached pages are counted
 * and the count is off the critical path. Bots that do not run scripts (link previews) are not counted.
 */
export function PageViewBeacon({ token }: { token: string }) {
  useEffect(() => {
    const body = new Blob([token], { type: "text/plain" });
    if (!navigator.sendBeacon?.("/api/page-views", body)) {
      void fetch("/api/page-views", { method: "POST", body, keepalive: true }).catch(() => undefined);
    }
  }, [token]);
  return null;
}
