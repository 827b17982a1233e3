import {
  showSecret,
  closeReveal,
  test,
  expect,
  addFault,
  apiStatus,
  bucketPermissions,
  clearFaults,
  createKeyByApi,
  expectRowStatus,
  expectSecretNowhere,
  grant,
  keyRow,
  listKeys,
  openConsole,
  rowAction,
  searchKeys,
  uniqueName,
} from "./helpers";

test.afterEach(async ({ request }) => {
  await clearFaults(request);
});

test("rotate a key: the replacement gets its permissions, the secret shows once, the old key is suspended", async ({ page, request }) => {
  const name = uniqueName("e2e-rot");
  const newName = `${name}-rotated`;
  const { accesskey: oldId } = await createKeyByApi(request, name);
  await grant(request, "media-archive", "write", oldId);
  await grant(request, "web-assets", "full", oldId);
  await openConsole(page);
  await searchKeys(page, name);
  await rowAction(page, name, "Rotate");

  const d = page.getByRole("dialog", { name: `Rotate access key ${name}`, exact: true });
  await expect(d).toBeVisible();
  const nameInput = d.getByRole("textbox", { name: "Key Name", exact: true });
  await expect(nameInput).toHaveValue(newName);
  await d.getByRole("button", { name: "Create replacement key", exact: true }).click();

  const steps = d.getByTestId("rotation-steps");
  await expect(steps).toContainText(`Create key ${newName}: done`);
  await expect(steps).toContainText("Copy Write on media-archive: done");
  await expect(steps).toContainText("Copy Read & Write on web-assets: done");
  await expect(steps).not.toContainText("failed");

  const secret = await showSecret(d);

  // The server has the replacement, active, with the same permissions; the old key is untouched so far.
  const replacement = (await listKeys(request)).find((k) => k.name === newName);
  expect(replacement, "the replacement key exists").toBeDefined();
  const newId = replacement!.accesskey;
  expect(replacement!.status).toBe("Active");
  expect(await bucketPermissions(request, newId)).toEqual({ "media-archive": "write", "web-assets": "full" });
  expect(await bucketPermissions(request, oldId)).toEqual({ "media-archive": "write", "web-assets": "full" });
  expect(await apiStatus(request, oldId)).toBe("Active");

  // The old key is offered for suspension only once the secret is saved.
  const suspendOld = d.getByRole("button", { name: "Suspend old key", exact: true });
  await expect(suspendOld).toBeHidden();
  await closeReveal(d, { confirmUnsaved: true });
  await expect(d.getByRole("button", { name: "Keep old key active", exact: true })).toBeVisible();
  await suspendOld.click();
  await expect(d).toContainText(`Old key ${name} suspended.`);
  await expect.poll(() => apiStatus(request, oldId)).toBe("Suspended");
  expect(await apiStatus(request, newId)).toBe("Active");

  await d.getByRole("button", { name: "Done", exact: true }).click();
  await expect(d).toBeHidden();
  await expectRowStatus(keyRow(page, name), "Suspended");
  await expectRowStatus(keyRow(page, newName), "Active");
  await expect(keyRow(page, newName)).toContainText(newId);
  await expectSecretNowhere(page, secret);
  expect(JSON.stringify(await listKeys(request))).not.toContain(secret);
});

test("a rotation whose permission copy fails keeps the secret and retries only what failed", async ({ page, request }) => {
  const name = uniqueName("e2e-rotstop");
  const newName = `${name}-v2`;
  const { accesskey: oldId } = await createKeyByApi(request, name);
  await grant(request, "media-archive", "write", oldId);
  await grant(request, "backups-innoida", "read", oldId);
  await openConsole(page);
  await searchKeys(page, name);
  await rowAction(page, name, "Rotate");

  const d = page.getByRole("dialog", { name: `Rotate access key ${name}`, exact: true });
  const nameInput = d.getByRole("textbox", { name: "Key Name", exact: true });
  await expect(nameInput).toHaveValue(`${name}-rotated`);
  await nameInput.fill(newName);

  // The first permission copy passes, the second is refused.
  await addFault(request, {
    method: "POST",
    path_contains: "/permission/",
    status: 500,
    message: "Permission store is unavailable.",
    times: 1,
    skip: 1,
  });
  await d.getByRole("button", { name: "Create replacement key", exact: true }).click();

  const summary = d.getByTestId("rotation-summary");
  await expect(summary).toContainText("Rotation stopped: new key created, 1 of 2 permissions copied.");
  const steps = d.getByTestId("rotation-steps");
  await expect(steps).toContainText(`Create key ${newName}: done`);
  await expect(steps.getByRole("listitem").filter({ hasText: ": done" })).toHaveCount(2);
  const failedStep = steps.getByRole("listitem").filter({ hasText: "failed" });
  await expect(failedStep).toHaveCount(1);
  await expect(failedStep).toHaveText(
    /Copy (Write on media-archive|Read on backups-innoida): failed — .*Permission store is unavailable\./,
  );

  // The secret is shown even though the rotation stopped.
  const secret = await showSecret(d);

  const created = (await listKeys(request)).filter((k) => k.name === newName);
  expect(created, "exactly one replacement key").toHaveLength(1);
  const newId = created[0].accesskey;
  expect(Object.keys(await bucketPermissions(request, newId))).toHaveLength(1);

  // Retry sends only the failed permission copy: no second key, no repeat of what worked.
  const retried: string[] = [];
  page.on("request", (r) => {
    if (r.method() === "POST" && r.url().includes("/v2/")) retried.push(new URL(r.url()).pathname);
  });
  await d.getByRole("button", { name: "Retry remaining steps", exact: true }).click();
  await expect(summary).toContainText("New key created, 2 of 2 permissions copied.");
  await expect(steps).not.toContainText("failed");
  expect(retried).toHaveLength(1);
  expect(retried[0]).toContain("/permission/");
  expect(await bucketPermissions(request, newId)).toEqual({ "media-archive": "write", "backups-innoida": "read" });
  expect((await listKeys(request)).filter((k) => k.name === newName)).toHaveLength(1);
  await expect(d.getByTestId("reveal-secret-key")).toHaveText(secret);

  // The flow goes on: save the secret, then the offer about the old key.
  await closeReveal(d, { confirmUnsaved: true });
  await expect(d.getByRole("button", { name: "Suspend old key", exact: true })).toBeVisible();
  await d.getByRole("button", { name: "Keep old key active", exact: true }).click();
  await expect(d.getByRole("button", { name: "Suspend old key", exact: true })).toBeHidden();
  expect(await apiStatus(request, oldId)).toBe("Active");
  expect(await apiStatus(request, newId)).toBe("Active");
});
