import { TOKEN } from "../playwright.config";
import { test, expect, createKeyByApi, drawer, listKeys, openConsole, uniqueName, TOKEN_STORAGE_KEY, expectNoViolations } from "./helpers";

test("an invalid name shows what to change and creates nothing", async ({ page, request }) => {
  await openConsole(page);
  const before = (await listKeys(request)).length;
  await page.getByRole("button", { name: "+ Create Access Key" }).click();
  const d = drawer(page);
  const input = d.getByLabel("Key Name");
  const message = d.getByTestId("key-name-message");

  await input.fill("ab");
  await expect(message).toHaveText("Use at least 3 characters (this name has 2).");
  await expect(input).toHaveAttribute("aria-invalid", "true");
  await d.getByRole("button", { name: "+ Create Key" }).click();
  await input.fill("<script>");
  await expect(message.getByRole("listitem")).toHaveText([
    "Remove “<”: use letters, digits, _ and - only.",
    "Remove “>”: use letters, digits, _ and - only.",
  ]);
  await input.press("Enter");
  await input.fill("-leading");
  await expect(message).toHaveText("Start the name with a letter or a digit, not “-”.");
  await input.press("Enter");
  // A name with several problems lists every one of them.
  await input.fill("-a b!");
  await expect(message.getByRole("listitem")).toHaveText([
    "Remove the spaces: use letters, digits, _ and - only.",
    "Remove “!”: use letters, digits, _ and - only.",
    "Start the name with a letter or a digit, not “-”.",
  ]);
  await input.press("Enter");
  await input.fill("-leading");

  // Still the form, the typed text kept, nothing created.
  await expect(input).toHaveValue("-leading");
  await expect(d.getByTestId("reveal")).toHaveCount(0);
  expect((await listKeys(request)).length).toBe(before);
});

test("a name already in the list is caught before asking the server; the server still judges the rest", async ({ page, request }) => {
  const name = uniqueName("e2e-dup");
  await createKeyByApi(request, name);
  await openConsole(page);
  let creates = 0;
  page.on("request", (r) => {
    if (r.url().endsWith("/accesskey/create")) creates++;
  });
  await page.getByRole("button", { name: "+ Create Access Key" }).click();
  const d = drawer(page);
  const input = d.getByLabel("Key Name");
  await input.fill(name);
  // Known from the loaded list: said as the name is typed, and nothing is sent.
  await expect(d.getByTestId("key-name-message")).toHaveText(
    `An access key named “${name}” already exists in this data centre. Choose another name.`,
  );
  await expect(input).toHaveAttribute("aria-invalid", "true");
  await d.getByRole("button", { name: "+ Create Key" }).click();
  await expect(d.getByTestId("reveal")).toHaveCount(0);
  expect(creates).toBe(0);

  // A name another client took after the list loaded: the server refuses, its message shows on the field.
  const late = uniqueName("e2e-dup-late");
  await createKeyByApi(request, late);
  await input.fill(late);
  await expect(d.getByTestId("key-name-message")).toBeEmpty();
  await d.getByRole("button", { name: "+ Create Key" }).click();
  await expect(d.getByTestId("key-name-message")).toContainText(late);
  await expect(d.getByTestId("key-name-message")).toContainText("already exists");
  await expect(input).toHaveValue(late);
  await expect(d.getByRole("button", { name: "+ Create Key" })).toBeEnabled();
  expect(creates).toBe(1);
  expect((await listKeys(request)).filter((k) => k.name === late)).toHaveLength(1);
});

test("a server error while creating keeps the drawer and the name", async ({ page }) => {
  await openConsole(page);
  await page.route("**/accesskey/create", (route) =>
    route.fulfill({ status: 500, contentType: "application/json", body: '{"status":"error","message":"Storage backend unavailable."}' }),
  );
  await page.getByRole("button", { name: "+ Create Access Key" }).click();
  const d = drawer(page);
  const name = uniqueName("e2e-500");
  await d.getByLabel("Key Name").fill(name);
  await d.getByRole("button", { name: "+ Create Key" }).click();
  // Not the name's fault: said above the button, and the field is not marked invalid.
  await expect(d.getByTestId("create-error")).toContainText("The server failed (500): Storage backend unavailable.");
  await expect(d.getByTestId("key-name-message")).toBeEmpty();
  await expect(d.getByLabel("Key Name")).toHaveAttribute("aria-invalid", "false");
  await expect(d.getByLabel("Key Name")).toHaveValue(name);
  // Closing and reopening the drawer keeps what was typed.
  await d.getByRole("button", { name: "Close" }).click();
  await page.getByRole("button", { name: "+ Create Access Key" }).click();
  await expect(drawer(page).getByLabel("Key Name")).toHaveValue(name);
});

test("with the API unreachable the table shows an error, and Retry works once it is back", async ({ page }) => {
  await page.route("**/v2/**", (route) => route.abort("connectionrefused"));
  await openConsole(page);
  const error = page.getByTestId("load-error");
  await expect(error).toContainText("Could not load access keys.");
  await expect(error).toContainText("The API server could not be reached");
  await page.unroute("**/v2/**");
  await error.getByRole("button", { name: "Retry" }).click();
  await expect(error).toBeHidden();
  await expect(page.getByTestId("keys-table").or(page.getByTestId("empty-keys"))).toBeVisible();
});

test("a refused token says what to do", async ({ page }) => {
  await page.goto("/#token=wrong-token");
  await expect(page.getByTestId("load-error")).toContainText("The session or API token was refused");
  // One place notices a refused token, whichever request met it, and says so at the top.
  await expect(page.getByTestId("token-refused")).toContainText("The session or API token was refused");
});

test("when the console itself cannot load, the page says so and the API token still leaves the address bar", async ({ page }) => {
  // The wasm never arrives: only the page's small start script runs.
  await page.route("**/*.wasm", (route) => route.abort("connectionrefused"));
  await page.goto(`/#token=${TOKEN}`);
  await expect(page.getByRole("alert")).toHaveText(
    "The access-key console could not load. Check your connection, then reload the page.",
  );
  await expectNoViolations(page, "the page when the console cannot load");
  expect(page.url()).not.toContain("token");
  // Kept for this tab, where the console looks for it once it loads.
  expect(await page.evaluate((k) => sessionStorage.getItem(k), TOKEN_STORAGE_KEY)).toBe(TOKEN);
});

test("with sessionStorage refusing writes, the token still leaves the address bar and the keys load", async ({ page, request }) => {
  await page.addInitScript(() => {
    Storage.prototype.setItem = () => {
      throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    };
  });
  const name = uniqueName("e2e-nostore");
  await createKeyByApi(request, name);
  await openConsole(page, `?q=${name}`);
  expect(page.url()).not.toContain("token");
  // The token was kept in memory instead: the list is asked for with it.
  await expect(page.getByTestId("key-row")).toHaveCount(1);
  await expect(page.getByTestId("key-row")).toContainText(name);
});
