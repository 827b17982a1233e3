import type { Page } from "@playwright/test";
import { test, expect, drawer, expectSecretNowhere, openConsole, uniqueName } from "./helpers";

async function tabUntilFocused(page: Page, name: string, max = 30) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return el?.getAttribute("aria-label") || el?.textContent?.trim() || "";
    });
    if (focused === name) return;
  }
  throw new Error(`focus never reached "${name}"`);
}

test("the whole create flow with the keyboard alone", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await openConsole(page);
  await expect(page.getByTestId("keys-table").or(page.getByTestId("empty-keys"))).toBeVisible();

  await tabUntilFocused(page, "+ Create Access Key");
  await page.keyboard.press("Enter");
  const d = drawer(page);
  const input = d.getByLabel("Key Name");
  await expect(input).toBeFocused();

  // Tab stays inside the dialog.
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press("Tab");
    expect(await d.evaluate((el) => el.contains(document.activeElement))).toBe(true);
  }
  await page.keyboard.press("Shift+Tab");
  expect(await d.evaluate((el) => el.contains(document.activeElement))).toBe(true);

  // Escape closes the form and returns focus to the button; reopening keeps the name.
  await input.focus();
  await page.keyboard.press("ControlOrMeta+a");
  const name = uniqueName("e2e-kbd");
  await page.keyboard.type(name);
  await page.keyboard.press("Escape");
  await expect(d).toBeHidden();
  await expect(page.getByRole("button", { name: "+ Create Access Key" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(input).toHaveValue(name);
  await expect(input).toBeFocused();

  await page.keyboard.press("Enter");
  const secretEl = d.getByTestId("reveal-secret-key");
  await expect(secretEl).toBeVisible();
  await expect(page.getByRole("heading", { name: /created/ })).toBeFocused();
  await tabUntilFocused(page, "Show secret");
  await page.keyboard.press("Enter");
  await expect(secretEl).toHaveText(/^\s*[A-Za-z0-9]{36}\s*$/);
  const secret = (await secretEl.innerText()).trim();

  await tabUntilFocused(page, "Copy secret key");
  await page.keyboard.press("Enter");
  await expect(d.getByRole("button", { name: "Copy secret key" })).toContainText("Copied");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);

  await page.keyboard.press("Escape");
  await expect(secretEl).toBeVisible();
  await expect(page.getByTestId("announce-assertive")).toContainText("shown only once");

  await tabUntilFocused(page, "I have saved my secret key");
  await page.keyboard.press("Enter");
  await expect(d).toBeHidden();
  await expect(page.getByRole("button", { name: "+ Create Access Key" })).toBeFocused();
  await expect(page.getByTestId("key-row").first()).toContainText(name);
  await expectSecretNowhere(page, secret);
});

test("tabs switch with the mouse and the arrow keys and live in the URL", async ({ page }) => {
  await openConsole(page);
  const keysTab = page.getByRole("tab", { name: "Access Keys" });
  const bucketsTab = page.getByRole("tab", { name: "Buckets" });
  await expect(keysTab).toHaveAttribute("aria-selected", "true");
  await bucketsTab.click();
  await expect(page.getByTestId("buckets-table")).toContainText("media-archive");
  await expect(page.getByTestId("buckets-table")).toContainText("Delhi (Noida)");
  await expect(page).toHaveURL(/[?&]tab=buckets(&|$)/);
  await page.reload();
  await expect(bucketsTab).toHaveAttribute("aria-selected", "true");
  await bucketsTab.focus();
  await page.keyboard.press("ArrowRight");
  await expect(keysTab).toBeFocused();
  await expect(keysTab).toHaveAttribute("aria-selected", "true");
  await page.goBack();
  await expect(bucketsTab).toHaveAttribute("aria-selected", "true");
});

test("the data-centre picker comes from data and switches the list", async ({ page }) => {
  await openConsole(page);
  const picker = page.getByLabel("Data centre");
  await expect(picker.locator("option")).toHaveText([/innoida/, /inmumbaizone2/]);
  await picker.selectOption("inmumbaizone2");
  await expect(page).toHaveURL(/[?&]dc=inmumbaizone2(&|$)/);
  await page.getByRole("tab", { name: "Buckets" }).click();
  await expect(page.getByTestId("buckets-table")).toContainText("logs-mumbai");
  await expect(page.getByTestId("buckets-table")).not.toContainText("media-archive");
});
