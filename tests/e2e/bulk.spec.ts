import type { APIRequestContext } from "@playwright/test";
import {
  test,
  expect,
  addFault,
  apiStatus,
  bulkToolbar,
  clearFaults,
  createKeyByApi,
  expectRowStatus,
  keyRow,
  openConsole,
  searchKeys,
  selectBox,
  uniqueName,
} from "./helpers";

type Key = { name: string; accesskey: string };

test.afterEach(async ({ request }) => {
  await clearFaults(request);
});

async function createKeys(request: APIRequestContext, prefix: string, suffixes: string[]): Promise<Key[]> {
  const keys: Key[] = [];
  for (const s of suffixes) {
    const name = `${prefix}-${s}`;
    const { accesskey } = await createKeyByApi(request, name);
    keys.push({ name, accesskey });
  }
  return keys;
}

async function statuses(request: APIRequestContext, keys: Key[]) {
  return Promise.all(keys.map((k) => apiStatus(request, k.accesskey)));
}

test("bulk suspend with one refusal reports it, keeps that key selected, and the rest is suspended", async ({ page, request }) => {
  const prefix = uniqueName("e2e-bulk");
  const keys = await createKeys(request, prefix, ["a", "b", "c"]);
  await openConsole(page);
  await searchKeys(page, prefix);
  await expect(page.getByTestId("key-row")).toHaveCount(3);

  const toolbar = bulkToolbar(page);
  await expect(toolbar).toBeHidden();
  for (const k of keys) await selectBox(page, k.name).check();
  await expect(toolbar).toBeVisible();
  await expect(toolbar).toContainText("3 selected");

  // The second status request to reach the server is refused.
  await addFault(request, {
    method: "POST",
    path_contains: "/status",
    status: 409,
    message: "Key is locked by a running job.",
    times: 1,
    skip: 1,
  });
  await toolbar.getByRole("button", { name: "Suspend selected", exact: true }).click();
  const result = page.getByTestId("bulk-result");
  await expect(result).toContainText("Suspended 2 of 3 keys.");

  // Requests run concurrently, so which key was second is the server's to say.
  await expect.poll(async () => (await statuses(request, keys)).filter((s) => s === "Suspended").length).toBe(2);
  const after = await statuses(request, keys);
  expect(after.filter((s) => s === "Active")).toHaveLength(1);
  const failed = keys[after.indexOf("Active")];
  const succeeded = keys.filter((k) => k !== failed);

  const items = result.getByRole("listitem");
  await expect(items).toHaveCount(1);
  await expect(items.first()).toContainText(`${failed.name}: `);
  await expect(items.first()).toContainText("Key is locked by a running job.");

  // The failed key stays selected and shows its real status; the others are deselected and suspended.
  await expect(selectBox(page, failed.name)).toBeChecked();
  await expectRowStatus(keyRow(page, failed.name), "Active");
  for (const k of succeeded) {
    await expect(selectBox(page, k.name)).not.toBeChecked();
    await expectRowStatus(keyRow(page, k.name), "Suspended");
  }
  await expect(toolbar).toContainText("1 selected");
  await clearFaults(request);

  // Delete what is still selected: the one that failed.
  await toolbar.getByRole("button", { name: "Delete selected", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: /^Delete 1 access keys?\?$/ });
  await expect(dialog).toBeVisible();
  const confirm = dialog.getByRole("textbox", { name: "Type 1 to confirm", exact: true });
  const del = dialog.getByRole("button", { name: /^Delete 1 keys?$/ });
  await expect(del).toBeDisabled();
  await confirm.fill("2");
  await expect(del).toBeDisabled();
  await confirm.fill("1");
  await expect(del).toBeEnabled();
  await del.click();
  await expect(dialog).toBeHidden();
  await expect(result).toContainText(/Deleted 1 of 1 keys?\./);
  await expect(keyRow(page, failed.name)).toHaveCount(0);
  await expect(page.getByTestId("key-row")).toHaveCount(2);
  await expect(toolbar).toBeHidden();
  await expect.poll(() => apiStatus(request, failed.accesskey)).toBe("gone");
  expect(await statuses(request, succeeded)).toEqual(["Suspended", "Suspended"]);

  // Activate the two suspended keys together.
  for (const k of succeeded) await selectBox(page, k.name).check();
  await expect(toolbar).toContainText("2 selected");
  await toolbar.getByRole("button", { name: "Activate selected", exact: true }).click();
  for (const k of succeeded) await expectRowStatus(keyRow(page, k.name), "Active");
  await expect.poll(() => statuses(request, succeeded)).toEqual(["Active", "Active"]);
  await expect(toolbar).toBeHidden();
});

