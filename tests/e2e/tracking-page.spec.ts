import { expect, test, type Page } from "@playwright/test";
import type { Locale } from "../../lib/i18n/locales";
import { fill, messagesFor, plural } from "../../lib/i18n/messages";
import { shopperReason } from "../../lib/estimates/shopper-reason";
import { LOCALES } from "../../lib/i18n/locales";
import { createFixtures, IN_TRANSIT_REASON, pathOf, STATE_NAMES, type Fixture, type State } from "./support/fixtures";
import { collectCspViolations, DESKTOP, englishUiStrings, expectNoAxeViolations, PHONE, SHOTS, withDatabase } from "./support/tracking";

test.describe.configure({ mode: "serial" });

let fixtures: Record<State, Fixture>;
const trackingPath = (state: State, lang?: string) => pathOf(fixtures[state], lang);

test.beforeAll(async () => {
  // Other specs may rebrand the demo merchant; the screenshots show its own colour.
  await withDatabase((client) => client.query(`UPDATE "Merchant" SET "brandColor" = '#0f766e', "accentColor" = NULL, "updatedAt" = now() WHERE "slug" = 'northwind'`));
  fixtures = await createFixtures();
});

async function progress(page: Page, index = 0) {
  return page.getByRole("progressbar").nth(index).getAttribute("aria-valuetext");
}

/** What each state must say, in the page's language (strings come from the dictionaries under test). */
async function expectState(page: Page, state: State, lang: Locale) {
  const m = messagesFor(lang);
  const headline = page.getByTestId("headline");
  const banner = page.locator("[data-banner]");
  const step = (n: number, label: string) => fill(m.progress.valueText, { step: n, total: 5, label });
  switch (state) {
    case "label-created":
      await expect(headline).toHaveText(m.status.INFO_RECEIVED);
      await expect(page.getByTestId("window")).toHaveText(m.window.none);
      expect(await progress(page)).toBe(step(1, m.progress.ordered));
      await expect(banner).toHaveCount(0);
      break;
    case "in-transit":
      await expect(headline).toHaveText(m.status.IN_TRANSIT);
      expect(await progress(page)).toBe(step(3, m.progress.inTransit));
      await expect(page.getByTestId("window")).toContainText(m.window.range.split("{")[0]!.trim());
      break;
    case "out-for-delivery":
      await expect(headline).toHaveText(m.status.OUT_FOR_DELIVERY);
      expect(await progress(page)).toBe(step(4, m.progress.outForDelivery));
      break;
    case "delivered":
      await expect(headline).toHaveText(m.status.DELIVERED);
      await expect(page.getByTestId("window")).toContainText("San Francisco, CA");
      expect(await progress(page)).toBe(step(5, m.progress.delivered));
      await expect(banner).toHaveCount(0);
      break;
    case "exception":
      await expect(headline).toHaveText(m.status.EXCEPTION);
      await expect(banner).toHaveAttribute("data-banner", "exception");
      await expect(banner).toContainText(m.banner.exceptionTitle);
      await expect(banner).toContainText(m.events.weatherDelay);
      await expect(banner).toContainText(m.banner.whatNext);
      await expect(banner.getByRole("link", { name: fill(m.contact.email, { email: "help@northwind.example" }) })).toBeVisible();
      expect(await progress(page)).toBe(step(3, m.progress.exception));
      break;
    case "multi-parcel": {
      await expect(headline).toHaveText(plural(m.page, "parcels", 2, lang));
      const parcels = page.locator("article[data-parcel]");
      await expect(parcels).toHaveCount(2);
      await expect(parcels.nth(0)).toHaveAttribute("data-status", "DELIVERED");
      await expect(parcels.nth(1)).toHaveAttribute("data-status", "IN_TRANSIT");
      await expect(parcels.nth(0).getByRole("heading", { level: 2 })).toHaveText(`${fill(m.page.parcelOf, { index: 1, count: 2 })}: ${m.status.DELIVERED}`);
      expect(await progress(page, 0)).toBe(step(5, m.progress.delivered));
      expect(await progress(page, 1)).toBe(step(3, m.progress.inTransit));
      await expect(parcels.nth(0).getByRole("link", { name: new RegExp(fill(m.carrier.trackOn, { carrier: "UPS" })) })).toBeVisible();
      await expect(parcels.nth(1).getByRole("link", { name: new RegExp(fill(m.carrier.trackOn, { carrier: "USPS" })) })).toBeVisible();
      break;
    }
    case "delayed":
      await expect(headline).toHaveText(m.status.IN_TRANSIT);
      await expect(page.getByTestId("window")).toContainText(m.window.late);
      await expect(banner).toHaveAttribute("data-banner", "late");
      await expect(banner).toContainText(m.banner.lateTitle);
      await expect(banner).toContainText(m.banner.lateBody);
      await expect(banner).toContainText(m.banner.newDate.split("{")[0]!);
      await expect(page.getByRole("link", { name: m.calendar.add })).toBeVisible();
      break;
    case "attempted":
      await expect(banner).toHaveAttribute("data-banner", "attempted");
      expect(await progress(page)).toBe(step(4, m.progress.attempted));
      break;
    case "pickup":
      await expect(banner).toHaveAttribute("data-banner", "pickup");
      await expect(banner).toContainText(fill(m.banner.pickupBody, { place: "Eugene, OR" }));
      expect(await progress(page)).toBe(step(4, m.progress.pickup));
      break;
    case "returned":
      await expect(banner).toHaveAttribute("data-banner", "returned");
      expect(await progress(page)).toBe(step(5, m.progress.returned));
      await expect(page.getByTestId("window")).toHaveCount(0);
      break;
  }
  await expect(page.getByRole("heading", { name: m.timeline.title }).first()).toBeVisible();
}

