/**
 * A delay is a promise that slipped: the new window ends later than the `latest` the shopper was already
 * shown. Narrowing, moving earlier or a later `earliest` alone are not delays (nothing the shopper
 * planned around got worse), so they raise no alert.
 */
import { toDayNumber } from "./local-date";
import type { Delay, DeliveryWindow, Estimate } from "./types";

export function detectDelay(previousShown: DeliveryWindow | null, next: Estimate): Delay | null {
  if (!previousShown) return null;
  const days = toDayNumber(next.latest) - toDayNumber(previousShown.latest);
  if (days <= 0) return null;
  return {
    previous: { earliest: previousShown.earliest, latest: previousShown.latest },
    next: { earliest: next.earliest, latest: next.latest },
    days,
    stage: next.stage,
    reason: next.reason,
  };
}
