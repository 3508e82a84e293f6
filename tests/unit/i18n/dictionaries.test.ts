import { describe, expect, it } from "vitest";
import { en } from "@/lib/i18n/dictionaries/en";
import { LOCALES } from "@/lib/i18n/locales";
import { DICTIONARIES } from "@/lib/i18n/messages";

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ""): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === "string" ? [[`${prefix}${key}`, value] as [string, string]] : leaves(value, `${prefix}${key}.`),
  );
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

/**
 * Values allowed to read the same as English: punctuation only. Everything else shown to a shopper
 * must be translated (proper nouns and acronyms live in code or data, not in the dictionaries).
 */
const SAME_AS_ENGLISH = new Set(["page.summarySeparator"]);

const english = new Map(leaves(en as unknown as Tree));

describe.each(LOCALES.filter((locale) => locale !== "en"))("the %s dictionary", (locale) => {
  const entries = new Map(leaves(DICTIONARIES[locale] as unknown as Tree));

  it("has exactly the keys of English", () => {
    expect([...entries.keys()].sort()).toEqual([...english.keys()].sort());
  });

  it("translates every value (nothing left in English)", () => {
    const untranslated = [...entries].filter(([key, value]) => !SAME_AS_ENGLISH.has(key) && value === english.get(key));
    expect(untranslated).toEqual([]);
  });

  it("keeps every placeholder of the English text, and no other", () => {
    const mismatched = [...entries].filter(([key, value]) => placeholders(value).join() !== placeholders(english.get(key)!).join());
    expect(mismatched).toEqual([]);
  });

  it("has no empty values", () => {
    expect([...entries].filter(([, value]) => value.trim() === "")).toEqual([]);
  });
});
