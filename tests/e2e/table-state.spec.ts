import type { Page } from "@playwright/test";
import {
  test,
  expect,
  createKeyByApi,
  expectRowOrder,
  openConsole,
  searchBox,
  searchKeys,
  setStatus,
  sortHeader,
  uniqueName,
} from "./helpers";

/** The sort the headers show: only `active` has aria-sort other than "none". */
async function expectSorted(page: Page, active: "Name" | "Status" | "Created At", dir: "ascending" | "descending") {
  for (const label of ["Name", "Status", "Created At"] as const) {
    await expect(sortHeader(page, label).th).toHaveAttribute("aria-sort", label === active ? dir : "none");
  }
}

/** With Status ascending, the Active keys come first (in any order) and the suspended one last. */
async function expectStatusOrder(page: Page, active: string[], suspended: string) {
  const headers = page.getByTestId("key-row").getByRole("rowheader");
  await expect(headers).toHaveCount(active.length + 1);
  await expect(headers.last()).toContainText(suspended);
  const first = (await headers.allInnerTexts()).slice(0, active.length).join(" ");
  for (const n of active) expect(first).toContain(n);
}

test("sort and search come back from the URL, headers sort, and back/forward restore the sort", async ({ page, request }) => {
  const prefix = uniqueName("e2e-sort");
  const [A, B, C] = [`${prefix}-a`, `${prefix}-b`, `${prefix}-c`];
  // Created a second apart (created_at has one-second resolution), oldest first: B, C, A.
  await createKeyByApi(request, B);
  await new Promise((r) => setTimeout(r, 1_100));
  const c = await createKeyByApi(request, C);
  await new Promise((r) => setTimeout(r, 1_100));
  await createKeyByApi(request, A);
  await setStatus(request, c.accesskey, "disable");

  // The default: newest first.
  await openConsole(page, `?q=${prefix}`);
  await expect(searchBox(page)).toHaveValue(prefix);
  await expectRowOrder(page, [A, C, B]);
  await expectSorted(page, "Created At", "descending");

  // A shared link with a sort opens sorted.
  await openConsole(page, `?q=${prefix}&sort=name&dir=asc`);
  await expect(searchBox(page)).toHaveValue(prefix);
  await expectRowOrder(page, [A, B, C]);
  await expectSorted(page, "Name", "ascending");
  // The Access Key column does not sort.
  const idHeader = page.getByRole("columnheader", { name: /^Access Keys?$/ });
  await expect(idHeader).toBeVisible();
  await expect(idHeader.getByRole("button")).toHaveCount(0);

  // Clicking the sorted column flips it.
  await sortHeader(page, "Name").button.click();
  await expectSorted(page, "Name", "descending");
  await expectRowOrder(page, [C, B, A]);
  await expect(page).toHaveURL(/[?&]sort=name(&|$)/);
  await expect(page).toHaveURL(/[?&]dir=desc(&|$)/);

  // A new column starts ascending: Active before Suspended.
  await sortHeader(page, "Status").button.click();
  await expectSorted(page, "Status", "ascending");
  await expectStatusOrder(page, [A, B], C);
  await expect(page).toHaveURL(/[?&]sort=status(&|$)/);
  await expect(page).toHaveURL(/[?&]dir=asc(&|$)/);

  // Created At starts descending (newest first), then flips to oldest first.
  await sortHeader(page, "Created At").button.click();
  await expectSorted(page, "Created At", "descending");
  await expectRowOrder(page, [A, C, B]);
  await sortHeader(page, "Created At").button.click();
  await expectSorted(page, "Created At", "ascending");
  await expectRowOrder(page, [B, C, A]);
  await expect(page).toHaveURL(/[?&]dir=asc(&|$)/);
  await expect(page).not.toHaveURL(/sort=(name|status)/);

  // A reload keeps sort and search.
  await page.reload();
  await expect(searchBox(page)).toHaveValue(prefix);
  await expectSorted(page, "Created At", "ascending");
  await expectRowOrder(page, [B, C, A]);

  // Back steps through the earlier sorts, forward comes back.
  await page.goBack();
  await expectSorted(page, "Created At", "descending");
  await expectRowOrder(page, [A, C, B]);
  await page.goBack();
  await expectSorted(page, "Status", "ascending");
  await expectStatusOrder(page, [A, B], C);
  await page.goBack();
  await expectSorted(page, "Name", "descending");
  await expectRowOrder(page, [C, B, A]);
  await page.goForward();
  await expectSorted(page, "Status", "ascending");
  await expectStatusOrder(page, [A, B], C);
  await expect(searchBox(page)).toHaveValue(prefix);

  // Narrowing the search keeps the sort, and both survive a reload.
  await searchKeys(page, `${prefix}-b`);
  await expectRowOrder(page, [B]);
  await expect(page).toHaveURL(new RegExp(`[?&]q=${prefix}-b(&|$)`));
  await page.reload();
  await expect(searchBox(page)).toHaveValue(`${prefix}-b`);
  await expectSorted(page, "Status", "ascending");
  await expectRowOrder(page, [B]);
});