for (const state of STATE_NAMES) {
  test(`${state}: says the right thing in English and Spanish, on a phone and a desktop, with no axe violations`, async ({ browser }) => {
    test.setTimeout(90_000);
    for (const lang of ["en", "es"] as const) {
      for (const [width, viewport] of [["phone", PHONE], ["desktop", DESKTOP]] as const) {
        const context = await browser.newContext({ viewport });
        const page = await context.newPage();
        const csp = await collectCspViolations(page);
        const response = await page.goto(trackingPath(state, lang));
        expect(response?.status()).toBe(200);
        await expect(page.locator("html")).toHaveAttribute("lang", lang);
        await expectState(page, state, lang);
        if (width === "phone") await expectNoAxeViolations(page, `${state} (${lang})`);
        await page.screenshot({ path: `${SHOTS}/tracking-${state}-${lang}-${width}.png`, fullPage: true });
        expect(csp, "no Content-Security-Policy violations").toEqual([]);
        await context.close();
      }
    }
  });
}

for (const lang of ["fr", "de", "pt-BR"] as const) {
  test(`every state in ${lang}: right, accessible, and no English interface text`, async ({ page }) => {
    test.setTimeout(120_000);
    const english = englishUiStrings();
    for (const state of STATE_NAMES) {
      await page.goto(trackingPath(state, lang));
      await expect(page.locator("html")).toHaveAttribute("lang", lang);
      await expectState(page, state, lang);
      await expectNoAxeViolations(page, `${state} (${lang})`);
      const text = await page.locator("body").innerText();
      expect(english.filter((phrase) => text.includes(phrase)), `${state} in ${lang}`).toEqual([]);
    }
    console.log(`axe (WCAG 2.2 A/AA): 0 violations on all ${STATE_NAMES.length} states in ${lang}`);
  });
}

test("the reason line under the window speaks the page's language: carriers by name, no internal keys or model figures", async ({ page }) => {
  for (const lang of LOCALES) {
    await page.goto(trackingPath("in-transit", lang));
    const reason = page.getByText(shopperReason(IN_TRANSIT_REASON, lang), { exact: true });
    await expect(reason, lang).toBeVisible();
    await expect(reason, lang).toContainText("USPS Priority Mail");
    const text = await page.locator("main").innerText();
    expect(text, lang).not.toMatch(/usps\/priority_mail|30%/);
  }
});

