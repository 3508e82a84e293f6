import { describe, expect, it } from "vitest";
import { ALERT_LOCALES } from "../../../lib/notifications/locales";
import { isGsm7, smsSegments } from "../../../lib/notifications/templates/gsm7";
import { renderSms, renderSmsHelp } from "../../../lib/notifications/templates/render-sms";
import { sampleFacts } from "../../../lib/notifications/templates/sample";
import { ALERT_TRIGGERS } from "../../../lib/notifications/triggers";

describe("SMS templates: every trigger in every language", () => {
  for (const locale of ALERT_LOCALES) {
    for (const trigger of ALERT_TRIGGERS) {
      it(`${trigger} in ${locale} is GSM-7 and never over two segments${locale === "en" ? ", one in English" : ""}`, () => {
        const { text, segments } = renderSms(sampleFacts(trigger, locale));
        expect(isGsm7(text), text).toBe(true);
        expect(segments.encoding).toBe("GSM-7");
        expect(segments.segments, text).toBeLessThanOrEqual(locale === "en" ? 1 : 2);
        expect(text).toMatch(trigger === "CONFIRMATION" ? /HELP.*STOP/ : /STOP/);
        if (trigger !== "CONFIRMATION") expect(text).toContain("https://parcelpage.example/t/Xq3v9KpL2mNw8RtY4uZa7BcD");
        expect(text).toContain("NW-1001");
      });
    }
    it(`HELP in ${locale} names the brand and stays within two segments`, () => {
      const { text, segments } = renderSmsHelp(sampleFacts("CONFIRMATION", locale));
      expect(text).toContain("Northwind Outfitters");
      expect(text).toMatch(/STOP/);
      expect(segments.segments).toBeLessThanOrEqual(2);
    });
  }

  it("stays within two segments with a long brand, a long link, several parcels and a long carrier message", () => {
    for (const locale of ALERT_LOCALES) {
      for (const trigger of ALERT_TRIGGERS) {
        const facts = sampleFacts(trigger, locale, {
          brand: { ...sampleFacts(trigger, locale).brand, name: "The Very Long Outdoor Equipment Company of Portland" },
          trackUrl: "https://track.the-very-long-outdoor-company.example.com/t/Xq3v9KpL2mNw8RtY4uZa7BcD",
          parcel: trigger === "CONFIRMATION" ? null : { index: 2, count: 3, carrier: "ups", trackingNumber: "1Z" },
          event: { description: "Severe weather conditions have delayed delivery; the carrier will attempt again as soon as possible", city: "Saint-Jean-sur-Richelieu", region: "QC" },
        });
        const { text, segments } = renderSms(facts);
        expect(segments.segments, `${trigger} ${locale}: ${text}`).toBeLessThanOrEqual(2);
        expect(text).toMatch(/STOP/);
      }
    }
  });

  it("keeps the carrier's words when they fit, and drops them before going over one segment in English", () => {
    const short = renderSms(sampleFacts("EXCEPTION", "en", { event: { description: "Address unclear", city: null, region: null } }));
    expect(short.text).toContain("Address unclear");
    expect(short.segments.segments).toBe(1);
    const long = renderSms(sampleFacts("EXCEPTION", "en"));
    expect(long.segments.segments).toBe(1);
  });

  it("folds what GSM-7 lacks in the merchant's own strings (emoji, smart quotes)", () => {
    const facts = sampleFacts("OUT_FOR_DELIVERY", "pt-BR", { brand: { ...sampleFacts("OUT_FOR_DELIVERY", "pt-BR").brand, name: "Café “Sol” ☀️" } });
    const { text } = renderSms(facts);
    expect(text.startsWith('Cafe "Sol" :') || text.startsWith('Café "Sol" :') || text.startsWith('Cafe "Sol":')).toBe(true);
    expect(smsSegments(text).encoding).toBe("GSM-7");
  });
});
