// Every main view at a desktop (1440×900), phones (390×844, 320×568) and 400% zoom of a 1280×800
// window (320×200 CSS pixels at 4 device pixels each), in light and dark, with a 64-character key
// name (the longest the rules allow, without a place to break) among the keys: the page never
// scrolls sideways, titles and dialogs hold the whole name inside the screen, the masked secret
// stays inside it, a drawer's primary action is on screen and takes the click, rows are no taller
// than needed, and axe finds nothing.
import type { Browser, Page } from "@playwright/test";
import type { Locator } from "@playwright/test";
import {
  test,
  expect,
  createKeyByApi,
  expectNoViolations,
  grant,
  openConsole,
  shapeKeyList,
  storeApiToken,
  uniqueName,
} from "./helpers";

/** A key name of 64 characters (the most the rules allow) with no place to break a line. */
function longName(tag: string) {
  return `e2e_${tag}_${Date.now().toString(36)}${Math.floor(Math.random() * 1e6)}_`.padEnd(64, "x");
}

/** The element holds the whole name and lies inside the screen's width (it wraps, never runs past). */
async function expectWholeAndInside(page: Page, el: Locator, name: string, what: string) {
  await expect(el, `${what} holds the whole name`).toContainText(name);
  const box = (await el.boundingBox())!;
  expect(box.x, `${what} starts on screen`).toBeGreaterThanOrEqual(-1);
  expect(box.x + box.width, `${what} ends on screen`).toBeLessThanOrEqual(page.viewportSize()!.width + 1);
}
import { PORT } from "../playwright.config";

const SIZES = [
  { name: "desktop 1440×900", viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1, rowMax: 90 },
  // On a card a 64-character name takes up to three lines, and a key's age one more.
  { name: "phone 390×844", viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, rowMax: 240 },
  { name: "phone 320×568", viewport: { width: 320, height: 568 }, deviceScaleFactor: 1, rowMax: 260 },
  { name: "1280×800 at 400%", viewport: { width: 320, height: 200 }, deviceScaleFactor: 4, rowMax: 260 },
] as const;

async function pageAt(browser: Browser, size: (typeof SIZES)[number], colorScheme: "light" | "dark" = "light") {
  const context = await browser.newContext({
    viewport: size.viewport,
    deviceScaleFactor: size.deviceScaleFactor,
    colorScheme,
    baseURL: `http://127.0.0.1:${PORT}`,
  });
  return context.newPage();
}

async function expectNoSideScroll(page: Page, what: string) {
  const [scroll, inner] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  expect(scroll, `${what}: the page is wider than the window`).toBeLessThanOrEqual(inner);
}

/** The button is on screen and is what a tap at its centre reaches (not a backdrop over it). */
async function expectTappable(page: Page, name: string, scope = page.getByRole("dialog")) {
  const button = scope.getByRole("button", { name, exact: true });
  await button.scrollIntoViewIfNeeded();
  const box = (await button.boundingBox())!;
  const vp = page.viewportSize()!;
  expect(box.x >= 0 && box.y >= 0 && box.x + box.width <= vp.width + 1 && box.y + box.height <= vp.height + 1, `${name} is inside the viewport`).toBe(true);
  const hit = await page.evaluate(([x, y]) => {
    let el = document.elementFromPoint(x, y);
    while (el?.shadowRoot?.elementFromPoint(x, y) && el.shadowRoot.elementFromPoint(x, y) !== el) el = el.shadowRoot.elementFromPoint(x, y);
    return el?.closest("button")?.textContent?.trim() ?? "";
  }, [box.x + box.width / 2, box.y + box.height / 2]);
  expect(hit, `a tap on ${name} reaches it`).toBe(name);
}