test("the language follows Accept-Language, falls back to the merchant's default, and ?lang= switches it", async ({ browser }) => {
  const german = await browser.newContext({ locale: "de-DE" });
  const page = await german.newPage();
  await page.goto(trackingPath("in-transit"));
  await expect(page.locator("html")).toHaveAttribute("lang", "de");
  await expect(page.getByTestId("headline")).toHaveText(messagesFor("de").status.IN_TRANSIT);
  await page.getByRole("navigation", { name: messagesFor("de").page.languageLabel }).getByRole("link", { name: "Português (Brasil)" }).click();
  await expect(page).toHaveURL(/\?lang=pt-BR$/);
  await expect(page.locator("html")).toHaveAttribute("lang", "pt-BR");
  await german.close();

  const japanese = await browser.newContext({ locale: "ja-JP" });
  const other = await japanese.newPage();
  await other.goto(trackingPath("in-transit"));
  await expect(other.locator("html")).toHaveAttribute("lang", "en"); // Northwind's default
  await japanese.close();
});

test("without JavaScript: every state reads right, history unfolds, the language switcher works", async ({ browser }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  for (const lang of ["en", "es"] as const) {
    for (const state of STATE_NAMES) {
      await page.goto(trackingPath(state, lang));
      await expectState(page, state, lang);
    }
  }
  const m = messagesFor("en");
  await page.goto(trackingPath("delayed", "en"));
  const earlier = page.getByText(plural(m.timeline, "earlier", 1, "en"));
  await expect(page.getByText("Shipping label created, awaiting carrier pickup")).toBeHidden();
  await earlier.click();
  await expect(page.getByText("Shipping label created, awaiting carrier pickup")).toBeVisible();
  await page.getByRole("link", { name: "Français" }).click();
  await expect(page.getByTestId("headline")).toHaveText(messagesFor("fr").status.IN_TRANSIT);
  await page.screenshot({ path: `${SHOTS}/tracking-delayed-fr-no-js.png`, fullPage: true });
  await context.close();
});

test("the progress bar is reachable by keyboard and names the step for screen readers", async ({ page }) => {
  await page.goto(trackingPath("exception", "en"));
  const bar = page.getByRole("progressbar", { name: "Delivery progress" });
  await expect(bar).toHaveAttribute("aria-valuenow", "3");
  await expect(bar).toHaveAttribute("aria-valuemax", "5");
  for (let presses = 0; presses < 30 && !(await bar.evaluate((element) => element === document.activeElement)); presses++) {
    await page.keyboard.press("Tab");
  }
  await expect(bar).toBeFocused();
  await expect(page.locator("li[aria-current=step]")).toContainText("Problem reported");
  await expect(page.locator("li[aria-current=step]")).toContainText("current step");
});

test("carrier link, calendar file and link preview", async ({ page, request }) => {
  await page.goto(trackingPath("delayed", "en"));
  const carrier = page.getByRole("link", { name: /Track on the FedEx website/ });
  await expect(carrier).toHaveAttribute("href", `https://www.fedex.com/fedextrack/?trknbr=${fixtures.delayed.parcels[0]!.trackingNumber}`);
  await expect(carrier).toHaveAttribute("target", "_blank");
  await expect(carrier).toHaveAttribute("rel", /noreferrer/);

  const ics = await request.get(await page.getByRole("link", { name: "Add the delivery window to your calendar" }).getAttribute("href") ?? "");
  expect(ics.status()).toBe(200);
  expect(ics.headers()["content-type"]).toContain("text/calendar");
  const body = await ics.text();
  expect(body).toMatch(/DTSTART;VALUE=DATE:\d{8}\r\n/);
  expect(body).toContain(`SUMMARY:Delivery: Northwind Outfitters order ${fixtures.delayed.orderNumber}`);
  expect((await request.get(`/api/tracking/${fixtures.delivered.parcels[0]!.token}/calendar.ics`)).status()).toBe(404); // delivered: no window

  const og = async (property: string) => page.locator(`meta[property="${property}"]`).getAttribute("content");
  expect(await og("og:title")).toBe("On its way · Northwind Outfitters");
  expect(await og("og:site_name")).toBe("Northwind Outfitters");
  expect(await og("og:description")).not.toMatch(new RegExp(`${fixtures.delayed.orderNumber}|Austin|Dana|78701`));
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute("content", /noindex/);
});
