import { copyFor, type CopyVars } from "./copy";
import type { MessageFacts } from "./facts";
import { formatDay, formatPlace, formatTime, formatWindow } from "./format";

/**
 * The values every template fills in, from one message's facts. Emails spell dates out ("long"); texts
 * use the short form, without a trailing abbreviation dot ("3–5 déc." would end a sentence as "déc..").
 */
export function copyVars(facts: MessageFacts, style: "long" | "short"): CopyVars {
  const copy = copyFor(facts.locale);
  const delay = facts.delay;
  const window = delay ? { earliest: delay.newEarliest, latest: delay.newLatest } : facts.window;
  const trimDot = (text: string) => (style === "short" ? text.replace(/\.$/, "") : text);
  return {
    brand: facts.brand.name,
    order: facts.orderNumber,
    parcel: facts.parcel && facts.parcel.count > 1 ? copy.parcelOf(facts.parcel.index, facts.parcel.count) : "",
    window: window ? trimDot(formatWindow(window, facts.locale, style)) : null,
    previous: delay ? trimDot(formatDay(delay.previousLatest, facts.locale, style)) : null,
    time: facts.deliveredAt ? formatTime(facts.deliveredAt, facts.locale, facts.timeZone) : null,
    place: facts.event ? formatPlace(facts.event.city, facts.event.region) : null,
    detail: facts.event?.description ?? null,
    url: facts.trackUrl,
  };
}
