// The defects found trying the console as a new user (issue 9), each pinned by a test.
import {
  test,
  expect,
  addFault,
  bucketPermissions,
  clearFaults,
  closeReveal,
  createKeyByApi,
  detailsDialog,
  drawer,
  openConsole,
  rowAction,
  searchKeys,
  selectBox,
  bulkToolbar,
  uniqueName,
} from "./helpers";

test("after a bucket permission is saved, its drop-down shows the saved permission", async ({ page, request }) => {
  const name = uniqueName("e2e-perm-shown");
  const { accesskey } = await createKeyByApi(request, name);
  await openConsole(page, `?key=${accesskey}`);
  const d = detailsDialog(page, name);
  const select = d.getByRole("combobox", { name: "Permission on media-archive", exact: true });
  await expect(select).toHaveValue("none");
  await select.selectOption("write");
  await d.getByRole("button", { name: "Save permission on media-archive" }).click();
  await expect(d.getByTestId("perm-status-media-archive")).toHaveText("Saved");
  expect(await bucketPermissions(request, accesskey)).toEqual({ "media-archive": "write" });
  // After the lists reload, the drop-down still says what the server holds.
  await page.waitForTimeout(300);
  await expect(select).toHaveValue("write");
  await select.selectOption("full");
  await d.getByRole("button", { name: "Save all changes" }).click();
  await expect(d.getByTestId("perm-status-media-archive")).toHaveText("Saved");
  await page.waitForTimeout(300);
  await expect(select).toHaveValue("full");
});

test("the cells of a row line up, and an ID stays on one line beside a long name", async ({ page, request }) => {
  const name = `${uniqueName("e2e-align")}-a-long-name-that-wraps-in-its-column`;
  await createKeyByApi(request, name);
  await page.setViewportSize({ width: 1440, height: 900 });
  await openConsole(page);
  await searchKeys(page, name);
  const row = page.getByTestId("key-row");
  await expect(row).toHaveCount(1);
  const edges = await row.evaluate((tr) =>
    [...tr.children].map((cell) => {
      const r = cell.getBoundingClientRect();
      return [Math.round(r.top), Math.round(r.bottom)];
    }),
  );
  expect(new Set(edges.map((e) => e.join("-"))).size, `cell edges ${JSON.stringify(edges)}`).toBe(1);
  const id = row.locator(".uk-id");
  const lines = await id.evaluate((e) => {
    const range = document.createRange();
    range.selectNodeContents(e);
    return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
  });
  expect(lines, "the ID is on one line").toBe(1);
});

test("ticking a row moves nothing, and the bulk actions stay reachable with a row ticked further down", async ({ page, request }) => {
  const prefix = uniqueName("e2e-bulk-still");
  for (let i = 0; i < 25; i++) await createKeyByApi(request, `${prefix}-${String(i).padStart(2, "0")}`);
  await page.setViewportSize({ width: 1440, height: 700 });
  await openConsole(page, `?size=25&sort=name&dir=asc&q=${prefix}`);
  await expect(page.getByTestId("key-row")).toHaveCount(25);
  const firstRowTop = async () => (await page.getByTestId("key-row").first().boundingBox())!.y;
  const before = await firstRowTop();
  await selectBox(page, `${prefix}-00`).check();
  await expect(bulkToolbar(page)).toBeVisible();
  expect(await firstRowTop(), "the table did not move").toBe(before);
  // A row far down: the page scrolls to it, the bulk actions are still on screen.
  await selectBox(page, `${prefix}-24`).scrollIntoViewIfNeeded();
  await selectBox(page, `${prefix}-24`).check();
  const suspend = bulkToolbar(page).getByRole("button", { name: "Suspend selected" });
  const box = (await suspend.boundingBox())!;
  expect(box.y >= 0 && box.y + box.height <= 700, `the bulk bar is on screen (y=${box.y})`).toBe(true);
  await suspend.click();
  await expect(page.getByTestId("bulk-result")).toContainText("Suspended 2 of 2 keys.");
});

