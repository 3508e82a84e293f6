import { expect, test } from "@playwright/test";
import { tokenOf } from "./support/demo";

test("a demo tracking page shows the parcel's status and its history", async ({ page }) => {
  await page.goto(`/t/${tokenOf("NW-1002")}`);
  await expect(page.getByRole("heading", { name: /NW-1002/ })).toBeVisible();
  await expect(page.getByText("Arrived at USPS regional facility")).toBeVisible();
  await page.screenshot({ path: "test-results/screenshots/tracking-in-transit-desktop.png", fullPage: true });
});

test("an unknown token gets the not-found page", async ({ page }) => {
  const response = await page.goto("/t/AAAAAAAAAAAAAAAAAAAAAAAA");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: /couldn.t find/i })).toBeVisible();
});
