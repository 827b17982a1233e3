import { test as base, expect, Page, APIRequestContext, Locator } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";

/** Every test fails if the app panics or throws: a dead wasm app can look fine for a while. A panic
 *  of the release build aborts the wasm (`RuntimeError: unreachable`, no message): the page sees an
 *  uncaught error, as it does for any exception. */
export const test = base.extend<{ noCrash: void }>({
  noCrash: [
    async ({ page }, use) => {
      const crashes: string[] = [];
      page.on("pageerror", (e) => crashes.push(`${e.name}: ${e.message}`));
      await use();
      expect(crashes, "the app crashed").toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };
import { TOKEN } from "../playwright.config";

export const DC = "innoida";
/** Where the standalone page keeps the API token (the bearer token, never a secret key) for the tab. */
export const TOKEN_STORAGE_KEY = "utho-keys-console.api-token";
/** Puts the test API token where a host page's own login would have left it. */
export async function storeApiToken(page: Page) {
  await page.addInitScript(([k, t]) => sessionStorage.setItem(k, t), [TOKEN_STORAGE_KEY, TOKEN]);
}
export const auth = { Authorization: `Bearer ${TOKEN}` };

/** A key name no other test uses. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`;
}

/** Opens the console the way the server's printed link does: the token in the fragment. */
export async function openConsole(page: Page, query = "") {
  await page.goto(`/${query}#token=${TOKEN}`);
  await expect(page.getByRole("heading", { name: "Object Storage", level: 1 })).toBeVisible();
}

export async function listKeys(request: APIRequestContext, dc = DC) {
  const res = await request.get(`/v2/objectstorage/${dc}/accesskeys`, { headers: auth });
  expect(res.status()).toBe(200);
  return (await res.json()).accesskeys as { name: string; accesskey: string; status: string; created_at: string }[];
}

export async function createKeyByApi(request: APIRequestContext, name: string, dc = DC) {
  const res = await request.post(`/v2/objectstorage/${dc}/accesskey/create`, {
    headers: auth,
    data: { accesskey: name },
  });
  expect(res.status()).toBe(200);
  return (await res.json()) as { accesskey: string; secretkey: string };
}

/** The secret must be nowhere the page keeps things once the reveal is closed. */
export async function expectSecretNowhere(page: Page, secret: string) {
  expect(secret).toMatch(/^[A-Za-z0-9]{36}$/);
  expect(await page.content()).not.toContain(secret);
  const stores = await page.evaluate(() => {
    const dump = (s: Storage) => JSON.stringify(Object.fromEntries(Object.entries(s)));
    return { local: dump(localStorage), session: dump(sessionStorage), cookies: document.cookie, url: location.href };
  });
  expect(stores.local).not.toContain(secret);
  expect(stores.session).not.toContain(secret);
  expect(stores.cookies).not.toContain(secret);
  expect(stores.url).not.toContain(secret);
}

export function drawer(page: Page) {
  return page.getByRole("dialog", { name: "Create Access Key" });
}

/** Opens the create drawer and creates a key named after `prefix`; returns its name, access key ID
 *  and the drawer, its reveal on screen. */
export async function createInDrawer(page: Page, prefix: string) {
  await page.getByRole("button", { name: "+ Create Access Key" }).click();
  const d = drawer(page);
  const name = uniqueName(prefix);
  await d.getByLabel("Key Name").fill(name);
  await d.getByRole("button", { name: "+ Create Key" }).click();
  await expect(d.getByTestId("reveal")).toBeVisible();
  const accessId = (await d.getByTestId("reveal-access-key").innerText()).trim();
  return { name, accessId, d };
}

/** axe finds nothing on the page as it is now (or in `include`); `what` names the view in the failure message. */
export async function expectNoViolations(page: Page, what: string, include?: string) {
  const builder = new AxeBuilder({ page });
  const results = await (include ? builder.include(include) : builder).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  expect(summary, `axe violations on ${what}`).toEqual([]);
}

// ---------------------------------------------------------------------------------------------
// API helpers: set up and check state through the API, not the UI, to keep tests fast.

export type KeyStatusAction = "enable" | "disable" | "remove";
export type PermissionValue = "read" | "write" | "full" | "none";

/** Enables, disables or removes a key through the API. */
export async function setStatus(request: APIRequestContext, accesskey: string, status: KeyStatusAction, dc = DC) {
  const res = await request.post(`/v2/objectstorage/${dc}/accesskey/${accesskey}/status`, {
    headers: auth,
    data: { accesskey, status },
  });
  expect(res.status(), `setting ${accesskey} to ${status}`).toBe(200);
}

/** Grants (or with "none" revokes) a key's permission on a bucket through the API. */
export async function grant(
  request: APIRequestContext,
  bucket: string,
  permission: PermissionValue,
  accesskey: string,
  dc = DC,
) {
  const res = await request.post(`/v2/objectstorage/${dc}/bucket/${bucket}/permission/${permission}/accesskey/${accesskey}`, {
    headers: auth,
    data: {},
  });
  expect(res.status(), `granting ${permission} on ${bucket} to ${accesskey}`).toBe(200);
}

export type BucketPermission = { accesskey: string; name: string; permission: string };

export async function listBuckets(request: APIRequestContext, dc = DC) {
  const res = await request.get(`/v2/objectstorage/${dc}/bucket`, { headers: auth });
  expect(res.status()).toBe(200);
  return (await res.json()).buckets as { name: string; permissions: BucketPermission[] }[];
}

/** The permissions one key holds, as { bucket: "read" | "write" | "full" }; buckets it cannot reach are left out. */
export async function bucketPermissions(request: APIRequestContext, accesskey: string, dc = DC) {
  const out: Record<string, string> = {};
  for (const b of await listBuckets(request, dc)) {
    const p = (b.permissions ?? []).find((x) => x.accesskey === accesskey);
    if (p) out[b.name] = p.permission;
  }
  return out;
}

/** The key with this access key ID as the API lists it, or undefined once it is gone. */
export async function findKey(request: APIRequestContext, accesskey: string, dc = DC) {
  return (await listKeys(request, dc)).find((k) => k.accesskey === accesskey);
}

/** The API's status for a key ("Active", "Suspended"), or "gone" when it is not listed. */
export async function apiStatus(request: APIRequestContext, accesskey: string, dc = DC) {
  return (await findKey(request, accesskey, dc))?.status ?? "gone";
}

export type FaultRule = {
  method?: string;
  path_contains?: string;
  status?: number;
  message?: string;
  times?: number;
  skip?: number;
};

/** Makes the next matching /v2 requests fail (server started with --enable-test-fault-injection). */
export async function addFault(request: APIRequestContext, rule: FaultRule) {
  const res = await request.post(`/__test__/faults`, { headers: auth, data: rule });
  expect(res.status(), "registering a fault rule").toBe(200);
}

/** Removes every fault rule. Call it in a finally or afterEach of any test that adds one. */
export async function clearFaults(request: APIRequestContext) {
  const res = await request.delete(`/__test__/faults`, { headers: auth });
  expect(res.status(), "clearing the fault rules").toBe(200);
}

// ---------------------------------------------------------------------------------------------
// Page helpers for the Access Keys table.

export function searchBox(page: Page) {
  return page.getByRole("searchbox", { name: "Search keys by name or access key ID" });
}

/** Narrows the table to the keys whose name or ID contains `text` (other tests' keys are there too). */
export async function searchKeys(page: Page, text: string) {
  await searchBox(page).fill(text);
}

/** The table row of the key called `name` (matched exactly, through its actions button). */
export function keyRow(page: Page, name: string): Locator {
  return page
    .getByTestId("key-row")
    .filter({ has: page.getByRole("button", { name: `Actions for ${name}`, exact: true }) });
}

export function actionsButton(page: Page, name: string) {
  return page.getByRole("button", { name: `Actions for ${name}`, exact: true });
}

export function actionsMenu(page: Page, name: string) {
  return page.getByRole("menu", { name: `Actions for ${name}`, exact: true });
}

/** Opens the row's actions menu with the mouse and returns it. */
export async function openActions(page: Page, name: string) {
  await actionsButton(page, name).click();
  const menu = actionsMenu(page, name);
  await expect(menu).toBeVisible();
  return menu;
}

/** Picks an item ("View details", "Suspend", "Activate", "Rotate", "Delete") from a row's menu. */
export async function rowAction(page: Page, name: string, item: string) {
  const menu = await openActions(page, name);
  await menu.getByRole("menuitem", { name: item, exact: true }).click();
}

/** The row shows this status and not the other one. */
export async function expectRowStatus(row: Locator, status: "Active" | "Suspended") {
  await expect(row.getByTestId("key-status")).toHaveText(status);
}

function escapeRegExp(s: string) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The table shows exactly these keys, in this order (a "New" badge after a name is allowed). */
export async function expectRowOrder(page: Page, names: string[]) {
  const headers = page.getByTestId("key-row").getByRole("rowheader");
  await expect(headers).toHaveText(names.map((n) => new RegExp(`^\\s*${escapeRegExp(n)}(?![\\w-])`)));
}

/** The key details dialog for the key called `name`. */
export function detailsDialog(page: Page, name: string) {
  return page.getByRole("dialog", { name: `Access key ${name}`, exact: true });
}

/** Presses Tab until `target` has focus; fails if it never does. */
export async function tabTo(page: Page, target: Locator, max = 40, key = "Tab") {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    if (await target.evaluate((el) => el === document.activeElement, undefined, { timeout: 2_000 }).catch(() => false)) return;
  }
  throw new Error(`focus never reached ${target}`);
}

/**
 * Focus moves into `container` (a modal dialog), then Tab and Shift+Tab keep it inside.
 * The dialog moves focus in an animation frame after it appears, so the first check waits for it.
 */
export async function expectFocusTrapped(page: Page, container: Locator, presses = 12) {
  const inside = () => container.evaluate((el) => el.contains(document.activeElement));
  await expect.poll(inside, { message: "focus moves into the dialog" }).toBe(true);
  for (let i = 0; i < presses; i++) {
    await page.keyboard.press("Tab");
    expect(await inside(), `focus left the dialog after ${i + 1} Tab presses`).toBe(true);
  }
  for (let i = 0; i < presses; i++) {
    await page.keyboard.press("Shift+Tab");
    expect(await inside(), `focus left the dialog after ${i + 1} Shift+Tab presses`).toBe(true);
  }
}

/** A row's selection checkbox. */
export function selectBox(page: Page, name: string) {
  return page.getByRole("checkbox", { name: `Select ${name}`, exact: true });
}

export function bulkToolbar(page: Page) {
  return page.getByRole("toolbar", { name: "Bulk actions" });
}

/** A sortable column header: the `th` (which carries aria-sort) and the button inside it. */
export function sortHeader(page: Page, label: "Name" | "Status" | "Created At") {
  const button = page.getByRole("button", { name: label, exact: true });
  return { button, th: page.getByRole("columnheader").filter({ has: button }) };
}

/** Unmasks the secret in a reveal and returns it. */
export async function showSecret(scope: Locator): Promise<string> {
  await scope.getByRole("button", { name: "Show secret", exact: true }).click();
  const el = scope.getByTestId("reveal-secret-key");
  await expect(el).toHaveText(/^\s*[A-Za-z0-9]{36}\s*$/);
  return (await el.innerText()).trim();
}

/** "I have saved my secret key"; when nothing was copied or downloaded, confirms the second warning. */
export async function closeReveal(scope: Locator, { confirmUnsaved = false } = {}) {
  await scope.getByRole("button", { name: "I have saved my secret key", exact: true }).click();
  if (confirmUnsaved) {
    await expect(scope.getByTestId("reveal-guard")).toContainText("You have not copied or downloaded the secret key.");
    await scope.getByRole("button", { name: "Close anyway", exact: true }).click();
  }
}

// ---------------------------------------------------------------------------------------------
// Key hygiene: ages come from the server's clock, so a test makes keys old in what the page reads.

/** `"YYYY-MM-DD HH:MM:SS"` (UTC, as the API writes it) of `days` days and an hour ago. */
export function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000 - 3_600_000).toISOString().slice(0, 19).replace("T", " ");
}

/**
 * The page reads the real key list with only the keys whose name starts with `only` (this test's
 * keys, whatever other tests made in the shared data centre), and with each key named in `ages`
 * created that many days ago. Every write still goes to the server.
 */
export async function shapeKeyList(page: Page, only: string, ages: Record<string, number> = {}) {
  await page.route("**/v2/objectstorage/*/accesskeys", async (route) => {
    const response = await route.fetch();
    const body = await response.json();
    const accesskeys = (body.accesskeys as { name: string; created_at: string }[])
      .filter((k) => k.name.startsWith(only))
      .map((k) => (k.name in ages ? { ...k, created_at: daysAgo(ages[k.name]) } : k));
    await route.fulfill({ response, json: { ...body, accesskeys } });
  });
}

/** A filter's toggle button beside the search ("Due for rotation", "No bucket access", "Suspended"). */
export function filterButton(page: Page | Locator, label: string) {
  return page.getByRole("group", { name: "Filters" }).getByRole("button", { name: new RegExp(`^${label}`) });
}