test("the pager shows a bounded window of pages on one line, and no pager when nothing matches", async ({ page, request }) => {
  const prefix = uniqueName("e2e-pages");
  for (let i = 0; i < 71; i++) await createKeyByApi(request, `${prefix}-${i}`);
  await page.setViewportSize({ width: 1440, height: 900 });
  await openConsole(page, `?q=${prefix}&page=4`);
  const pager = page.getByRole("navigation", { name: "Pages of access keys" });
  await expect(pager).toContainText("Showing 31–40 of 71");
  const pages = pager.getByRole("button", { name: /^Page \d+$/ });
  // 1 2 3 [4] 5 … 8: the first, the last, the neighbours; a gap never hides a single page.
  await expect(pages).toHaveText(["1", "2", "3", "4", "5", "8"]);
  await expect(pager.locator(".uk-pagination__gap")).toHaveCount(1);
  const prev = pager.getByRole("button", { name: "previous" });
  const next = pager.getByRole("button", { name: "next" });
  expect((await prev.boundingBox())!.y).toBe((await next.boundingBox())!.y);
  await pager.getByRole("button", { name: "Page 8" }).click();
  await expect(pager).toContainText("Showing 71–71 of 71");
  await expect(pages).toHaveText(["1", "7", "8"]);

  await page.getByRole("searchbox", { name: "Search keys by name or access key ID" }).fill(`${prefix}-nothing`);
  await expect(page.getByTestId("no-match")).toBeVisible();
  await expect(pager).toHaveCount(0);
});

test("the loading skeleton has the table's columns", async ({ page }) => {
  await page.route("**/v2/objectstorage/*/accesskeys", () => {
    /* held: the skeleton stays */
  });
  await openConsole(page);
  const skeleton = page.locator("table[aria-busy=true]");
  await expect(skeleton).toBeVisible();
  await expect(skeleton.locator("thead th")).toHaveCount(6);
  await expect(skeleton.locator("tbody tr").first().locator("td")).toHaveCount(6);
});

test("rotating a rotated key suggests the next number, not a second suffix", async ({ page, request }) => {
  const base = uniqueName("e2e-rerot");
  await createKeyByApi(request, `${base}-rotated`);
  await openConsole(page);
  await searchKeys(page, base);
  await rowAction(page, `${base}-rotated`, "Rotate");
  const d = page.getByRole("dialog", { name: `Rotate access key ${base}-rotated` });
  await expect(d.getByRole("textbox", { name: "Key Name" })).toHaveValue(`${base}-rotated-2`);
});

test("a row action's error goes away when the data centre changes", async ({ page, request }) => {
  const name = uniqueName("e2e-err-dc");
  await createKeyByApi(request, name);
  await openConsole(page);
  await searchKeys(page, name);
  try {
    await addFault(request, { method: "POST", path_contains: "/status", status: 500, message: "Injected failure", times: 1 });
    await rowAction(page, name, "Suspend");
    await expect(page.getByTestId("action-error")).toContainText(`Could not suspend ${name}`);
  } finally {
    await clearFaults(request);
  }
  await page.getByLabel("Data centre").selectOption("inmumbaizone2");
  await expect(page.getByTestId("action-error")).toHaveCount(0);
});

test("keyboard and screen readers: skip link, an inert page behind dialogs, 24 px targets, live regions that empty", async ({ page, request }) => {
  const name = uniqueName("e2e-a11y-more");
  await createKeyByApi(request, name);
  await page.clock.install();
  await openConsole(page);
  // The skip link comes first and lands on the keys.
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to the access keys" });
  await expect(skip).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("tabpanel")).toBeFocused();
  expect(new URL(page.url()).hash, "the skip link does not touch the URL").toBe("");
  await searchKeys(page, name);

  // 24 × 24 px targets.
  const box = (await selectBox(page, name).boundingBox())!;
  expect(box.width).toBeGreaterThanOrEqual(24);
  expect(box.height).toBeGreaterThanOrEqual(24);

  // Behind an open dialog the page is inert and does not scroll.
  await page.getByRole("button", { name: "+ Create Access Key" }).click();
  const d = drawer(page);
  await expect(d).toBeVisible();
  await expect(page.locator(".uk-page")).toHaveAttribute("inert", "");
  expect(await page.evaluate(() => getComputedStyle(document.documentElement).overflow)).toBe("hidden");
  await d.getByRole("button", { name: "Close" }).click();
  await expect(page.locator(".uk-page")).not.toHaveAttribute("inert");
  expect(await page.evaluate(() => getComputedStyle(document.documentElement).overflow)).not.toBe("hidden");

  // A message leaves the live region after a while.
  await page.getByRole("button", { name: "Name", exact: true }).click();
  await expect(page.getByTestId("announce-polite")).toContainText("Sorted by Name");
  await page.clock.fastForward(9_000);
  await expect(page.getByTestId("announce-polite")).toHaveText("");
});

