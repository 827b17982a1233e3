// A front-end team's host, built by Vite from the packed @utho/access-keys: the console mounts on the
// host's route, lists and creates keys (the secret shown once), the host hears `utho-keys:created`, and
// leaving the route unmounts it and leaves its element empty; the custom element works the same way.
import { test, expect, drawer, showSecret, expectSecretNowhere, expectNoViolations, uniqueName } from "../e2e/helpers";
import { TOKEN } from "../playwright.config";

test.beforeEach(async ({ page }) => {
  // The host's own session holds the API token.
  await page.addInitScript((t) => sessionStorage.setItem("acme-session-token", t), TOKEN);
});

test("the packaged console in a Vite host: mount on its route, list, create, the host's event, unmount", async ({ page }) => {
  const wasm: string[] = [];
  page.on("request", (r) => {
    if (r.url().endsWith(".wasm")) wasm.push(new URL(r.url()).pathname);
  });
  await page.goto("/#/keys");
  await expect(page.getByRole("heading", { name: "Object Storage", level: 1 })).toBeVisible();
  await expect(page.getByTestId("keys-table").or(page.getByTestId("empty-keys"))).toBeVisible();
  // Vite copied and fingerprinted the wasm itself.
  expect(wasm).toHaveLength(1);
  expect(wasm[0]).toMatch(/^\/assets\/keys-console_bg-[\w-]+\.wasm$/);
  await expect(page.getByRole("link", { name: "Access keys", exact: true })).toBeVisible();
  await expectNoViolations(page, "the Vite host with the console");

  const name = uniqueName("vite-host");
  await page.getByRole("button", { name: "+ Create Access Key" }).click();
  const d = drawer(page);
  await d.getByLabel("Key Name").fill(name);
  await d.getByRole("button", { name: "+ Create Key" }).click();
  await expect(d.getByTestId("reveal-access-key")).toHaveText(/^[A-Za-z0-9]{36}$/);
  const secret = await showSecret(d);
  // The host heard of it, without the secret.
  await expect(page.locator("#host-notice")).toHaveText(`Key ${name} created in innoida.`);
  await d.getByRole("button", { name: "Download .csv" }).click();
  await d.getByRole("button", { name: "I have saved my secret key" }).click();
  await expect(d).toBeHidden();
  await expect(page.getByTestId("key-row").first()).toContainText(name);
  await expectSecretNowhere(page, secret);

  // Leaving the route unmounts the console: its element is emptied, nothing of it stays.
  await page.evaluate(() => ((window as unknown as { box: Element }).box = document.getElementById("access-keys")!));
  await page.getByRole("link", { name: "Overview" }).click();
  await expect(page.getByText("Welcome to Acme Cloud.")).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { box: Element }).box.childNodes.length)).toBe(0);
  await expect(page.locator(".utho-keys")).toHaveCount(0);
});

test("the packaged custom element in a Vite host: keys in its shadow root, gone when the route changes", async ({ page }) => {
  await page.goto("/#/element");
  const el = page.locator("utho-access-keys");
  await expect(el.getByRole("heading", { name: "Object Storage", level: 1 })).toBeVisible();
  await expect(el.getByTestId("keys-table").or(el.getByTestId("empty-keys"))).toBeVisible();
  await expectNoViolations(page, "the Vite host with the element");
  await page.getByRole("link", { name: "Overview" }).click();
  await expect(page.locator("utho-access-keys")).toHaveCount(0);
});
