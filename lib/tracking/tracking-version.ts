import "server-only";
import { getTrackingVersion } from "../shipments/queries";
import { VersionMemo } from "./version-memo";

// One memo per process, shared by the route handlers' bundles through the global symbol registry.
const KEY = Symbol.for("parcelpage.tracking-version-memo");
type Store = { [KEY]?: VersionMemo };

// Only token-shaped keys are remembered: anything else cannot exist, and must not fill the memo.
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{1,64}$/;

/** The tracking page's data version from this process's memo (lib/tracking/version-memo.ts). */
export function trackingVersion(token: string): Promise<string | null> {
  if (!TOKEN_SHAPE.test(token)) return getTrackingVersion(token);
  const store = globalThis as Store;
  store[KEY] ??= new VersionMemo({ lookup: getTrackingVersion, ttlMs: 250 });
  return store[KEY].get(token);
}
