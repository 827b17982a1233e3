import type { Page } from "@playwright/test";
import { test, expect, uniqueName } from "./helpers";
import { TOKEN } from "../playwright.config";

// A host page (like the Utho console) that mounts the console into its own element with a config.
// Served through page.route so it runs under the same origin and CSP as the real server.
const HOST_HTML = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host console</title>
<link rel="stylesheet" href="/console.css"><link rel="stylesheet" href="/host.css">
<script type="module" src="/host.js"></script></head>
<body><main><h1>Host page</h1><p class="host-text">Host text</p><section id="keys-here"></section></main></body></html>`;
const HOST_CSS = `body { background: rgb(1, 2, 3); } .host-text { color: rgb(4, 5, 6); }
#keys-here .utho-keys { --uk-primary-dark: rgb(200, 0, 100); }`;
const hostJs = (config: string) => `import init, { mountConsole } from "/keys-console.js";
await init({ module_or_path: "/keys-console_bg.wasm" });
mountConsole(document.getElementById("keys-here"), ${config});`;

async function openHost(page: Page, config: string) {
  await page.route("**/host.html", (r) => r.fulfill({ contentType: "text/html", body: HOST_HTML }));
  await page.route("**/host.css", (r) => r.fulfill({ contentType: "text/css", body: HOST_CSS }));
  await page.route("**/host.js", (r) => r.fulfill({ contentType: "text/javascript", body: hostJs(config) }));
  await page.goto("/host.html");
}

test("the console mounts into a host page's element with a configuration and leaves the host's styles alone", async ({ page }) => {
  await openHost(page, `{ apiBase: "/v2/", token: "${TOKEN}", dc: "inmumbaizone2" }`);
  const host = page.locator("#keys-here");
  await expect(host.getByRole("heading", { name: "Object Storage" })).toBeVisible();
  // The configured data centre and token are used: the table loads (no token error).
  await expect(host.getByLabel("Data centre")).toHaveValue("inmumbaizone2");
  await expect(host.getByTestId("empty-keys").or(host.getByTestId("keys-table"))).toBeVisible();
  // The host's own styles are untouched; the host can recolour the console through custom properties.
  expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe("rgb(1, 2, 3)");
  expect(await page.locator(".host-text").evaluate((e) => getComputedStyle(e).color)).toBe("rgb(4, 5, 6)");
  const btn = host.getByRole("button", { name: "+ Create Access Key" });
  expect(await btn.evaluate((e) => getComputedStyle(e).backgroundColor)).toBe("rgb(200, 0, 100)");
});

test("a request that never answers times out with a message, keeps what was typed, and Retry recovers", async ({ page }) => {
  // Requests that hang: held, never answered, until the test lets them through.
  let hang = true;
  await page.route("**/v2/**", async (route) => {
    if (hang) return; // never fulfilled: the console's own timeout must fire
    await route.continue();
  });
  await openHost(page, `{ apiBase: "/v2/", token: "${TOKEN}", dc: "innoida", timeoutSecs: 1 }`);
  const host = page.locator("#keys-here");
  const error = host.getByTestId("load-error");
  await expect(error).toContainText("The API did not answer within 1 seconds. Try again.");

  await host.getByRole("button", { name: "+ Create Access Key" }).click();
  const d = host.getByRole("dialog", { name: "Create Access Key" });
  const name = uniqueName("e2e-timeout");
  await d.getByLabel("Key Name").fill(name);
  await d.getByRole("button", { name: "+ Create Key" }).click();
  await expect(d.getByTestId("key-name-message")).toContainText("did not answer within 1 seconds");
  await expect(d.getByTestId("key-name-message")).toContainText("The key may have been created anyway");
  await expect(d.getByLabel("Key Name")).toHaveValue(name);
  await d.getByRole("button", { name: "Close" }).click();

  hang = false;
  await error.getByRole("button", { name: "Retry" }).click();
  await expect(error).toBeHidden();
  await expect(host.getByTestId("keys-table").or(host.getByTestId("empty-keys"))).toBeVisible();
});
