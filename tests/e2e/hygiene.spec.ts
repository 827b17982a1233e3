// Key hygiene (issue 28): each key's age and the Rotate hint, the notice of keys due for
// rotation, and the rotation age option. Each test sees only its own keys
// (shapeKeyList), some of them made old in what the page reads.
import {
  test,
  expect,
  createKeyByApi,
  expectNoViolations,
  keyRow,
  openConsole,
  shapeKeyList,
  storeApiToken,
  uniqueName,
} from "./helpers";

test("each key shows its age, old keys a Rotate hint that starts the rotation, and a notice counts them", async ({ page, request }) => {
  const p = uniqueName("e2e-age");
  const [old, older, fresh] = [`${p}-old`, `${p}-older`, `${p}-fresh`];
  for (const n of [fresh, old, older]) await createKeyByApi(request, n);
  await shapeKeyList(page, p, { [old]: 120, [older]: 426 });
  await openConsole(page);
  await expect(page.getByTestId("key-row")).toHaveCount(3);

  await expect(keyRow(page, older).locator(".uk-table__date")).toContainText("14 months");
  await expect(keyRow(page, old).locator(".uk-table__date")).toContainText("4 months");
  await expect(keyRow(page, fresh).locator(".uk-table__date")).toContainText("today");
  const hint = (name: string) => page.getByRole("button", { name: `Rotate ${name} (due for rotation)`, exact: true });
  await expect(hint(old)).toBeVisible();
  await expect(hint(older)).toBeVisible();
  await expect(hint(fresh)).toHaveCount(0);

  const notice = page.getByTestId("rotation-notice");
  await expect(notice).toContainText("2 keys are older than 90 days and due for rotation.");
  await expectNoViolations(page, "the key list with ages, hints and the notice");

  // The hint opens the rotation of its key, from the keyboard too.
  await hint(older).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("dialog", { name: `Rotate access key ${older}` })).toBeVisible();
});

test("rotateAfterDays and rotate-after-days set the rotation age; 0 turns the hint and the notice off", async ({ page, request }) => {
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

  await mount({ rotateAfterDays: 30 });
  await expect(c.getByTestId("rotation-notice")).toContainText("1 key is older than 30 days and due for rotation.");
  await expect(c.getByRole("button", { name: `Rotate ${p}-forty (due for rotation)` })).toBeVisible();
  await mount({ rotateAfterDays: 0 });
  await expect(c.getByTestId("key-row")).toHaveCount(1);
  await expect(c.getByTestId("rotation-notice")).toHaveCount(0);
  await expect(c.getByRole("button", { name: /^Rotate .* \(due for rotation\)$/ })).toHaveCount(0);

  // The element's attribute.
  await page.goto("/embed/element.html");
  const noida = page.locator("#noida");
  await expect(noida.getByTestId("key-row").first()).toBeVisible();
  await expect(noida.getByTestId("rotation-notice")).toHaveCount(0);
  await page.evaluate(() => document.getElementById("noida")!.setAttribute("rotate-after-days", "30"));
  await expect(noida.getByTestId("rotation-notice")).toContainText("1 key is older than 30 days");
});
