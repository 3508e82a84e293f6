import { copyFor, type CopyVars } from "./copy";
import { copyVars } from "./copy-vars";
import type { MessageFacts } from "./facts";
import { foldToGsm7, smsSegments, type SegmentInfo } from "./gsm7";

export interface RenderedSms {
  text: string;
  segments: SegmentInfo;
}

export const SMS_MAX_SEGMENTS = 2;

function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, Math.max(0, max - 3)).trimEnd()}...`;
}

/**
 * Renders the text of an alert, folded to GSM-7. The richest version that fits one segment wins; when none
 * does, the richest that fits two. The carrier's words go first, then the brand is shortened.
 */
export function renderSms(facts: MessageFacts): RenderedSms {
  const copy = copyFor(facts.locale);
  if (facts.trigger === "CONFIRMATION") {
    const candidates = [facts.brand.name, truncate(facts.brand.name, 24), truncate(facts.brand.name, 14)].map((brand) =>
      foldToGsm7(copy.sms.CONFIRMATION({ brand, order: facts.orderNumber })),
    );
    return pick(candidates, [SMS_MAX_SEGMENTS]);
  }
  const template = copy.sms[facts.trigger];
  const vars = copyVars(facts, "short");
  // Richest first. The carrier's words may go to save a segment; the brand is shortened only to stay within two.
  const full: CopyVars[] = [vars];
  if (vars.detail) {
    for (const max of [60, 40, 24]) if (vars.detail.length > max) full.push({ ...vars, detail: truncate(vars.detail, max) });
    full.push({ ...vars, detail: null });
  }
  const leanest = full.at(-1)!;
  const shortened = [{ ...leanest, brand: truncate(leanest.brand, 24) }, { ...leanest, brand: truncate(leanest.brand, 14), place: null }];
  const render = (v: CopyVars) => foldToGsm7(template(v));
  const oneSegment = full.map(render).find((text) => smsSegments(text).segments === 1);
  if (oneSegment) return { text: oneSegment, segments: smsSegments(oneSegment) };
  return pick([...full, ...shortened].map(render), [SMS_MAX_SEGMENTS]);
}

function pick(candidates: string[], limits: number[]): RenderedSms {
  for (const limit of limits) {
    for (const text of candidates) {
      const segments = smsSegments(text);
      if (segments.segments <= limit) return { text, segments };
    }
  }
  const text = candidates.at(-1)!;
  return { text, segments: smsSegments(text) };
}

/** The answer to HELP: brand, where to get help, frequency, rates and STOP. */
export function renderSmsHelp(facts: Pick<MessageFacts, "locale" | "brand">): RenderedSms {
  const contact = facts.brand.supportUrl ?? facts.brand.supportEmail ?? facts.brand.supportPhone;
  return pick([foldToGsm7(copyFor(facts.locale).sms.HELP({ brand: facts.brand.name, contact }))], [SMS_MAX_SEGMENTS]);
}

/** The answer to YES: signed up, with brand, frequency, rates, HELP and STOP (carrier rules). */
export function renderSmsOptedIn(facts: Pick<MessageFacts, "locale" | "brand" | "orderNumber">): RenderedSms {
  const candidates = [facts.brand.name, truncate(facts.brand.name, 24), truncate(facts.brand.name, 14)].map((brand) =>
    foldToGsm7(copyFor(facts.locale).sms.OPTED_IN({ brand, order: facts.orderNumber })),
  );
  return pick(candidates, [1, SMS_MAX_SEGMENTS]);
}
