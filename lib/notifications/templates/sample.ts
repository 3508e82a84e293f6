import type { AlertLocale } from "../locales";
import type { AlertTrigger } from "../triggers";
import type { MessageFacts } from "./facts";

/**
 * Realistic facts for previews (/dev/outbox) and template tests: a 20-character brand, a 53-character
 * tracking URL, a carrier description of typical length.
 */
export function sampleFacts(trigger: AlertTrigger, locale: AlertLocale, overrides: Partial<MessageFacts> = {}): MessageFacts {
  const event =
    trigger === "EXCEPTION"
      ? { description: "Weather delay: severe winter storm in the area", city: "Denver", region: "CO" }
      : trigger === "DELIVERY_ATTEMPTED"
        ? { description: "No one available to sign for the package", city: "Seattle", region: "WA" }
        : trigger === "AVAILABLE_FOR_PICKUP"
          ? { description: "Held at UPS Access Point", city: "Seattle", region: "WA" }
          : trigger === "DELIVERED"
            ? { description: "Delivered, front door", city: "Seattle", region: "WA" }
            : { description: "Departed facility", city: "Portland", region: "OR" };
  return {
    trigger,
    locale,
    timeZone: "America/Los_Angeles",
    brand: {
      name: "Northwind Outfitters",
      color: "#0f766e",
      logoUrl: null,
      supportEmail: "help@northwind.example",
      supportUrl: "https://northwind.example/help",
      supportPhone: "+1 503 555 0100",
    },
    orderNumber: "NW-1001",
    parcel: trigger === "CONFIRMATION" ? null : { index: 1, count: 1, carrier: "ups", trackingNumber: "1Z999AA10123456784" },
    trackUrl: "https://parcelpage.example/t/Xq3v9KpL2mNw8RtY4uZa7BcD",
    unsubscribeUrl: "https://parcelpage.example/alerts/unsubscribe?token=sample",
    confirmUrl: trigger === "CONFIRMATION" ? "https://parcelpage.example/alerts/confirm?token=sample" : null,
    window: trigger === "DELIVERED" ? null : { earliest: new Date("2026-12-03T00:00:00Z"), latest: new Date("2026-12-05T00:00:00Z") },
    deliveredAt: trigger === "DELIVERED" ? new Date("2026-12-03T22:14:00Z") : null,
    event,
    delay:
      trigger === "DELAY"
        ? { previousLatest: new Date("2026-12-05T00:00:00Z"), newEarliest: new Date("2026-12-08T00:00:00Z"), newLatest: new Date("2026-12-09T00:00:00Z") }
        : null,
    ...overrides,
  };
}