test("bulk delete asks for the number of keys, reports a refusal, and deletes the rest", async ({ page, request }) => {
  const prefix = uniqueName("e2e-bulkdel");
  const keys = await createKeys(request, prefix, ["a", "b", "c", "d"]);
  await openConsole(page);
  await searchKeys(page, prefix);
  await expect(page.getByTestId("key-row")).toHaveCount(4);

  const toolbar = bulkToolbar(page);
  const all = page.getByRole("checkbox", { name: "Select all keys on this page", exact: true });
  await all.check();
  await expect(toolbar).toContainText("4 selected");
  for (const k of keys) await expect(selectBox(page, k.name)).toBeChecked();

  // Clear selection unchecks everything and hides the toolbar.
  await toolbar.getByRole("button", { name: "Clear selection", exact: true }).click();
  await expect(toolbar).toBeHidden();
  await expect(all).not.toBeChecked();
  for (const k of keys) await expect(selectBox(page, k.name)).not.toBeChecked();

  await all.check();
  await expect(toolbar).toContainText("4 selected");
  await toolbar.getByRole("button", { name: "Delete selected", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Delete 4 access keys?", exact: true });
  await expect(dialog).toBeVisible();
  const confirm = dialog.getByRole("textbox", { name: "Type 4 to confirm", exact: true });
  const del = dialog.getByRole("button", { name: "Delete 4 keys", exact: true });
  await expect(del).toBeDisabled();
  for (const wrong of ["3", "44", "four"]) {
    await confirm.fill(wrong);
    await expect(del, `"${wrong}" is not 4`).toBeDisabled();
  }

  // Escape backs out without deleting anything and keeps the selection.
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  expect(await statuses(request, keys)).toEqual(["Active", "Active", "Active", "Active"]);
  await expect(toolbar).toContainText("4 selected");

  await toolbar.getByRole("button", { name: "Delete selected", exact: true }).click();
  await expect(dialog).toBeVisible();
  await confirm.fill("4");
  await expect(del).toBeEnabled();
  await addFault(request, {
    method: "POST",
    path_contains: "/status",
    status: 500,
    message: "Object store did not answer.",
    times: 1,
    skip: 2,
  });
  await del.click();
  await expect(dialog).toBeHidden();
  const result = page.getByTestId("bulk-result");
  await expect(result).toContainText("Deleted 3 of 4 keys.");

  await expect.poll(async () => (await statuses(request, keys)).filter((s) => s === "gone").length).toBe(3);
  const after = await statuses(request, keys);
  const failed = keys[after.indexOf("Active")];
  expect(failed, "one key survived").toBeDefined();

  const items = result.getByRole("listitem");
  await expect(items).toHaveCount(1);
  await expect(items.first()).toContainText(`${failed.name}: `);
  await expect(items.first()).toContainText("Object store did not answer.");

  // Only the refused key is left in the table, still selected.
  await expect(page.getByTestId("key-row")).toHaveCount(1);
  await expect(keyRow(page, failed.name)).toBeVisible();
  await expect(selectBox(page, failed.name)).toBeChecked();
  await expect(toolbar).toContainText("1 selected");
});
