import type { Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { test, expect, createKeyByApi, drawer, openConsole, uniqueName } from "./helpers";

async function expectNoViolations(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  expect(summary, `axe violations on ${what}`).toEqual([]);
}

test("axe finds no violations on the list, the open drawer and the reveal", async ({ page, request }) => {
  await createKeyByApi(request, uniqueName("e2e-axe"));
  await openConsole(page);
  await expect(page.getByTestId("key-row").first()).toBeVisible();
  await expectNoViolations(page, "the key list");

  await page.getByRole("tab", { name: "Buckets" }).click();
  await expect(page.getByTestId("buckets-table")).toBeVisible();
  await expectNoViolations(page, "the bucket list");
  await page.getByRole("tab", { name: "Access Keys" }).click();

  await page.getByRole("button", { name: "+ Create Access Key" }).click();
  const d = drawer(page);
  await d.getByLabel("Key Name").fill("x");
  await expect(d.getByTestId("key-name-message")).not.toBeEmpty();
  await expectNoViolations(page, "the drawer with a name message");

  await d.getByLabel("Key Name").fill(uniqueName("e2e-axe-reveal"));
  await d.getByRole("button", { name: "+ Create Key" }).click();
  await expect(d.getByTestId("reveal-secret-key")).toBeVisible();
  await expectNoViolations(page, "the reveal");
  await d.getByRole("button", { name: "I have saved my secret key" }).click();
});

test("axe finds no violations on the error and empty states", async ({ page }) => {
  await page.route("**/v2/**", (route) => route.abort("connectionrefused"));
  await openConsole(page);
  await expect(page.getByTestId("load-error")).toBeVisible();
  await expectNoViolations(page, "the load error");
  await page.unroute("**/v2/**");
  await page.getByLabel("Data centre").selectOption("inmumbaizone2");
  await expect(page.getByTestId("empty-keys").or(page.getByTestId("keys-table"))).toBeVisible();
  await expectNoViolations(page, "another data centre");
});
