import { describe, expect, it } from "vitest";
import { matchLocale, toLocale } from "@/lib/i18n/locales";
import { fill, messagesFor, plural } from "@/lib/i18n/messages";
import { negotiateLocale, parseAcceptLanguage } from "@/lib/i18n/negotiate";

describe("language negotiation", () => {
  it("orders Accept-Language by q, keeping header order for ties and dropping q=0", () => {
    expect(parseAcceptLanguage("fr;q=0.5, de, es;q=0.9, en;q=0")).toEqual(["de", "es", "fr"]);
  });

  it("matches regional variants to the language we have", () => {
    expect(matchLocale("es-MX")).toBe("es");
    expect(matchLocale("pt")).toBe("pt-BR");
    expect(matchLocale("pt-PT")).toBe("pt-BR");
    expect(matchLocale("PT-br")).toBe("pt-BR");
    expect(matchLocale("de-AT")).toBe("de");
    expect(matchLocale("ja")).toBeNull();
    expect(matchLocale("*")).toBeNull();
  });

  it("prefers ?lang=, then Accept-Language, and says null when nothing matches (merchant default applies)", () => {
    expect(negotiateLocale("fr", "de-DE,de;q=0.9")).toBe("fr");
    expect(negotiateLocale("xx", "de-DE,de;q=0.9")).toBe("de");
    expect(negotiateLocale(null, "ja-JP, zh;q=0.8, es;q=0.2")).toBe("es");
    expect(negotiateLocale(null, "ja-JP")).toBeNull();
    expect(negotiateLocale(null, null)).toBeNull();
  });

  it("reads a merchant's stored default whatever its case, falling back to English", () => {
    expect(toLocale("pt-br")).toBe("pt-BR");
    expect(toLocale("klingon")).toBe("en");
    expect(toLocale(null)).toBe("en");
  });
});

describe("message helpers", () => {
  it("fills placeholders and leaves unknown ones visible", () => {
    expect(fill("Order {order} from {merchant}", { order: "NW-1", merchant: "Acme" })).toBe("Order NW-1 from Acme");
    expect(fill("Hi {who}")).toBe("Hi {who}");
  });

  it("picks plural forms by the language's rules", () => {
    expect(plural(messagesFor("en").timeline, "earlier", 1, "en")).toBe("Show 1 earlier update");
    expect(plural(messagesFor("en").timeline, "earlier", 3, "en")).toBe("Show 3 earlier updates");
    // French counts 0 and 1 as singular.
    expect(plural(messagesFor("fr").timeline, "earlier", 0, "fr")).toBe("Afficher 0 mise à jour précédente");
    expect(plural(messagesFor("de").page, "parcels", 2, "de")).toBe("Deine Bestellung kommt in 2 Paketen");
  });
});
