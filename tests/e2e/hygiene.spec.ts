// Key hygiene (issue 28): each key's age and the Rotate hint, the notice of keys due for
// rotation, the filters with their counts (in the URL, combined, with an empty state that names
// them), the rotation age option, and the inventory export. Each test sees only its own keys
// (shapeKeyList), some of them made old in what the page reads.
import type { Page } from "@playwright/test";
import { readFile } from "node:fs/promises";
import {
  test,
  expect,
  createKeyByApi,
  expectNoViolations,
  expectRowOrder,
  filterButton,
  grant,
  keyRow,
  openConsole,
  searchBox,
  setStatus,
  shapeKeyList,
  storeApiToken,
  uniqueName,
} from "./helpers";
import { PORT } from "../playwright.config";

/** Requests for the bucket list made by the page so far. */
function bucketRequests(page: Page) {
  const asked: string[] = [];
  page.on("request", (r) => {
    if (/\/v2\/objectstorage\/[^/]+\/bucket\/?$/.test(new URL(r.url()).pathname)) asked.push(r.url());
  });
  return asked;
}

test("each key shows its age, old keys a Rotate hint that starts the rotation, and a notice counts them", async ({ page, request }) => {
  const p = uniqueName("e2e-age");
  const [old, older, fresh] = [`${p}-old`, `${p}-older`, `${p}-fresh`];
  for (const n of [fresh, old, older]) await createKeyByApi(request, n);
  await shapeKeyList(page, p, { [old]: 120, [older]: 426 });
  await openConsole(page);
  await expect(page.getByTestId("key-row")).toHaveCount(3);

  await expect(keyRow(page, older).locator(".uk-table__date")).toContainText("14 months ago");
  await expect(keyRow(page, old).locator(".uk-table__date")).toContainText("4 months ago");
  await expect(keyRow(page, fresh).locator(".uk-table__date")).toContainText("today");
  const hint = (name: string) => page.getByRole("button", { name: `Rotate ${name} (due for rotation)`, exact: true });
  await expect(hint(old)).toBeVisible();
  await expect(hint(older)).toBeVisible();
  await expect(hint(fresh)).toHaveCount(0);

  const notice = page.getByTestId("rotation-notice");
  await expect(notice).toContainText("2 keys are older than 90 days and due for rotation.");
  await expectNoViolations(page, "the key list with ages, hints and the notice");

  // "Show only these": the two old keys, in the URL like a search.
  await notice.getByRole("button", { name: "Show only these" }).click();
  await expectRowOrder(page, [old, older]);
  await expect(page).toHaveURL(/[?&]filter=due(&|$)/);
  await expect(filterButton(page, "Due for rotation")).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByTestId("announce-polite")).toContainText("Showing the 2 keys due for rotation.");
  // The same button shows every key again, focus still on it.
  const all = notice.getByRole("button", { name: "Show all keys" });
  await expect(all).toBeFocused();
  await all.click();
  await expect(page.getByTestId("key-row")).toHaveCount(3);
  await expect(page).not.toHaveURL(/filter=/);

  // The hint opens the rotation of its key, from the keyboard too.
  await hint(older).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("dialog", { name: `Rotate access key ${older}` })).toBeVisible();
});

