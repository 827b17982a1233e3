import {
  test,
  expect,
  actionsButton,
  actionsMenu,
  addFault,
  apiStatus,
  clearFaults,
  createKeyByApi,
  detailsDialog,
  expectFocusTrapped,
  expectRowStatus,
  grant,
  keyRow,
  openActions,
  openConsole,
  rowAction,
  searchBox,
  searchKeys,
  tabTo,
  uniqueName,
} from "./helpers";

test.afterEach(async ({ request }) => {
  await clearFaults(request);
});

test("suspend and activate from the row menu change the row at once, and the API agrees", async ({ page, request }) => {
  const name = uniqueName("e2e-susp");
  const { accesskey } = await createKeyByApi(request, name);
  await openConsole(page);
  await searchKeys(page, name);
  const row = keyRow(page, name);
  await expectRowStatus(row, "Active");

  const menu = await openActions(page, name);
  await expect(actionsButton(page, name)).toHaveAttribute("aria-expanded", "true");
  await expect(menu.getByRole("menuitem")).toHaveCount(4);
  for (const item of ["View details", "Suspend", "Rotate", "Delete"]) {
    await expect(menu.getByRole("menuitem", { name: item, exact: true })).toBeVisible();
  }
  await expect(menu.getByRole("menuitem", { name: "Activate", exact: true })).toHaveCount(0);

  // Hold the server's answer: the row must change before it arrives (optimistic update).
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const statusUrl = (url: URL) => url.pathname.includes(`/accesskey/${accesskey}/status`);
  await page.route(statusUrl, async (route) => {
    await held;
    await route.continue();
  });
  await menu.getByRole("menuitem", { name: "Suspend", exact: true }).click();
  await expect(menu).toBeHidden();
  await expectRowStatus(row, "Suspended");
  expect(await apiStatus(request, accesskey), "the request is still held").toBe("Active");
  release();
  await expect.poll(() => apiStatus(request, accesskey)).toBe("Suspended");
  await page.unroute(statusUrl);
  await expect(page.getByTestId("announce-polite")).toContainText(name);
  await expect(page.getByTestId("action-error")).toBeHidden();

  // The server's state is what a reload shows.
  await page.reload();
  await expect(searchBox(page)).toHaveValue(name);
  await expectRowStatus(row, "Suspended");

  // A suspended key offers Activate instead of Suspend.
  const again = await openActions(page, name);
  await expect(again.getByRole("menuitem", { name: "Suspend", exact: true })).toHaveCount(0);
  await again.getByRole("menuitem", { name: "Activate", exact: true }).click();
  await expectRowStatus(row, "Active");
  await expect.poll(() => apiStatus(request, accesskey)).toBe("Active");
  await expect(page.getByTestId("announce-polite")).toContainText(name);
});

test("a refused suspend puts the row back and shows the server's message", async ({ page, request }) => {
  const name = uniqueName("e2e-susp-fail");
  const { accesskey } = await createKeyByApi(request, name);
  await openConsole(page);
  await searchKeys(page, name);
  const row = keyRow(page, name);
  await expectRowStatus(row, "Active");

  await addFault(request, {
    method: "POST",
    path_contains: `/accesskey/${accesskey}/status`,
    status: 503,
    message: "Status changes are paused for maintenance.",
    times: 1,
  });
  await rowAction(page, name, "Suspend");
  const error = page.getByTestId("action-error");
  await expect(error).toContainText(`Could not suspend ${name}`);
  await expect(error).toContainText("Status changes are paused for maintenance.");
  await expectRowStatus(row, "Active");
  expect(await apiStatus(request, accesskey)).toBe("Active");
  // The menu still offers Suspend (the row is back to Active, not stuck in between).
  const menu = await openActions(page, name);
  await expect(menu.getByRole("menuitem", { name: "Activate", exact: true })).toHaveCount(0);

  // The fault is used up: trying again works.
  await menu.getByRole("menuitem", { name: "Suspend", exact: true }).click();
  await expectRowStatus(row, "Suspended");
  await expect.poll(() => apiStatus(request, accesskey)).toBe("Suspended");
});

test("delete asks for the exact name, lists the buckets the key reaches, and removes the key", async ({ page, request }) => {
  const name = uniqueName("e2e-del");
  const { accesskey } = await createKeyByApi(request, name);
  await grant(request, "media-archive", "write", accesskey);
  await openConsole(page);
  await searchKeys(page, name);
  await expect(keyRow(page, name)).toBeVisible();

  await rowAction(page, name, "Delete");
  const dialog = page.getByRole("dialog", { name: `Delete access key ${name}?`, exact: true });
  await expect(dialog).toBeVisible();
  // What the key can reach, so the person knows what breaks.
  await expect(dialog).toContainText("media-archive");
  await expect(dialog).toContainText("Write");
  await expect(dialog).not.toContainText("Read & Write");
  await expect(dialog).not.toContainText("backups-innoida");
  await expect(dialog).not.toContainText("web-assets");
  await expect(dialog).not.toContainText("This key has no bucket permissions.");
  await expect(dialog.getByRole("button", { name: "Suspend instead", exact: true })).toBeVisible();

  const confirm = dialog.getByRole("textbox", { name: `Type ${name} to confirm`, exact: true });
  const del = dialog.getByRole("button", { name: "Delete key", exact: true });
  await expect(del).toBeDisabled();
  for (const wrong of [name.slice(0, 5), name.slice(0, -1), `${name}x`, name.toUpperCase()]) {
    await confirm.fill(wrong);
    await expect(del, `"${wrong}" is not the name`).toBeDisabled();
  }
  await confirm.fill(name);
  await expect(del).toBeEnabled();
  await del.click();

  await expect(dialog).toBeHidden();
  await expect(keyRow(page, name)).toHaveCount(0);
  await expect(page.getByTestId("announce-polite")).toContainText(`Access key ${name} deleted.`);
  await expect.poll(() => apiStatus(request, accesskey)).toBe("gone");

  // It stays gone after a reload.
  await page.reload();
  await expect(searchBox(page)).toHaveValue(name);
  await expect(page.getByTestId("no-match")).toBeVisible();
  await expect(page.getByTestId("key-row")).toHaveCount(0);
});

