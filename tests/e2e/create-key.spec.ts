import { test, expect, showSecret, drawer, expectSecretNowhere, listKeys, openConsole, uniqueName } from "./helpers";

test("create a key in the drawer, see its secret once, find it at the top of the table", async ({ page, context, request }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await openConsole(page);
  // The token left the address bar at once.
  expect(page.url()).not.toContain("token");

  const createButton = page.getByRole("button", { name: "+ Create Access Key" });
  await createButton.click();
  const d = drawer(page);
  await expect(d).toBeVisible();
  const nameInput = d.getByLabel("Key Name");
  await expect(nameInput).toBeFocused();
  await expect(nameInput).toHaveValue(/^my_key_\d{4}$/);

  const name = uniqueName("e2e-create");
  await nameInput.fill(name);
  await d.getByRole("button", { name: "+ Create Key" }).click();

  const secretEl = d.getByTestId("reveal-secret-key");
  const accessEl = d.getByTestId("reveal-access-key");
  await expect(accessEl).toHaveText(/^[A-Za-z0-9]{36}$/);
  await expect(d.getByText("This is the only time it is shown")).toBeVisible();
  // Masked until asked.
  await expect(secretEl).not.toHaveText(/[A-Za-z0-9]/);
  const secret = await showSecret(d);
  const accessId = (await accessEl.innerText()).trim();

  // Copy puts exactly the secret on the clipboard, and the button says so.
  const copySecret = d.getByRole("button", { name: "Copy secret key" });
  await copySecret.click();
  await expect(copySecret).toContainText("Copied");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);

  // Neither Escape nor a click outside closes the reveal.
  await page.keyboard.press("Escape");
  await expect(secretEl).toBeVisible();
  await page.getByTestId("drawer-backdrop").click({ position: { x: 20, y: 300 } });
  await expect(secretEl).toBeVisible();
  await expect(d.getByRole("button", { name: "Close" })).toHaveCount(0);

  await d.getByRole("button", { name: "I have saved my secret key" }).click();
  await expect(d).toBeHidden();
  await expect(createButton).toBeFocused();

  const top = page.getByTestId("key-row").first();
  await expect(top).toContainText(name);
  await expect(top).toContainText(accessId);
  await expect(top).toContainText("Active");
  await expect(top).toContainText("New");
  await expectSecretNowhere(page, secret);

  // The server has the key, active, and never lists the secret.
  const keys = await listKeys(request);
  expect(keys.find((k) => k.accesskey === accessId)).toMatchObject({ name, status: "Active" });
  expect(JSON.stringify(keys)).not.toContain(secret);

  // A look at the table after a create, for a person reviewing the run (the README's picture is
  // made on purpose by `make screenshot`).
  await page.screenshot({ path: "tests/.artifacts/after-create.png", fullPage: false });

  await page.reload();
  await expect(page.getByTestId("key-row").first()).toContainText(name);
  await expectSecretNowhere(page, secret);
});

test("a double click on Create Key creates one key", async ({ page, request }) => {
  await openConsole(page);
  await page.getByRole("button", { name: "+ Create Access Key" }).click();
  const name = uniqueName("e2e-double");
  await drawer(page).getByLabel("Key Name").fill(name);
  await drawer(page).getByRole("button", { name: "+ Create Key" }).dblclick();
  await expect(drawer(page).getByTestId("reveal-secret-key")).toBeVisible();
  const keys = await listKeys(request);
  expect(keys.filter((k) => k.name === name)).toHaveLength(1);
});

test("search filters by name or ID and pagination pages through 10/25/50 rows", async ({ page, request }) => {
  const prefix = uniqueName("e2e-page");
  const created: { name: string; accesskey: string }[] = [];
  for (let i = 0; i < 12; i++) {
    const name = `${prefix}-${String(i).padStart(2, "0")}`;
    const r = await request.post(`/v2/objectstorage/innoida/accesskey/create`, {
      headers: { Authorization: `Bearer e2e-token-not-a-secret` },
      data: { accesskey: name },
    });
    created.push({ name, accesskey: (await r.json()).accesskey });
  }
  await openConsole(page);
  const search = page.getByRole("searchbox", { name: "Search keys by name or access key ID" });
  await search.fill(prefix);
  await expect(page.getByTestId("key-row")).toHaveCount(10);
  await expect(page.getByText("Showing 1–10 of 12")).toBeVisible();
  // Newest first.
  await expect(page.getByTestId("key-row").first()).toContainText(`${prefix}-11`);
  await page.getByRole("button", { name: "next", exact: true }).click();
  await expect(page.getByTestId("key-row")).toHaveCount(2);
  await expect(page).toHaveURL(/[?&]page=2(&|$)/);
  await page.getByLabel("Rows per page").selectOption("25");
  await expect(page.getByTestId("key-row")).toHaveCount(12);

  // By access key ID.
  await search.fill(created[3].accesskey.slice(0, 20));
  await expect(page.getByTestId("key-row")).toHaveCount(1);
  await expect(page.getByTestId("key-row")).toContainText(created[3].name);

  // The search lives in the URL (written just after the table shows it): a reload keeps it.
  await expect(page).toHaveURL(new RegExp(`[?&]q=${created[3].accesskey.slice(0, 20)}(&|$)`));
  await page.reload();
  await expect(search).toHaveValue(created[3].accesskey.slice(0, 20));
  await expect(page.getByTestId("key-row")).toHaveCount(1);

  await search.fill("no-such-key-anywhere");
  await expect(page.getByTestId("no-match")).toContainText("No keys match");
  await page.getByRole("button", { name: "Clear search" }).click();
  await expect(search).toHaveValue("");
});