test("the filters show their counts, combine with each other and the search, live in the URL and say what hides the keys", async ({ page, request }) => {
  const p = uniqueName("e2e-filter");
  const [oldOff, oldOn, newOff, newOn] = [`${p}-old-off`, `${p}-old-on`, `${p}-new-off`, `${p}-new-on`];
  const id: Record<string, string> = {};
  for (const n of [oldOff, oldOn, newOff, newOn]) id[n] = (await createKeyByApi(request, n)).accesskey;
  await setStatus(request, id[oldOff], "disable");
  await setStatus(request, id[newOff], "disable");
  await grant(request, "media-archive", "write", id[oldOn]);
  await grant(request, "web-assets", "read", id[newOff]);
  await shapeKeyList(page, p, { [oldOff]: 200, [oldOn]: 95 });
  const buckets = bucketRequests(page);
  await openConsole(page);
  await expect(page.getByTestId("key-row")).toHaveCount(4);

  const due = filterButton(page, "Due for rotation");
  const none = filterButton(page, "No bucket access");
  const off = filterButton(page, "Suspended");
  await expect(due).toHaveText("Due for rotation2");
  await expect(off).toHaveText("Suspended2");
  // What a key reaches needs the bucket list, which a first load does not ask for.
  await expect(none).toHaveText("No bucket access");
  expect(buckets, "no bucket list on a first load").toEqual([]);
  for (const f of [due, none, off]) await expect(f).toHaveAttribute("aria-pressed", "false");

  await off.click();
  await expect(off).toHaveAttribute("aria-pressed", "true");
  await expectRowOrder(page, [newOff, oldOff]);
  await expect(page).toHaveURL(/[?&]filter=suspended(&|$)/);
  await expect(page.getByTestId("announce-polite")).toContainText("Suspended: on. 2 keys shown.");

  // Combined: suspended and due.
  await due.click();
  await expectRowOrder(page, [oldOff]);
  await expect(page).toHaveURL(/[?&]filter=due,suspended(&|$)/);

  // No bucket access: asked for now, counted, and combined with the others.
  await off.click();
  await none.click();
  await expect(none).toHaveText("No bucket access2");
  expect(buckets.length, "the bucket list, once a filter needs it").toBe(1);
  await expectRowOrder(page, [oldOff]);
  await due.click();
  await expectRowOrder(page, [newOn, oldOff]);
  await expect(page).toHaveURL(/[?&]filter=no-access(&|$)/);
  await expectNoViolations(page, "the key list with a filter on");

  // With the search: nothing left, and the empty state names the search and the filters.
  await off.click();
  await searchBox(page).fill(`${p}-new-on`);
  const empty = page.getByTestId("no-match");
  await expect(empty).toContainText(`No keys match “${p}-new-on” and the filters No bucket access and Suspended.`);
  await expectNoViolations(page, "the empty state of a filter");
  await empty.getByRole("button", { name: "Clear search and filters" }).click();
  await expect(page.getByTestId("key-row")).toHaveCount(4);
  await expect(searchBox(page)).toBeFocused();
  for (const f of [due, none, off]) await expect(f).toHaveAttribute("aria-pressed", "false");

  // A filter alone: its own words and button.
  await due.click();
  await searchBox(page).fill(`${p}-new`);
  await expect(empty).toContainText(`No keys match “${p}-new” and the filter Due for rotation.`);
  await searchBox(page).fill("");
  await expect(page.getByTestId("key-row")).toHaveCount(2);

  // A link with filters opens filtered; Back goes to the view before.
  await openConsole(page, "?filter=suspended,no-access");
  await expectRowOrder(page, [oldOff]);
  await expect(filterButton(page, "Suspended")).toHaveAttribute("aria-pressed", "true");
  await expect(filterButton(page, "No bucket access")).toHaveAttribute("aria-pressed", "true");
  await filterButton(page, "Suspended").click();
  await expect(page.getByTestId("key-row")).toHaveCount(2);
  await expect(page).toHaveURL(/[?&]filter=no-access(&|$)/);
  await page.goBack();
  await expectRowOrder(page, [oldOff]);
});