for (const size of SIZES) {
  test(`${size.name}: list, filters, notice, create drawer, reveal, details, delete, rotation and a bucket's keys fit a 64-character name`, async ({ browser, request }) => {
    const prefix = longName("fit");
    expect(prefix).toHaveLength(64);
    const { accesskey } = await createKeyByApi(request, prefix);
    await grant(request, "media-archive", "write", accesskey);
    const token = prefix.slice(0, 24);
    for (let i = 0; i < 9; i++) await createKeyByApi(request, `${token}-${i}`);
    const page = await pageAt(browser, size);
    // The long key is old: its Rotate hint and the notice show too.
    await shapeKeyList(page, "", { [prefix]: 400 });
    await openConsole(page);
    await page.getByRole("searchbox", { name: "Search keys by name or access key ID" }).fill(token);
    await expect(page.getByTestId("key-row")).toHaveCount(10);
    await expect(page.getByTestId("rotation-notice")).toBeVisible();
    await expectNoSideScroll(page, "the key list");
    const longRow = page.getByTestId("key-row").filter({ has: page.getByRole("button", { name: `Actions for ${prefix}`, exact: true }) });
    await expectWholeAndInside(page, longRow.getByRole("rowheader"), prefix, "the long name in the list");
    await expectWholeAndInside(page, longRow.getByRole("button", { name: `Rotate ${prefix} (due for rotation)` }), "Rotate", "the Rotate hint");
    for (const el of await page.getByRole("group", { name: "Filters" }).getByRole("button").all()) {
      const box = (await el.boundingBox())!;
      expect(box.x + box.width, "a filter is cut off").toBeLessThanOrEqual(size.viewport.width + 1);
    }
    // Rows no taller than needed; an ID never prints one character per line.
    for (const row of await page.getByTestId("key-row").all()) {
      expect((await row.boundingBox())!.height).toBeLessThanOrEqual(size.rowMax);
    }
    const id = page.getByTestId("key-row").first().locator(".uk-id");
    const idBox = (await id.boundingBox())!;
    expect(idBox.height, "the ID takes at most two lines").toBeLessThanOrEqual(2 * 20 + 2);
    await expectNoViolations(page, `the key list at ${size.name}`);

    // Create drawer: its primary action is on screen and takes the tap.
    await page.getByRole("button", { name: "+ Create Access Key" }).click();
    const d = page.getByRole("dialog", { name: "Create Access Key" });
    await expect(d.getByLabel("Key Name")).toBeFocused();
    await expectNoSideScroll(page, "the create drawer");
    await expectTappable(page, "+ Create Key", d);
    await expectNoViolations(page, `the create drawer at ${size.name}`);
    const newName = longName("new");
    await d.getByLabel("Key Name").fill(newName);
    await d.getByRole("button", { name: "+ Create Key" }).click();
    await expect(d.getByTestId("reveal")).toBeVisible();
    await expectNoSideScroll(page, "the reveal");
    await expectWholeAndInside(page, d.getByRole("heading", { name: `Access key “${newName}” created` }), newName, "the reveal's title");
    await expectWholeAndInside(page, d.getByTestId("reveal-secret-key"), "", "the masked secret");
    await d.getByRole("button", { name: "Show secret" }).click();
    const secret = d.getByTestId("reveal-secret-key");
    const lineHeight = await secret.evaluate((e) => parseFloat(getComputedStyle(e).lineHeight) || 24);
    expect((await secret.boundingBox())!.height, "the secret takes at most two lines").toBeLessThanOrEqual(2 * lineHeight + 20);
    await expectTappable(page, "I have saved my secret key", d);
    await expectNoViolations(page, `the reveal at ${size.name}`);
    await d.getByRole("button", { name: "I have saved my secret key" }).click();
    await d.getByRole("button", { name: "Close anyway" }).click();
    await expect(d).toBeHidden();

    // Details with its bucket table.
    await page.getByRole("button", { name: `Actions for ${prefix}`, exact: true }).click();
    await page.getByRole("menuitem", { name: "View details" }).click();
    const details = page.getByRole("dialog", { name: `Access key ${prefix}` });
    await expect(details.getByRole("combobox", { name: "Permission on media-archive" })).toHaveValue("write");
    await expectNoSideScroll(page, "the details");
    await expectWholeAndInside(page, details.getByRole("heading", { level: 2 }), prefix, "the details' title");
    await expectWholeAndInside(page, details.locator(".uk-facts dd").first(), prefix, "the details' name");
    for (const el of await details.locator("select, button").all()) {
      const box = (await el.boundingBox())!;
      expect(box.x + box.width, "nothing in the details is cut off").toBeLessThanOrEqual(size.viewport.width + 1);
    }
    await expectTappable(page, "Save all changes", details);
    await expectNoViolations(page, `the details at ${size.name}`);
    await details.getByRole("button", { name: "Close" }).click();

    // The delete dialog and the rotation drawer.
    await page.getByRole("button", { name: `Actions for ${prefix}`, exact: true }).click();
    await page.getByRole("menuitem", { name: "Delete" }).click();
    const del = page.getByRole("dialog", { name: `Delete access key ${prefix}?` });
    await expectNoSideScroll(page, "the delete dialog");
    await expectWholeAndInside(page, del.getByRole("heading"), prefix, "the delete dialog's title");
    await expectWholeAndInside(page, del.getByText(`Type ${prefix} to confirm`), prefix, "what to type");
    await expectTappable(page, "Cancel", del);
    await del.getByRole("button", { name: "Cancel" }).click();
    await page.getByRole("button", { name: `Actions for ${prefix}`, exact: true }).click();
    await page.getByRole("menuitem", { name: "Rotate" }).click();
    const rot = page.getByRole("dialog", { name: `Rotate access key ${prefix}` });
    await expectNoSideScroll(page, "the rotation drawer");
    await expectWholeAndInside(page, rot.getByRole("heading", { level: 2 }), prefix, "the rotation's title");
    await expectTappable(page, "Create replacement key", rot);
    await rot.getByRole("button", { name: "Close" }).click();

    // The Buckets tab, a bucket's keys and the picker of keys.
    await page.getByRole("tab", { name: "Buckets" }).click();
    await expect(page.getByTestId("buckets-table")).toBeVisible();
    await expectNoSideScroll(page, "the Buckets tab");
    await page.getByRole("button", { name: "Show keys for media-archive", exact: true }).click();
    const onBucket = page.getByTestId("bucket-keys-media-archive");
    await expectWholeAndInside(page, onBucket.getByRole("button", { name: `View details of ${prefix}`, exact: true }), prefix, "the long name on its bucket");
    await expectNoSideScroll(page, "a bucket's keys");
    await page.getByRole("button", { name: "Give access to media-archive…" }).click();
    const give = page.getByRole("dialog", { name: "Give access to media-archive" });
    await give.getByRole("searchbox").fill(token);
    await expectWholeAndInside(page, give.getByRole("checkbox", { name: new RegExp(`^${prefix}`) }).locator(".."), prefix, "the long name in the picker");
    await expectNoSideScroll(page, "the picker of keys");
    await expectTappable(page, "Give access", give);
    await expectNoViolations(page, `the picker of keys at ${size.name}`);
    await page.context().close();
  });
}

