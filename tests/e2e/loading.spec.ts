import { test, expect, openConsole, createKeyByApi, uniqueName, searchKeys, keyRow, auth, listKeys } from "./helpers";
import { TOKEN } from "../playwright.config";

// What `make bench` measures shows up for a person too: one request for the list, no bucket list
// until something needs it, a table that answers at once, an address that follows.

test("the first load asks for the key list once and for no bucket list until the Buckets tab opens", async ({ page }) => {
  const asked: string[] = [];
  page.on("request", (r) => {
    if (r.url().includes("/v2/")) asked.push(`${r.method()} ${new URL(r.url()).pathname}`);
  });
  await openConsole(page);
  await expect(page.getByTestId("keys-table").or(page.getByTestId("empty-keys"))).toBeVisible();
  await page.waitForTimeout(300);
  expect(asked.filter((a) => a.endsWith("/accesskeys"))).toEqual(["GET /v2/objectstorage/innoida/accesskeys"]);
  expect(asked.filter((a) => a.endsWith("/bucket")), "no bucket list on the Access Keys tab").toEqual([]);
  await page.getByRole("tab", { name: "Buckets" }).click();
  await expect(page.getByTestId("buckets-table")).toContainText("media-archive");
  expect(asked.filter((a) => a.endsWith("/bucket"))).toEqual(["GET /v2/objectstorage/innoida/bucket"]);
});

test("the list the page asks for while the wasm loads is used only if it is the console's own request", async ({ page, request }) => {
  const mumbai = uniqueName("e2e-early-mumbai");
  await createKeyByApi(request, mumbai, "inmumbaizone2");
  const asked: string[] = [];
  page.on("request", (r) => {
    if (r.url().endsWith("/accesskeys")) asked.push(new URL(r.url()).pathname);
  });
  // The page asks for its own data centre's list (data-dc, innoida) at once; the address shows another.
  await openConsole(page, "?dc=inmumbaizone2");
  await expect(page.getByTestId("key-row").filter({ hasText: mumbai })).toBeVisible();
  await page.waitForTimeout(300);
  expect(asked).toEqual(["/v2/objectstorage/innoida/accesskeys", "/v2/objectstorage/inmumbaizone2/accesskeys"]);
  // Only Mumbai's keys: innoida's early answer was dropped, not shown.
  const noida = new Set((await listKeys(request)).map((k) => k.name));
  const shown = await page.getByTestId("key-row").locator("th").allTextContents();
  expect(shown.filter((n) => noida.has(n.replace(/New$/, "")))).toEqual([]);
});

test("a token given on the page's mount element wins over the address, which is left alone", async ({ page }) => {
  const asked: (string | null)[] = [];
  page.on("request", (r) => {
    if (r.url().endsWith("/accesskeys")) asked.push(r.headers()["authorization"] ?? null);
  });
  // A deployment that writes the token into its page (data-token) instead of sending a link.
  await page.route("**/", async (route) => {
    const res = await route.fetch();
    const html = (await res.text()).replace("<main ", `<main data-token="${TOKEN}" `);
    const { "content-encoding": _, "content-length": __, ...headers } = res.headers();
    await route.fulfill({ status: res.status(), headers, body: html });
  });
  await page.goto("/#token=not-this-one&x=1");
  await expect(page.getByTestId("keys-table").or(page.getByTestId("empty-keys"))).toBeVisible();
  expect(asked).toEqual([`Bearer ${TOKEN}`]);
  expect(new URL(page.url()).hash, "the page's script leaves an address it did not take a token from").toBe("#token=not-this-one&x=1");
});

test("a table row's copy button copies the key's ID, says so, and selects it when the browser refuses", async ({ page, context, request }) => {
  const name = uniqueName("e2e-copy-id");
  const { accesskey } = await createKeyByApi(request, name);
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await openConsole(page);
  await searchKeys(page, name);
  const copy = keyRow(page, name).getByRole("button", { name: `Copy access key ID of ${name}`, exact: true });
  await copy.click();
  await expect(copy).toContainText("Copied");
  await expect(page.getByTestId("announce-polite")).toContainText(`Copied access key ID of ${name} to the clipboard.`);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(accesskey);
  // It goes back to "Copy" after a moment.
  await expect(copy).toHaveText("Copy", { timeout: 5000 });

  // No way of copying works: the button says so, and the ID is selected for Ctrl+C.
  await page.evaluate(() => {
    navigator.clipboard.writeText = () => Promise.reject(new DOMException("Blocked by test", "NotAllowedError"));
    document.execCommand = () => false;
  });
  await copy.click();
  await expect(copy).toContainText("Copy failed");
  await expect(page.getByTestId("announce-polite")).toContainText("press Ctrl+C");
  await expect.poll(() => page.evaluate(() => window.getSelection()?.toString().trim())).toBe(accesskey);
});

test("typing a search makes one history entry at most, and the address follows the table", async ({ page, request }) => {
  const prefix = uniqueName("e2e-addr");
  for (const n of ["a", "b"]) await createKeyByApi(request, `${prefix}-${n}`);
  await openConsole(page);
  await expect(page.getByTestId("keys-table")).toBeVisible();
  const entries = await page.evaluate(() => history.length);
  await page.getByRole("searchbox", { name: "Search keys by name or access key ID" }).pressSequentially(prefix, { delay: 5 });
  await expect(page.getByTestId("key-row")).toHaveCount(2);
  await expect(page).toHaveURL(new RegExp(`[?&]q=${prefix}(&|$)`));
  expect(await page.evaluate(() => history.length), "typing replaces the entry").toBe(entries);
  // A sort is its own entry; Back returns to the search alone.
  await page.getByRole("button", { name: "Name", exact: true }).click();
  await expect(page).toHaveURL(/[?&]sort=name(&|$)/);
  expect(await page.evaluate(() => history.length)).toBe(entries + 1);
  await page.goBack();
  await expect(page).not.toHaveURL(/sort=name/);
  await expect(page.getByRole("searchbox", { name: "Search keys by name or access key ID" })).toHaveValue(prefix);
});

test("the list comes compressed, and within the API's envelope", async ({ request }) => {
  const res = await request.get("/v2/objectstorage/innoida/accesskeys", { headers: { ...auth, "Accept-Encoding": "br" } });
  expect(res.status()).toBe(200);
  expect(res.headers()["content-encoding"]).toBe("br");
  expect((await res.json()).status).toBe("success");
});
