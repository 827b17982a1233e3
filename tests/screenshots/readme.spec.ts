// The README's pictures, on a fresh database seeded with keys that look like a real account's.
// Run by `make screenshot` only; `make test` never rewrites them.
import { test, expect, createKeyByApi, filterButton, grant, openConsole, setStatus, shapeKeyList } from "../e2e/helpers";
import { PORT } from "../playwright.config";

const KEYS = ["analytics-export", "media-upload", "ci-deploy", "backup-nightly", "web-assets-cdn"];
// Keys made a moment ago are all new: the pictures show an account's ages (in what the page reads).
const AGES = { "analytics-export": 430, "media-upload": 12, "ci-deploy": 64, "backup-nightly": 190 };
test.beforeEach(async ({ page }) => shapeKeyList(page, "", AGES));

test.beforeAll(async ({ request }) => {
  const made: Record<string, string> = {};
  for (const name of KEYS) made[name] = (await createKeyByApi(request, name)).accesskey;
  await grant(request, "backups-innoida", "write", made["backup-nightly"]);
  await grant(request, "web-assets", "read", made["web-assets-cdn"]);
  await setStatus(request, made["analytics-export"], "disable");
});

test("README: the Access Keys tab", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openConsole(page);
  await expect(page.getByTestId("key-row")).toHaveCount(KEYS.length);
  await expect(page.getByTestId("rotation-notice")).toBeVisible();
  await page.screenshot({ path: "docs/screenshot.png" });
});

test("README: a phone, and the reveal on a phone", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, baseURL: `http://127.0.0.1:${PORT}` });
  const page = await context.newPage();
  await shapeKeyList(page, "", AGES);
  await openConsole(page);
  await expect(page.getByTestId("key-row")).toHaveCount(KEYS.length);
  await page.screenshot({ path: "docs/screenshot-phone.png" });
  await page.getByRole("button", { name: "+ Create Access Key" }).click();
  const d = page.getByRole("dialog", { name: "Create Access Key" });
  await d.getByLabel("Key Name").fill("mobile-sync");
  await d.getByRole("combobox", { name: "Access to media-archive" }).selectOption("write");
  await d.getByRole("button", { name: "+ Create Key" }).click();
  await expect(d.getByTestId("grant-media-archive")).toContainText("saved");
  await page.screenshot({ path: "docs/screenshot-phone-reveal.png" });
  await context.close();
});

test("README: dark", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, colorScheme: "dark", baseURL: `http://127.0.0.1:${PORT}` });
  const page = await context.newPage();
  await shapeKeyList(page, "", AGES);
  await openConsole(page);
  await filterButton(page, "Due for rotation").click();
  await expect(page.getByTestId("key-row")).toHaveCount(2);
  await page.screenshot({ path: "docs/screenshot-dark.png" });
  await context.close();
});
