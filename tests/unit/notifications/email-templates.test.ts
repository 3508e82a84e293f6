import { describe, expect, it } from "vitest";
import { ALERT_LOCALES } from "../../../lib/notifications/locales";
import { renderEmail } from "../../../lib/notifications/templates/render-email";
import { sampleFacts } from "../../../lib/notifications/templates/sample";
import { ALERT_TRIGGERS } from "../../../lib/notifications/triggers";

const BUTTON: Record<string, string> = { en: "Track package", es: "Seguir paquete", fr: "Suivre le colis", de: "Paket verfolgen", "pt-BR": "Rastrear pacote" };

describe("email templates: every trigger in every language", () => {
  for (const locale of ALERT_LOCALES) {
    for (const trigger of ALERT_TRIGGERS) {
      it(`${trigger} in ${locale} has a subject, branded HTML and a plain-text part with the links`, () => {
        const facts = sampleFacts(trigger, locale);
        const email = renderEmail(facts);
        expect(email.subject).toContain("NW-1001");
        expect(email.html).toContain(`<html lang="${locale}">`);
        expect(email.html).toContain("#0f766e");
        expect(email.html).toContain("Northwind Outfitters");
        expect(email.text).toContain("Northwind Outfitters");
        expect(email.text).toContain(facts.unsubscribeUrl);
        expect(email.html).toContain(`href="${facts.unsubscribeUrl}"`);
        if (trigger === "CONFIRMATION") {
          expect(email.html).toContain(`href="${facts.confirmUrl}"`);
          expect(email.text).toContain(facts.confirmUrl!);
        } else {
          expect(email.html).toContain(BUTTON[locale]);
          expect(email.html).toContain(`href="${facts.trackUrl}"`);
          expect(email.text).toContain(`${BUTTON[locale]}${locale === "fr" ? " : " : ": "}${facts.trackUrl}`);
        }
        expect(email.text).not.toMatch(/undefined|null|\[object/);
        expect(email.html).not.toMatch(/undefined|\[object/);
      });
    }
  }

  it("gives a delay's old and new dates and an apology signed by the merchant", () => {
    const email = renderEmail(sampleFacts("DELAY", "en"));
    email.text = email.text.replace(/[\u2009\u202f]/g, " ");
    expect(email.subject).toBe("Sorry, order NW-1001 is running late");
    expect(email.text).toContain("would arrive by Saturday, December 5");
    expect(email.text).toContain("now expected Tuesday, December 8 – Wednesday, December 9");
    expect(email.text).toContain("The Northwind Outfitters team");
  });

  it("shows the window, or when it was delivered in the shopper's zone", () => {
    expect(renderEmail(sampleFacts("SHIPPED", "en")).text.replace(/[\u2009\u202f]/g, " ")).toContain("Estimated delivery: Thursday, December 3 – Saturday, December 5");
    expect(renderEmail(sampleFacts("DELIVERED", "en")).text).toContain("Delivered: Thursday, December 3, 2:14 PM");
  });

  it("escapes everything that comes from outside (brand, carrier text, links)", () => {
    const facts = sampleFacts("EXCEPTION", "en", {
      brand: { ...sampleFacts("EXCEPTION", "en").brand, name: '<script>alert("x")</script>', color: "red;background:url(x)", logoUrl: "javascript:alert(1)" },
      event: { description: '"><img src=x onerror=alert(1)>', city: null, region: null },
    });
    const email = renderEmail(facts);
    expect(email.html).not.toContain("<script>");
    expect(email.html).not.toContain("<img src=x");
    expect(email.html).not.toContain("javascript:");
    expect(email.html).not.toContain("url(x)");
    expect(email.html).toContain("&lt;script&gt;");
  });
});