test("in dark: the notice, the Rotate hint, the filters and their empty state pass axe", async ({ browser, request }) => {
  const p = uniqueName("e2e-hygiene-dark");
  await createKeyByApi(request, `${p}-old`);
  const context = await browser.newContext({ colorScheme: "dark", baseURL: `http://127.0.0.1:${PORT}` });
  const page = await context.newPage();
  await shapeKeyList(page, p, { [`${p}-old`]: 300 });
  await openConsole(page);
  await expect(page.getByTestId("rotation-notice")).toContainText("1 key is older than 90 days");
  await expect(page.getByRole("button", { name: `Rotate ${p}-old (due for rotation)` })).toBeVisible();
  await filterButton(page, "Due for rotation").click();
  await expect(filterButton(page, "Due for rotation")).toHaveAttribute("aria-pressed", "true");
  await expectNoViolations(page, "the notice, a filter on and the Rotate hint, dark");
  await filterButton(page, "Suspended").click();
  await expect(page.getByTestId("no-match")).toContainText("No keys match the filters Due for rotation and Suspended.");
  await expectNoViolations(page, "the empty state of the filters, dark");
  await context.close();
});

test("the keyboard reaches every filter and the notice; a filter on a phone fits", async ({ page, request }) => {
  const p = uniqueName("e2e-filter-keys");
  await createKeyByApi(request, `${p}-a`);
  await shapeKeyList(page, p, { [`${p}-a`]: 100 });
  await page.setViewportSize({ width: 320, height: 640 });
  await openConsole(page);
  await expect(page.getByTestId("key-row")).toHaveCount(1);
  await searchBox(page).focus();
  // The filters and the export come after the search box, then the notice.
  await page.keyboard.press("Tab");
  await expect(filterButton(page, "Due for rotation")).toBeFocused();
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await expect(filterButton(page, "Suspended")).toBeFocused();
  await page.keyboard.press("Space");
  await expect(filterButton(page, "Suspended")).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByTestId("no-match")).toContainText("No keys match the filter Suspended.");
  await page.keyboard.press("Enter");
  await expect(filterButton(page, "Suspended")).toHaveAttribute("aria-pressed", "false");
  // After the filters come the export buttons, then the notice's button.
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Export .csv" })).toBeFocused();
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  const only = page.getByTestId("rotation-notice").getByRole("button", { name: "Show only these" });
  await expect(only).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(filterButton(page, "Due for rotation")).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByTestId("rotation-notice").getByRole("button", { name: "Show all keys" })).toBeFocused();
  const [scroll, inner] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  expect(scroll).toBeLessThanOrEqual(inner);
});

test("rotateAfterDays and rotate-after-days set the rotation age; 0 turns the hint, the notice and the filter off", async ({ page, request }) => {
  const p = uniqueName("e2e-rotate-age");
  await createKeyByApi(request, `${p}-forty`);
  await shapeKeyList(page, p, { [`${p}-forty`]: 40 });
  await storeApiToken(page);
  await page.goto("/embed/?manual=1");
  await page.waitForFunction(() => "host" in window);
  const c = page.locator("#access-keys");
  const mount = (options: Record<string, unknown>) =>
    page.evaluate((o) => (window as unknown as { host: { mount(o: object): void } }).host.mount(o), options);

  await mount({});
  await expect(c.getByTestId("key-row")).toHaveCount(1);
  await expect(c.getByTestId("rotation-notice")).toHaveCount(0);
  await expect(filterButton(c, "Due for rotation")).toHaveText("Due for rotation0");

  await mount({ rotateAfterDays: 30 });
  await expect(c.getByTestId("rotation-notice")).toContainText("1 key is older than 30 days and due for rotation.");
  await expect(c.getByRole("button", { name: `Rotate ${p}-forty (due for rotation)` })).toBeVisible();
  // prefixed URL state: the filter is keys.filter, the host's parameters stay.
  await c.getByTestId("rotation-notice").getByRole("button", { name: "Show only these" }).click();
  await expect.poll(() => new URL(page.url()).searchParams.get("keys.filter")).toBe("due");
  expect(new URL(page.url()).searchParams.get("manual")).toBe("1");
  expect(new URL(page.url()).searchParams.get("filter")).toBeNull();

  await mount({ rotateAfterDays: 0 });
  await expect(c.getByTestId("key-row")).toHaveCount(1);
  await expect(c.getByTestId("rotation-notice")).toHaveCount(0);
  await expect(c.getByRole("button", { name: /^Rotate .* \(due for rotation\)$/ })).toHaveCount(0);
  await expect(filterButton(c, "Due for rotation")).toHaveCount(0);

  // The element's attribute.
  await page.goto("/embed/element.html");
  const noida = page.locator("#noida");
  await expect(noida.getByTestId("key-row").first()).toBeVisible();
  await expect(noida.getByTestId("rotation-notice")).toHaveCount(0);
  await page.evaluate(() => document.getElementById("noida")!.setAttribute("rotate-after-days", "30"));
  await expect(noida.getByTestId("rotation-notice")).toContainText("1 key is older than 30 days");
});

