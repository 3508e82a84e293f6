import { matchLocale, type Locale } from "./locales";

/**
 * The language a request asks for: an explicit `?lang=` wins, then Accept-Language by q-value.
 * null means "no preference we can serve": the caller falls back to the merchant's default.
 */
export function negotiateLocale(explicit: string | null | undefined, acceptLanguage: string | null | undefined): Locale | null {
  if (explicit) {
    const chosen = matchLocale(explicit);
    if (chosen) return chosen;
  }
  for (const tag of parseAcceptLanguage(acceptLanguage ?? "")) {
    const match = matchLocale(tag);
    if (match) return match;
  }
  return null;
}

/** Tags from an Accept-Language header, best first (stable for equal q); q=0 means "not this one". */
export function parseAcceptLanguage(header: string): string[] {
  return header
    .slice(0, 512)
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((param) => param.trim()).find((param) => param.startsWith("q="));
      const weight = q ? Number(q.slice(2)) : 1;
      return { tag: tag.trim(), weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((entry) => entry.tag && entry.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index)
    .map((entry) => entry.tag);
}
