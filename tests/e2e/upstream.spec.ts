// The console driven through the server's upstream mode, against a stand-in that behaves like
// Utho's real API (tests/standin/utho.mjs): stray bytes before the JSON, lists without envelope,
// numbers as strings, unknown fields, refusals sent with HTTP 200. The browser holds no token.
import { test, expect, uniqueName, closeReveal, showSecret } from "./helpers";
import { STANDIN_PORT, STANDIN_TOKEN, UPSTREAM_PORT } from "../playwright.config";

test.use({ baseURL: `http://127.0.0.1:${UPSTREAM_PORT}` });

type StandinKey = { name: string; accesskey: string; status: string };
type StandinBucket = { name: string; permissions: { accesskey: string; permission: string }[] };

async function standin(): Promise<{ keys: StandinKey[]; buckets: StandinBucket[] }> {
  const res = await fetch(`http://127.0.0.1:${STANDIN_PORT}/__state`);
  return res.json();
}

test("through the upstream mode: list, create with the secret shown once, suspend, activate, permissions, delete", async ({ page }) => {
  const requests: string[] = [];
  page.on("request", (r) => {
    if (r.url().includes("/v2/")) requests.push(r.headers()["authorization"] ?? "none");
  });
  await page.goto("/");
  // The stand-in's keys, read through its quirks.
  const archive = page.getByTestId("key-row").filter({ hasText: "standin-archive" });
  await expect(archive.getByTestId("key-status")).toHaveText("Suspended");
  await expect(page.getByTestId("key-row").filter({ hasText: "standin-backup" })).toBeVisible();

  // Create: the secret is shown once, in the drawer.
  const name = uniqueName("e2e-upstream");
  await page.getByRole("button", { name: "+ Create Access Key" }).click();
  const d = page.getByRole("dialog", { name: "Create Access Key" });
  await d.getByLabel("Key Name").fill(name);
  await d.getByRole("button", { name: "+ Create Key" }).click();
  const secret = await showSecret(d);
  await closeReveal(d, { confirmUnsaved: true });
  const made = (await standin()).keys.find((k) => k.name === name)!;
  expect(made.status).toBe("Active");
  expect(await page.content()).not.toContain(secret);

  // A name another client took since the list loaded: the service refuses with HTTP 200, and the
  // console shows its message.
  const taken = uniqueName("e2e-upstream-taken");
  await fetch(`http://127.0.0.1:${STANDIN_PORT}/v2/objectstorage/innoida/accesskey/create`, {
    method: "POST",
    headers: { authorization: `Bearer ${STANDIN_TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify({ accesskey: taken }),
  });
  await page.getByRole("button", { name: "+ Create Access Key" }).click();
  await d.getByLabel("Key Name").fill(taken);
  await d.getByRole("button", { name: "+ Create Key" }).click();
  await expect(d.getByTestId("key-name-message")).toContainText(`Access key ${taken} already exists`);
  await d.getByRole("button", { name: "Close" }).click();

  // Suspend, then activate, from the row menu.
  const row = page.getByTestId("key-row").filter({ hasText: name });
  await row.getByRole("button", { name: `Actions for ${name}` }).click();
  await page.getByRole("menuitem", { name: "Suspend" }).click();
  await expect(row.getByTestId("key-status")).toHaveText("Suspended");
  await expect.poll(async () => (await standin()).keys.find((k) => k.name === name)?.status).toBe("Suspended");
  await row.getByRole("button", { name: `Actions for ${name}` }).click();
  await page.getByRole("menuitem", { name: "Activate" }).click();
  await expect.poll(async () => (await standin()).keys.find((k) => k.name === name)?.status).toBe("Active");

  // Permissions: write is saved; read is refused by the platform and says so next to its bucket.
  await row.getByRole("button", { name: `Actions for ${name}` }).click();
  await page.getByRole("menuitem", { name: "View details" }).click();
  const details = page.getByRole("dialog", { name: `Access key ${name}` });
  await details.getByRole("combobox", { name: "Permission on media-archive" }).selectOption("write");
  await details.getByRole("combobox", { name: "Permission on backups-innoida" }).selectOption("read");
  await details.getByRole("button", { name: "Save all changes" }).click();
  await expect(details.getByTestId("perm-status-media-archive")).toHaveText("Saved");
  await expect(details.getByTestId("perm-status-backups-innoida")).toContainText("Read permission is not currently supported");
  const perms = (await standin()).buckets.map((b) => [b.name, b.permissions.filter((p) => p.accesskey === made.accesskey).map((p) => p.permission)]);
  expect(perms).toEqual([["media-archive", ["write"]], ["backups-innoida", []]]);
  await details.getByRole("button", { name: "Close" }).click();

  // Delete.
  await row.getByRole("button", { name: `Actions for ${name}` }).click();
  await page.getByRole("menuitem", { name: "Delete" }).click();
  const del = page.getByRole("dialog", { name: `Delete access key ${name}?` });
  await del.getByRole("textbox").fill(name);
  await del.getByRole("button", { name: "Delete key" }).click();
  await expect(row).toHaveCount(0);
  expect((await standin()).keys.some((k) => k.name === name)).toBe(false);

  // The browser never held a token: the server added its own on the way up.
  expect(requests.length).toBeGreaterThan(5);
  expect(new Set(requests)).toEqual(new Set(["none"]));
});
