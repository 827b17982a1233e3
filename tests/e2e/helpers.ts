import { test as base, expect, Page, APIRequestContext } from "@playwright/test";

/** Every test fails if the app panics or throws: a dead wasm app can look fine for a while. */
export const test = base.extend<{ noCrash: void }>({
  noCrash: [
    async ({ page }, use) => {
      const crashes: string[] = [];
      page.on("pageerror", (e) => crashes.push(e.message));
      page.on("console", (m) => {
        if (m.type() === "error" && /panicked/.test(m.text())) crashes.push(m.text());
      });
      await use();
      expect(crashes, "the app crashed").toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };
import { TOKEN } from "../playwright.config";

export const DC = "innoida";
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
  return (await res.json()).accesskeys as { name: string; accesskey: string; status: string }[];
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
