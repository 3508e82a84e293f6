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

/**
 * The early warning as an alert: the estimate has just judged the shop's promised date (`promisedBy`)
 * unlikely — the rule the backtest's early-warning figures measure — and the shopper has not been told
 * yet. The slip is recorded like any other, with the promised date as the `latest` they had been
 * given, so the page's banner and the alerts say "we told you by …, now …". Call it when `detectDelay`
 * found nothing (a window that moved later already says it); `alreadyWarned` keeps a chance hovering
 * around the alarm level from announcing the same promise twice.
 */
export function detectPromiseSlip(
  previousShown: DeliveryWindow | null,
  next: Estimate,
  options: { alreadyRunningLate: boolean; alreadyWarned: boolean },
): Delay | null {
  const promised = next.reasonFacts?.behindPromise;
  if (!promised || options.alreadyRunningLate || options.alreadyWarned) return null;
  // The shop gave one date; a window shown so far that started later than it is not what was promised.
  const shownEarliest = previousShown?.earliest ?? next.earliest;
  return {
    previous: { earliest: shownEarliest < promised ? shownEarliest : promised, latest: promised },
    next: { earliest: next.earliest, latest: next.latest },
    days: Math.max(0, toDayNumber(next.latest) - toDayNumber(promised)),
    stage: next.stage,
    reason: next.reason,
  };
}