test("the reveal's way out is on screen at 1440×900, downloads are grouped, the test command wraps at spaces", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openConsole(page);
  await page.getByRole("button", { name: "+ Create Access Key" }).click();
  const d = drawer(page);
  await d.getByLabel("Key Name").fill(uniqueName("e2e-fold"));
  await d.getByRole("button", { name: "+ Create Key" }).click();
  await expect(d.getByTestId("reveal")).toBeVisible();
  const exit = d.getByRole("button", { name: "I have saved my secret key" });
  const box = (await exit.boundingBox())!;
  expect(box.y + box.height, "the way out is above the fold without scrolling").toBeLessThanOrEqual(900);
  // One download at hand, the others one click away.
  await expect(d.getByRole("button", { name: /^Download / })).toHaveCount(1);
  // At a phone's width the command breaks between words only.
  await page.setViewportSize({ width: 390, height: 844 });
  const command = d.getByTestId("conn-command");
  await expect(command).toContainText("--endpoint-url https://innoida.utho.io --region innoida");
  const broken = await command.evaluate((code) => {
    const split: string[] = [];
    const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent ?? "";
      let at = 0;
      for (const word of text.split(" ")) {
        if (word) {
          const range = document.createRange();
          range.setStart(n, at);
          range.setEnd(n, at + word.length);
          const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
          if (lines > 1) split.push(word);
        }
        at += word.length + 1;
      }
    }
    return split;
  });
  expect(broken, "words broken across lines").toEqual([]);
  await closeReveal(d, { confirmUnsaved: true });
});

test("create with bucket access: the secret shows at once, a refused bucket says so next to it, and retry finishes it", async ({ page, request }) => {
  await openConsole(page);
  await page.getByRole("button", { name: "+ Create Access Key" }).click();
  const d = drawer(page);
  const name = uniqueName("e2e-scope");
  await d.getByLabel("Key Name").fill(name);
  await expect(d.getByText("A key with no bucket access reaches no bucket")).toBeVisible();
  await expect(d.getByRole("combobox", { name: "Access to media-archive" })).toHaveValue("none");
  await d.getByRole("combobox", { name: "Access to media-archive" }).selectOption("write");
  await d.getByRole("combobox", { name: "Access to web-assets" }).selectOption("read");
  try {
    await addFault(request, { method: "POST", path_contains: "/bucket/web-assets/", status: 400, message: "Bucket policy is locked.", times: 1 });
    await d.getByRole("button", { name: "+ Create Key" }).click();
    // The secret is there whatever the permissions do.
    await expect(d.getByTestId("reveal-secret-key")).toBeVisible();
    await expect(d.getByTestId("grant-media-archive")).toContainText("Write: saved");
    await expect(d.getByTestId("grant-web-assets")).toContainText("refused — Bucket policy is locked.");
  } finally {
    await clearFaults(request);
  }
  const accesskey = (await d.getByTestId("reveal-access-key").innerText()).trim();
  expect(await bucketPermissions(request, accesskey)).toEqual({ "media-archive": "write" });
  await d.getByRole("button", { name: "Retry refused buckets" }).click();
  await expect(d.getByTestId("grant-web-assets")).toContainText("Read: saved");
  expect(await bucketPermissions(request, accesskey)).toEqual({ "media-archive": "write", "web-assets": "read" });
  await expect(d.getByTestId("reveal-secret-key")).toBeVisible();
  await closeReveal(d, { confirmUnsaved: true });
  // The choices were used up: the next create starts with none.
  await page.getByRole("button", { name: "+ Create Access Key" }).click();
  await expect(drawer(page).getByRole("combobox", { name: "Access to media-archive" })).toHaveValue("none");
});

test("a create without bucket access writes no permission", async ({ page, request }) => {
  await openConsole(page);
  await page.getByRole("button", { name: "+ Create Access Key" }).click();
  const d = drawer(page);
  await d.getByLabel("Key Name").fill(uniqueName("e2e-scope-none"));
  await d.getByRole("button", { name: "+ Create Key" }).click();
  await expect(d.getByTestId("reveal")).toBeVisible();
  await expect(d.getByTestId("grant-results")).toHaveCount(0);
  const accesskey = (await d.getByTestId("reveal-access-key").innerText()).trim();
  expect(await bucketPermissions(request, accesskey)).toEqual({});
  await closeReveal(d, { confirmUnsaved: true });
});
