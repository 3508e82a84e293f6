import type { AlertLocale } from "../locales";
import type { AlertTrigger } from "../triggers";

export interface Brand {
  name: string;
  color: string;
  logoUrl: string | null;
  supportEmail: string | null;
  supportUrl: string | null;
  supportPhone: string | null;
}

/** Everything a message says, gathered once: the same facts render the email, the text and the preview. */
export interface MessageFacts {
  trigger: AlertTrigger;
  locale: AlertLocale;
  /** The shopper's zone (times of day are shown in it). */
  timeZone: string;
  brand: Brand;
  orderNumber: string;
  /** Which parcel of the order; null for the opt-in confirmation. */
  parcel: { index: number; count: number; carrier: string; trackingNumber: string } | null;
  trackUrl: string;
  unsubscribeUrl: string;
  /** Only the email confirmation has one. */
  confirmUrl: string | null;
  /** The current delivery window (calendar dates). */
  window: { earliest: Date; latest: Date } | null;
  deliveredAt: Date | null;
  /** The scan behind the trigger: the carrier's words and where. */
  event: { description: string; city: string | null; region: string | null } | null;
  /** A delay: the latest date shown before and the new window. */
  delay: { previousLatest: Date; newEarliest: Date; newLatest: Date } | null;
}