test("the delete dialog's Cancel keeps the key and Suspend instead suspends it", async ({ page, request }) => {
  const name = uniqueName("e2e-del-sus");
  const { accesskey } = await createKeyByApi(request, name);
  await openConsole(page);
  await searchKeys(page, name);
  const row = keyRow(page, name);
  await expectRowStatus(row, "Active");

  await rowAction(page, name, "Delete");
  const dialog = page.getByRole("dialog", { name: `Delete access key ${name}?`, exact: true });
  await expect(dialog).toContainText("This key has no bucket permissions.");
  await dialog.getByRole("button", { name: "Cancel", exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(actionsButton(page, name)).toBeFocused();
  await expectRowStatus(row, "Active");
  expect(await apiStatus(request, accesskey)).toBe("Active");

  await rowAction(page, name, "Delete");
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Suspend instead", exact: true }).click();
  await expect(dialog).toBeHidden();
  await expectRowStatus(row, "Suspended");
  await expect.poll(() => apiStatus(request, accesskey)).toBe("Suspended");
});

test("the row menu, the delete dialog and the details dialog with the keyboard alone", async ({ page, request }) => {
  const name = uniqueName("e2e-kbd-menu");
  const { accesskey } = await createKeyByApi(request, name);
  await openConsole(page);
  await searchBox(page).focus();
  await page.keyboard.type(name);
  await expect(page.getByTestId("key-row")).toHaveCount(1);
  const button = actionsButton(page, name);
  await expect(button).toHaveAttribute("aria-haspopup", "menu");
  await expect(button).toHaveAttribute("aria-expanded", "false");

  // Tab from the search box to the row's actions button, open the menu with Enter.
  await tabTo(page, button);
  await page.keyboard.press("Enter");
  const menu = actionsMenu(page, name);
  const item = (n: string) => menu.getByRole("menuitem", { name: n, exact: true });
  await expect(menu).toBeVisible();
  await expect(button).toHaveAttribute("aria-expanded", "true");
  await expect(item("View details")).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(item("Suspend")).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(item("Rotate")).toBeFocused();
  await page.keyboard.press("ArrowUp");
  await expect(item("Suspend")).toBeFocused();
  await page.keyboard.press("End");
  await expect(item("Delete")).toBeFocused();
  await page.keyboard.press("Home");
  await expect(item("View details")).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(menu).toBeHidden();
  await expect(button).toBeFocused();
  await expect(button).toHaveAttribute("aria-expanded", "false");

  // Arrow to Suspend and press Enter.
  await page.keyboard.press("Enter");
  await expect(item("View details")).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(item("Suspend")).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(menu).toBeHidden();
  await expectRowStatus(keyRow(page, name), "Suspended");
  await expect.poll(() => apiStatus(request, accesskey)).toBe("Suspended");
  await expect(button, "focus goes back to the actions button after a menu action").toBeFocused();

  // The delete dialog: focus moves in, Tab stays in, Escape cancels and focus comes back.
  await page.keyboard.press("Enter");
  await expect(item("View details")).toBeFocused();
  await page.keyboard.press("End");
  await expect(item("Delete")).toBeFocused();
  await page.keyboard.press("Enter");
  const del = page.getByRole("dialog", { name: `Delete access key ${name}?`, exact: true });
  await expect(del).toBeVisible();
  await expectFocusTrapped(page, del);
  await page.keyboard.press("Escape");
  await expect(del).toBeHidden();
  await expect(button).toBeFocused();
  expect(await apiStatus(request, accesskey)).toBe("Suspended");

  // The details dialog: open with Enter on the first item, Tab stays in, Close with the keyboard.
  await page.keyboard.press("Enter");
  await expect(item("View details")).toBeFocused();
  await page.keyboard.press("Enter");
  const details = detailsDialog(page, name);
  await expect(details).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`[?&]key=${accesskey}`));
  await expectFocusTrapped(page, details);
  await tabTo(page, details.getByRole("button", { name: "Close", exact: true }));
  await page.keyboard.press("Enter");
  await expect(details).toBeHidden();
  await expect(page).not.toHaveURL(/[?&]key=/);
});