test("dark: follows the system on the console's own page, axe finds nothing, and contrast holds", async ({ browser, request }) => {
  const name = uniqueName("e2e-dark");
  const { accesskey } = await createKeyByApi(request, name);
  await grant(request, "media-archive", "read", accesskey);
  const page = await pageAt(browser, SIZES[0], "dark");
  await openConsole(page);
  await expect(page.getByTestId("key-row").first()).toBeVisible();
  const card = await page.locator(".uk-card").first().evaluate((e) => getComputedStyle(e).backgroundColor);
  expect(card, "the cards are dark").toBe("rgb(30, 30, 45)");
  await expectNoViolations(page, "the key list, dark");
  await page.getByRole("button", { name: "+ Create Access Key" }).click();
  const d = page.getByRole("dialog", { name: "Create Access Key" });
  await d.getByLabel("Key Name").fill("x");
  await expectNoViolations(page, "the create drawer with a message, dark");
  await d.getByLabel("Key Name").fill(uniqueName("e2e-dark-new"));
  await d.getByRole("button", { name: "+ Create Key" }).click();
  await expect(d.getByTestId("reveal")).toBeVisible();
  await expectNoViolations(page, "the reveal, dark");
  await d.getByRole("button", { name: "I have saved my secret key" }).click();
  await d.getByRole("button", { name: "Close anyway" }).click();
  await page.getByRole("searchbox", { name: "Search keys by name or access key ID" }).fill(name);
  await page.getByRole("button", { name: `Actions for ${name}`, exact: true }).click();
  await page.getByRole("menuitem", { name: "View details" }).click();
  await expect(page.getByRole("dialog", { name: `Access key ${name}` })).toBeVisible();
  await expectNoViolations(page, "the details, dark");
  await page.getByRole("button", { name: "Close" }).click();
  await page.getByRole("tab", { name: "Buckets" }).click();
  await expect(page.getByTestId("buckets-table")).toBeVisible();
  await expectNoViolations(page, "the Buckets tab, dark");
  await page.context().close();
});

test("an embedding page picks the theme: light by default, dark by option or attribute", async ({ browser }) => {
  const page = await pageAt(browser, SIZES[0], "dark");
  await storeApiToken(page);
  await page.goto("/embed/?project=demo#section-storage");
  const c = page.locator("#access-keys");
  await expect(c.getByRole("heading", { name: "Object Storage" })).toBeVisible();
  const cardColour = () => c.locator(".uk-card").first().evaluate((e) => getComputedStyle(e).backgroundColor);
  expect(await cardColour(), "embedded: light, whatever the system").toBe("rgb(255, 255, 255)");
  await page.evaluate(() => (window as unknown as { host: { mount(o: object): void } }).host.mount({ theme: "dark" }));
  await expect.poll(cardColour).toBe("rgb(30, 30, 45)");
  // The host page's own (deliberately hostile) colours are not the console's to fix.
  await expectNoViolations(page, "the embedded console, dark", "#access-keys");

  await page.goto("/embed/element.html");
  const noida = page.locator("#noida");
  await expect(noida.getByRole("heading", { name: "Object Storage" })).toBeVisible();
  const elementCard = () => noida.locator(".uk-card").first().evaluate((e) => getComputedStyle(e).backgroundColor);
  expect(await elementCard()).toBe("rgb(255, 255, 255)");
  await page.evaluate(() => document.getElementById("noida")!.setAttribute("theme", "dark"));
  await expect.poll(elementCard).toBe("rgb(30, 30, 45)");
  await page.context().close();
});