test("Export writes the whole inventory as .csv and .json: every key, its status, age and buckets, never a secret", async ({ page, request }) => {
  const p = uniqueName("e2e-export");
  const made: Record<string, { accesskey: string; secretkey: string }> = {};
  // More keys than a page holds: the export is not the page.
  for (let i = 0; i < 12; i++) made[`${p}-${String(i).padStart(2, "0")}`] = await createKeyByApi(request, `${p}-${String(i).padStart(2, "0")}`);
  const [reaching, off] = [`${p}-00`, `${p}-01`];
  await grant(request, "media-archive", "write", made[reaching].accesskey);
  await grant(request, "web-assets", "read", made[reaching].accesskey);
  await setStatus(request, made[off].accesskey, "disable");
  await shapeKeyList(page, p, { [reaching]: 100 });
  await openConsole(page);
  await expect(page.getByTestId("key-row")).toHaveCount(10);
  const today = await page.evaluate(() => {
    const d = new Date();
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
  });

  const [csvFile] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export .csv" }).click()]);
  expect(csvFile.suggestedFilename()).toBe(`innoida-access-keys-${today}.csv`);
  const csv = await readFile((await csvFile.path())!, "utf8");
  const lines = csv.split("\r\n");
  expect(lines[0]).toBe("Name,Access key ID,Status,Created at,Age (days),Buckets");
  expect(lines.filter((l) => l.startsWith(p))).toHaveLength(12);
  expect(lines.at(-1), "the last line ends with CRLF").toBe("");
  const line = (name: string) => lines.find((l) => l.startsWith(`${name},`))!.split(",");
  const r = line(reaching);
  expect([r[1], r[2], r[4], r[5]]).toEqual([made[reaching].accesskey, "Active", "100", "media-archive:write; web-assets:read"]);
  expect(r[3]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
  expect(line(off).slice(2)).toEqual(["Suspended", line(off)[3], "0", ""]);
  await expect(page.getByTestId("announce-polite")).toContainText(`Exported 12 keys to innoida-access-keys-${today}.csv.`);

  const [jsonFile] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export .json" }).click()]);
  expect(jsonFile.suggestedFilename()).toBe(`innoida-access-keys-${today}.json`);
  const text = await readFile((await jsonFile.path())!, "utf8");
  const json = JSON.parse(text) as { dc: string; keys: { name: string; accesskey: string; status: string; created_at: string; age_days: number; buckets: { bucket: string; permission: string }[] }[] };
  expect(json.dc).toBe("innoida");
  expect(json.keys).toHaveLength(12);
  expect(json.keys.find((k) => k.name === reaching)).toMatchObject({
    accesskey: made[reaching].accesskey,
    status: "Active",
    age_days: 100,
    buckets: [
      { bucket: "media-archive", permission: "write" },
      { bucket: "web-assets", permission: "read" },
    ],
  });
  expect(json.keys.find((k) => k.name === off)).toMatchObject({ status: "Suspended", age_days: 0, buckets: [] });
  for (const { secretkey } of Object.values(made)) {
    expect(csv).not.toContain(secretkey);
    expect(text).not.toContain(secretkey);
  }
});
