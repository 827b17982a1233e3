import {
  closeReveal,
  test,
  expect,
  addFault,
  bulkToolbar,
  clearFaults,
  createKeyByApi,
  detailsDialog,
  drawer,
  expectNoViolations,
  grant,
  openActions,
  openConsole,
  rowAction,
  searchKeys,
  selectBox,
  uniqueName,
} from "./helpers";

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
  await closeReveal(d, { confirmUnsaved: true });
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

test("axe finds no violations on a selection with the bulk toolbar and its result, the open menu and the delete dialog", async ({ page, request }) => {
  const prefix = uniqueName("e2e-axe-rows");
  const [a, b] = [`${prefix}-a`, `${prefix}-b`];
  const { accesskey } = await createKeyByApi(request, a);
  await createKeyByApi(request, b);
  await grant(request, "media-archive", "read", accesskey);
  await openConsole(page);
  await searchKeys(page, prefix);
  await expect(page.getByTestId("key-row")).toHaveCount(2);

  await selectBox(page, a).check();
  await selectBox(page, b).check();
  await expect(bulkToolbar(page)).toContainText("2 selected");
  await expectNoViolations(page, "the table with a selection and the bulk toolbar");

  try {
    await addFault(request, { method: "POST", path_contains: "/status", status: 500, message: "Injected failure", times: 1, skip: 1 });
    await bulkToolbar(page).getByRole("button", { name: "Suspend selected", exact: true }).click();
    await expect(page.getByTestId("bulk-result").getByRole("listitem")).toHaveCount(1);
    await expectNoViolations(page, "the bulk result with a failure");
  } finally {
    await clearFaults(request);
  }
  await bulkToolbar(page).getByRole("button", { name: "Clear selection", exact: true }).click();

  const menu = await openActions(page, a);
  await expect(menu.getByRole("menuitem").first()).toBeFocused();
  await expectNoViolations(page, "the open row menu");
  await page.keyboard.press("Escape");
  await expect(menu).toBeHidden();

  await rowAction(page, a, "Delete");
  const dialog = page.getByRole("dialog", { name: `Delete access key ${a}?`, exact: true });
  await expect(dialog).toContainText("media-archive");
  await expectNoViolations(page, "the delete dialog");
  await dialog.getByRole("textbox", { name: `Type ${a} to confirm`, exact: true }).fill(a);
  await expect(dialog.getByRole("button", { name: "Delete key", exact: true })).toBeEnabled();
  await expectNoViolations(page, "the delete dialog, confirmed");
  await dialog.getByRole("button", { name: "Cancel", exact: true }).click();
  await expect(dialog).toBeHidden();
});

test("axe finds no violations on the key details (with a save error) and the Buckets tab with a bucket expanded", async ({ page, request }) => {
  const name = uniqueName("e2e-axe-details");
  const { accesskey } = await createKeyByApi(request, name);
  await grant(request, "media-archive", "write", accesskey);
  await openConsole(page, `?key=${accesskey}`);
  const d = detailsDialog(page, name);
  await expect(d.getByRole("combobox", { name: "Permission on media-archive", exact: true })).toHaveValue("write");
  await expectNoViolations(page, "the key details dialog");

  try {
    await addFault(request, { method: "POST", path_contains: "/bucket/web-assets/", status: 403, message: "Bucket policy is locked.", times: 1 });
    await d.getByRole("combobox", { name: "Permission on web-assets", exact: true }).selectOption("read");
    await d.getByRole("button", { name: "Save all changes", exact: true }).click();
    await expect(d.getByTestId("perm-status-web-assets")).toContainText("Bucket policy is locked.");
    await expectNoViolations(page, "the key details dialog with a refused permission");
  } finally {
    await clearFaults(request);
  }
  await d.getByRole("button", { name: "Close", exact: true }).click();
  await expect(d).toBeHidden();

  await page.getByRole("tab", { name: "Buckets" }).click();
  const show = page.getByRole("button", { name: "Show keys for media-archive", exact: true });
  await show.click();
  await expect(page.getByTestId("bucket-keys-media-archive").getByRole("combobox", { name: `Permission of ${name} on media-archive` })).toHaveValue("write");
  await expectNoViolations(page, "the Buckets tab with a bucket's keys shown");
});

test("axe finds no violations on the rotation form, its progress and the reveal", async ({ page, request }) => {
  const name = uniqueName("e2e-axe-rot");
  const { accesskey } = await createKeyByApi(request, name);
  await grant(request, "media-archive", "write", accesskey);
  await grant(request, "web-assets", "read", accesskey);
  await openConsole(page);
  await searchKeys(page, name);
  await rowAction(page, name, "Rotate");
  const d = page.getByRole("dialog", { name: `Rotate access key ${name}`, exact: true });
  await expect(d.getByRole("textbox", { name: "Key Name", exact: true })).toHaveValue(`${name}-rotated`);
  await expectNoViolations(page, "the rotation form");

  try {
    await addFault(request, { method: "POST", path_contains: "/permission/", status: 500, message: "Injected failure", times: 1, skip: 1 });
    await d.getByRole("button", { name: "Create replacement key", exact: true }).click();
    await expect(d.getByTestId("rotation-summary")).toContainText("1 of 2 permissions copied");
    await expect(d.getByTestId("reveal-secret-key")).toBeVisible();
    await expectNoViolations(page, "the stopped rotation with the reveal");
  } finally {
    await clearFaults(request);
  }
  await d.getByRole("button", { name: "Retry remaining steps", exact: true }).click();
  await expect(d.getByTestId("rotation-summary")).toContainText("2 of 2 permissions copied");
  await expectNoViolations(page, "the completed rotation with the reveal");
  await closeReveal(d, { confirmUnsaved: true });
  await expect(d.getByRole("button", { name: "Suspend old key", exact: true })).toBeVisible();
  await expectNoViolations(page, "the offer to suspend the old key");
});
