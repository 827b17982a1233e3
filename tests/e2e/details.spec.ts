import {
  test,
  expect,
  addFault,
  bucketPermissions,
  clearFaults,
  createKeyByApi,
  detailsDialog,
  findKey,
  listBuckets,
  openConsole,
  rowAction,
  searchKeys,
  uniqueName,
} from "./helpers";

const BUCKETS = ["media-archive", "backups-innoida", "web-assets"];

test.afterEach(async ({ request }) => {
  await clearFaults(request);
});

test("edit a key's bucket access in its details, then find it from the Buckets tab", async ({ page, request, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const name = uniqueName("e2e-details");
  const { accesskey } = await createKeyByApi(request, name);
  await openConsole(page);
  await searchKeys(page, name);
  await rowAction(page, name, "View details");

  const d = detailsDialog(page, name);
  await expect(d).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`[?&]key=${accesskey}`));
  await expect(d).toContainText(name);
  await expect(d).toContainText(accesskey);
  await expect(d).toContainText("Active");
  await expect(d).toContainText(/innoida|Delhi/);
  const created = (await findKey(request, accesskey))!.created_at;
  await expect(d).toContainText(created.slice(0, 4)); // the year, whatever the date format

  await d.getByRole("button", { name: "Copy access key ID", exact: true }).click();
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(accesskey);

  await expect(d.getByRole("heading", { name: "Bucket access", exact: true })).toBeVisible();
  const select = (bucket: string) => d.getByRole("combobox", { name: `Permission on ${bucket}`, exact: true });
  for (const b of BUCKETS) {
    await expect(select(b)).toHaveValue("none");
    await expect(d.getByRole("button", { name: `Save permission on ${b}`, exact: true })).toBeVisible();
  }
  await expect(select("media-archive").locator("option")).toHaveText(["None", "Read", "Write", "Read & Write"]);

  await select("media-archive").selectOption("write");
  await select("web-assets").selectOption("full");
  await d.getByRole("button", { name: "Save all changes", exact: true }).click();
  await expect(d.getByTestId("perm-status-media-archive")).toContainText("Saved");
  await expect(d.getByTestId("perm-status-web-assets")).toContainText("Saved");
  await expect.poll(() => bucketPermissions(request, accesskey)).toEqual({ "media-archive": "write", "web-assets": "full" });

  // A reload keeps the dialog open (it is in the URL) and shows what the server has.
  await page.reload();
  await expect(d).toBeVisible();
  await expect(select("media-archive")).toHaveValue("write");
  await expect(select("web-assets")).toHaveValue("full");
  await expect(select("backups-innoida")).toHaveValue("none");

  await d.getByRole("button", { name: "Close", exact: true }).click();
  await expect(d).toBeHidden();
  await expect(page).not.toHaveURL(/[?&]key=/);

  // The Buckets tab counts the keys that reach each bucket and lists them.
  const expectedCount = (await listBuckets(request)).find((b) => b.name === "media-archive")!.permissions.length;
  await page.getByRole("tab", { name: "Buckets" }).click();
  const table = page.getByTestId("buckets-table");
  await expect(table.getByRole("columnheader", { name: "Keys", exact: true })).toBeVisible();
  const headers = (await table.getByRole("columnheader").allInnerTexts()).map((h) => h.trim());
  const keysCol = headers.indexOf("Keys");
  expect(keysCol, `a Keys column among ${headers.join(", ")}`).toBeGreaterThanOrEqual(0);
  const show = page.getByRole("button", { name: "Show keys for media-archive", exact: true });
  const row = table.getByRole("row").filter({ has: show });
  await expect(row.locator(":scope > th, :scope > td").nth(keysCol)).toHaveText(new RegExp(`^\\s*${expectedCount}\\b`));

  await expect(show).toHaveAttribute("aria-expanded", "false");
  await show.click();
  await expect(show).toHaveAttribute("aria-expanded", "true");
  const list = page.getByTestId("bucket-keys-media-archive");
  await expect(list.getByRole("combobox", { name: `Permission of ${name} on media-archive`, exact: true })).toHaveValue("write");

  await list.getByRole("button", { name: `View details of ${name}`, exact: true }).click();
  await expect(page.getByRole("tab", { name: "Access Keys" })).toHaveAttribute("aria-selected", "true");
  await expect(d).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`[?&]key=${accesskey}`));
  await expect(select("media-archive")).toHaveValue("write");
});

test("a refused permission shows the server's message next to that bucket while the others save", async ({ page, request }) => {
  const name = uniqueName("e2e-details-fail");
  const { accesskey } = await createKeyByApi(request, name);
  // Opened straight from a link.
  await openConsole(page, `?key=${accesskey}`);
  const d = detailsDialog(page, name);
  await expect(d).toBeVisible();
  const select = (bucket: string) => d.getByRole("combobox", { name: `Permission on ${bucket}`, exact: true });

  await addFault(request, {
    method: "POST",
    path_contains: "/bucket/web-assets/",
    status: 403,
    message: "Bucket policy is locked.",
    times: 1,
  });
  await select("media-archive").selectOption("read");
  await select("web-assets").selectOption("write");
  await d.getByRole("button", { name: "Save all changes", exact: true }).click();

  await expect(d.getByTestId("perm-status-web-assets")).toContainText("Bucket policy is locked.");
  await expect(d.getByTestId("perm-status-media-archive")).toContainText("Saved");
  await expect(d.getByTestId("perm-status-media-archive")).not.toContainText("Bucket policy is locked.");
  await expect.poll(() => bucketPermissions(request, accesskey)).toEqual({ "media-archive": "read" });
  // The refused choice is kept so it can be saved again.
  await expect(select("web-assets")).toHaveValue("write");

  // The fault is used up: saving that one row now works.
  await d.getByRole("button", { name: "Save permission on web-assets", exact: true }).click();
  await expect(d.getByTestId("perm-status-web-assets")).toContainText("Saved");
  await expect(d.getByTestId("perm-status-web-assets")).not.toContainText("Bucket policy is locked.");
  await expect.poll(() => bucketPermissions(request, accesskey)).toEqual({ "media-archive": "read", "web-assets": "write" });
});
