// Access managed from a bucket's side (issue 28): the Buckets tab lists the keys that reach a
// bucket, changes or removes each, and gives access to keys picked by search, with each key's
// outcome reported as bulk actions report it (what was refused and why; retry only that).
import {
  test,
  expect,
  addFault,
  bucketPermissions,
  clearFaults,
  createKeyByApi,
  expectFocusTrapped,
  expectNoViolations,
  grant,
  openConsole,
  uniqueName,
} from "./helpers";
import { PORT } from "../playwright.config";

test("a bucket's keys: change one, remove one, give access to several by search with a refusal, retry only that", async ({ page, request }) => {
  const p = uniqueName("e2e-onbucket");
  const [reader, other, third] = [`${p}-reader`, `${p}-other`, `${p}-third`];
  const id: Record<string, string> = {};
  for (const n of [reader, other, third]) id[n] = (await createKeyByApi(request, n)).accesskey;
  await grant(request, "web-assets", "read", id[reader]);
  await openConsole(page, "?tab=buckets");
  const show = page.getByRole("button", { name: "Show keys for web-assets", exact: true });
  await show.click();
  await expect(show).toHaveAttribute("aria-expanded", "true");
  const list = page.getByTestId("bucket-keys-web-assets");
  const perm = (name: string) => list.getByRole("combobox", { name: `Permission of ${name} on web-assets`, exact: true });
  await expect(perm(reader)).toHaveValue("read");
  await expectNoViolations(page, "a bucket's keys");

  // Change.
  await perm(reader).selectOption("full");
  await list.getByRole("button", { name: `Save permission of ${reader} on web-assets`, exact: true }).click();
  const outcome = page.getByTestId("bucket-outcome");
  await expect(outcome).toContainText("Gave 1 of 1 key Read & Write on web-assets.");
  await expect.poll(() => bucketPermissions(request, id[reader])).toEqual({ "web-assets": "full" });
  await expect(perm(reader)).toHaveValue("full");
  await expect(list.getByRole("button", { name: `Save permission of ${reader} on web-assets` })).toBeFocused();

  // Remove: the key leaves the list, focus goes to "Give access…".
  await list.getByRole("button", { name: `Remove ${reader} from web-assets`, exact: true }).click();
  await expect(outcome).toContainText("Removed 1 of 1 key from web-assets.");
  await expect.poll(() => bucketPermissions(request, id[reader])).toEqual({});
  await expect(perm(reader)).toHaveCount(0);
  const give = page.getByRole("button", { name: "Give access to web-assets…", exact: true });
  await expect(give).toBeFocused();

  // Give access to two keys found by search; the platform refuses one.
  await give.click();
  const d = page.getByRole("dialog", { name: "Give access to web-assets" });
  const search = d.getByRole("searchbox", { name: "Find keys by name or access key ID" });
  await expect(search).toBeFocused();
  await search.fill(p);
  const picks = d.getByTestId("give-keys");
  await expect(picks.getByRole("checkbox")).toHaveCount(3);
  await picks.getByRole("checkbox", { name: new RegExp(`^${other}`) }).check();
  // By ID, too; a tick survives a new search.
  await search.fill(id[third]);
  await expect(picks.getByRole("checkbox")).toHaveCount(1);
  await picks.getByRole("checkbox").check();
  await search.fill(p);
  await expect(picks.getByRole("checkbox", { name: new RegExp(`^${other}`) })).toBeChecked();
  await d.getByRole("combobox", { name: "Permission to give" }).selectOption("write");
  await expectNoViolations(page, "the picker of keys");
  await expectFocusTrapped(page, d, 6);
  try {
    await addFault(request, { method: "POST", path_contains: `/permission/write/accesskey/${id[third]}`, status: 403, message: "Bucket policy is locked.", times: 1 });
    await d.getByRole("button", { name: "Give access", exact: true }).click();
    await expect(d).toBeHidden();
    await expect(outcome).toContainText("Gave 1 of 2 keys Write on web-assets. 1 refused.");
    await expect(outcome).toContainText(`${third}: `);
    await expect(outcome).toContainText("Bucket policy is locked.");
  } finally {
    await clearFaults(request);
  }
  await expect(give).toBeFocused();
  await expect.poll(() => bucketPermissions(request, id[other])).toEqual({ "web-assets": "write" });
  expect(await bucketPermissions(request, id[third])).toEqual({});
  await expect(perm(other)).toHaveValue("write");
  await expect(page.getByTestId("announce-assertive")).toContainText("Gave 1 of 2 keys Write on web-assets. 1 refused.");
  await expectNoViolations(page, "a bucket's keys with a refusal");

  // Retry only what was refused.
  const writes: string[] = [];
  page.on("request", (r) => {
    if (r.method() === "POST") writes.push(new URL(r.url()).pathname);
  });
  await outcome.getByRole("button", { name: "Retry refused" }).click();
  await expect(outcome).toContainText("Gave 1 of 1 key Write on web-assets.");
  expect(writes).toEqual([`/v2/objectstorage/innoida/bucket/web-assets/permission/write/accesskey/${id[third]}`]);
  await expect.poll(() => bucketPermissions(request, id[third])).toEqual({ "web-assets": "write" });
  await expect(perm(third)).toHaveValue("write");
  await outcome.getByRole("button", { name: "Dismiss" }).click();
  await expect(outcome).toHaveCount(0);

  // Cancel gives nothing.
  await give.click();
  await d.getByRole("button", { name: "Cancel" }).click();
  await expect(d).toBeHidden();
  await expect(give).toBeFocused();
});

test("the Buckets tab in dark: a list that fails to load says so and Retry loads it; a bucket's keys and the picker pass axe", async ({ browser, request }) => {
  const name = uniqueName("e2e-onbucket-dark");
  const { accesskey } = await createKeyByApi(request, name);
  await grant(request, "media-archive", "read", accesskey);
  const context = await browser.newContext({ colorScheme: "dark", baseURL: `http://127.0.0.1:${PORT}` });
  const page = await context.newPage();
  await page.route("**/v2/objectstorage/*/bucket", (route) => route.abort(), { times: 1 });
  await openConsole(page, "?tab=buckets");
  const error = page.getByTestId("load-error");
  await expect(error).toContainText("Could not load buckets.");
  await expectNoViolations(page, "the Buckets tab's load error, dark");
  await error.getByRole("button", { name: "Retry" }).click();
  await page.getByRole("button", { name: "Show keys for media-archive", exact: true }).click();
  await expect(page.getByRole("combobox", { name: `Permission of ${name} on media-archive`, exact: true })).toHaveValue("read");
  await expectNoViolations(page, "a bucket's keys, dark");
  await page.getByRole("button", { name: "Give access to media-archive…", exact: true }).click();
  await page.getByRole("searchbox", { name: "Find keys by name or access key ID" }).fill(name);
  await expect(page.getByTestId("give-keys").getByRole("checkbox")).toHaveCount(1);
  await expectNoViolations(page, "the picker of keys, dark");
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await context.close();
});
