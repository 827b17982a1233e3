import { readFileSync } from "node:fs";
import { test, expect, closeReveal, createInDrawer, expectNoViolations, openConsole, showSecret } from "./helpers";

test("the secret is masked until shown, and Show / Hide toggle it", async ({ page }) => {
  await openConsole(page);
  const { d } = await createInDrawer(page, "e2e-mask");
  const secretEl = d.getByTestId("reveal-secret-key");
  const toggle = d.getByRole("button", { name: "Show secret", exact: true });
  await expect(secretEl).toHaveText(/^•+$/);
  // One idiom: the label says what the button does next, with no aria-pressed beside it.
  await expect(toggle).not.toHaveAttribute("aria-pressed");
  // Read aloud, the masked secret is "hidden", not 36 bullets.
  await expect(secretEl.locator("[aria-hidden=true]")).toHaveText(/^•{36}$/);
  await expect(d.getByTestId("reveal-secret-hidden")).toHaveText("Hidden. Choose Show secret to see it.");
  await expectNoViolations(page, "the reveal, masked");
  const secret = await showSecret(d);
  // One click selects the whole value.
  await d.getByTestId("reveal-secret-key").click();
  expect(await page.evaluate(() => window.getSelection()?.toString().trim())).toBe(secret);
  const hide = d.getByRole("button", { name: "Hide secret", exact: true });
  await expect(hide).not.toHaveAttribute("aria-pressed");
  await expectNoViolations(page, "the reveal, shown");
  await hide.click();
  await expect(secretEl).toHaveText(/^•+$/);
  expect(await page.content()).not.toContain(secret);
  // The access key ID is always visible; the connection panel names the data centre's endpoint.
  await expect(d.getByTestId("reveal-access-key")).toHaveText(/^[A-Za-z0-9]{36}$/);
  await expect(d.getByTestId("conn-endpoint")).toHaveText("https://innoida.utho.io");
  await expect(d.getByTestId("conn-region")).toHaveText("innoida");
  await expect(d.getByTestId("conn-command")).toContainText("aws s3 ls --profile e2e-mask-");
  await expect(d.getByTestId("conn-command")).toContainText("--endpoint-url https://innoida.utho.io --region innoida");
});

test("every download holds ready-to-use credentials for this key, and its object URL is revoked", async ({ page }) => {
  await page.addInitScript(() => {
    const w = window as unknown as { __urls: { made: string[]; revoked: string[] } };
    w.__urls = { made: [], revoked: [] };
    const make = URL.createObjectURL.bind(URL);
    const revoke = URL.revokeObjectURL.bind(URL);
    URL.createObjectURL = (o: Blob | MediaSource) => {
      const u = make(o);
      w.__urls.made.push(u);
      return u;
    };
    URL.revokeObjectURL = (u: string) => {
      w.__urls.revoked.push(u);
      revoke(u);
    };
  });
  await openConsole(page);
  const { name, accessId, d } = await createInDrawer(page, "e2e-dl");
  const secret = await showSecret(d);

  // The common file is one click; the other formats are one more ("More formats").
  await expect(d.getByRole("button", { name: "Download .csv (AWS CLI import)", exact: true })).toBeVisible();
  await expect(d.getByRole("button", { name: "Download .env", exact: true })).toBeHidden();
  await d.getByRole("button", { name: "More formats", exact: true }).click();
  await expect(d.getByRole("button", { name: "Fewer formats", exact: true })).toHaveAttribute("aria-expanded", "true");

  async function download(label: string) {
    const [dl] = await Promise.all([
      page.waitForEvent("download"),
      d.getByRole("button", { name: `Download ${label}`, exact: true }).click(),
    ]);
    return { file: dl.suggestedFilename(), text: readFileSync((await dl.path())!, "utf8") };
  }

  // The layout `aws configure import --csv` reads, and the command to import it beside the button.
  const csv = await download(".csv (AWS CLI import)");
  expect(csv.file).toBe(`${name}_accessKeys.csv`);
  const [header, row] = csv.text.trim().split("\n");
  expect(header).toBe("User Name,Access key ID,Secret access key");
  expect(row.split(",")).toEqual([name, accessId, secret]);
  await expect(d.getByTestId("next-step-csv")).toHaveText(`aws configure import --csv file://${name}_accessKeys.csv`);
  await expect(d.getByText(`For the AWS CLI (v2): import it as the profile ${name} with:`)).toBeVisible();

  const env = await download(".env");
  expect(env.file).toBe(`${name}.env`);
  const vars = Object.fromEntries(
    env.text.split("\n").filter((l) => l && !l.startsWith("#")).map((l) => l.split("=", 2) as [string, string]),
  );
  expect(vars).toEqual({
    AWS_ACCESS_KEY_ID: accessId,
    AWS_SECRET_ACCESS_KEY: secret,
    AWS_ENDPOINT_URL: "https://innoida.utho.io",
    AWS_REGION: "innoida",
    AWS_DEFAULT_REGION: "innoida",
  });

  const ini = (text: string) => {
    const out: Record<string, Record<string, string>> = {};
    let section = "";
    for (const line of text.split("\n")) {
      const s = line.match(/^\[(.+)\]$/);
      if (s) out[(section = s[1])] = {};
      const kv = line.match(/^(\w+) = (.*)$/);
      if (kv && section) out[section][kv[1]] = kv[2];
    }
    return out;
  };
  const aws = await download("AWS CLI profile");
  expect(aws.file).toContain(name);
  expect(ini(aws.text)).toEqual({
    [name]: { aws_access_key_id: accessId, aws_secret_access_key: secret },
    [`profile ${name}`]: { region: "innoida", endpoint_url: "https://innoida.utho.io" },
  });
  expect(aws.text).toContain("s3 =\n    addressing_style = path\n");

  const rclone = await download("rclone remote");
  expect(rclone.file).toBe(`${name}-rclone.conf`);
  expect(ini(rclone.text)[name]).toEqual({
    type: "s3",
    provider: "Other",
    access_key_id: accessId,
    secret_access_key: secret,
    endpoint: "https://innoida.utho.io",
    region: "innoida",
    force_path_style: "true",
  });

  const s3cfg = await download("s3cmd .s3cfg");
  expect(s3cfg.file).toBe(`${name}.s3cfg`);
  expect(ini(s3cfg.text).default).toMatchObject({
    access_key: accessId,
    secret_key: secret,
    host_base: "innoida.utho.io",
    host_bucket: "innoida.utho.io",
    bucket_location: "innoida",
  });

  // mc imports a file: the secret never goes on a command line (shell history).
  const mc = await download("MinIO client (mc)");
  expect(mc.file).toBe(`${name}-mc-alias.json`);
  expect(JSON.parse(mc.text)).toEqual({
    url: "https://innoida.utho.io",
    accessKey: accessId,
    secretKey: secret,
    api: "s3v4",
    path: "on",
  });
  const nextStep = d.getByTestId("next-step-mc");
  await expect(nextStep).toHaveText(`mc alias import ${name} ${name}-mc-alias.json`);
  expect(await nextStep.textContent()).not.toContain(secret);
  // mc's alias has no region: the reveal says how mc learns it.
  await expect(d.getByTestId("next-step-mc-region")).toHaveText("export MC_REGION=innoida");
  await expect(d.getByRole("button", { name: "Copy region command" })).toBeVisible();

  // Every object URL made for a download is revoked afterwards.
  await expect
    .poll(() => page.evaluate(() => {
      const u = (window as unknown as { __urls: { made: string[]; revoked: string[] } }).__urls;
      return { made: u.made.length, unrevoked: u.made.filter((x) => !u.revoked.includes(x)).length };
    }), { timeout: 5000 })
    .toEqual({ made: 6, unrevoked: 0 });

  // A download counts as saved: the reveal closes without the second warning.
  await closeReveal(d);
  await expect(d).toBeHidden();
});

test("with the Clipboard API refused, the copy goes through a selection and says so", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.addInitScript(() => {
    navigator.clipboard.writeText = () => Promise.reject(new DOMException("Blocked by test", "NotAllowedError"));
  });
  await openConsole(page);
  const { d } = await createInDrawer(page, "e2e-fallback");
  const copy = d.getByRole("button", { name: "Copy secret key" });
  await copy.click();
  await expect(copy).toContainText("Copied");
  await expect(d.getByText("through a selection (the browser refused the Clipboard API)")).toBeVisible();
  const secret = await showSecret(d);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
  await closeReveal(d);
  await expect(d).toBeHidden();
});

test("when no way of copying works, the secret is shown selected and the person is told to press Ctrl+C", async ({ page }) => {
  await page.addInitScript(() => {
    navigator.clipboard.writeText = () => Promise.reject(new DOMException("Blocked by test", "NotAllowedError"));
    document.execCommand = () => false;
  });
  await openConsole(page);
  const { d } = await createInDrawer(page, "e2e-nocopy");
  const copy = d.getByRole("button", { name: "Copy secret key" });
  await copy.click();
  await expect(copy).toContainText("Copy failed");
  await expect(copy).not.toContainText("Copied");
  await expect(d.getByText("It is selected: press Ctrl+C")).toBeVisible();
  const secretEl = d.getByTestId("reveal-secret-key");
  await expect(secretEl).toHaveText(/^[A-Za-z0-9]{36}$/);
  const secret = (await secretEl.innerText()).trim();
  await expect.poll(() => page.evaluate(() => window.getSelection()?.toString().trim())).toBe(secret);
  await expectNoViolations(page, "the reveal after a failed copy");
  // A failed copy is not a saved secret: closing still asks.
  await closeReveal(d, { confirmUnsaved: true });
  await expect(d).toBeHidden();
});

test("closing without copying or downloading asks once more, with a way back", async ({ page }) => {
  await openConsole(page);
  const { d } = await createInDrawer(page, "e2e-guard");
  await d.getByRole("button", { name: "I have saved my secret key" }).click();
  const guard = d.getByTestId("reveal-guard");
  await expect(guard).toHaveText(/You have not copied or downloaded the secret key\. It cannot be shown again\./);
  const back = guard.getByRole("button", { name: "Go back" });
  await expect(back).toBeFocused();
  await expectNoViolations(page, "the reveal's second warning");
  await back.click();
  await expect(guard).toBeHidden();
  await expect(d.getByTestId("reveal")).toBeVisible();
  await d.getByRole("button", { name: "Copy secret key" }).click();
  await expect(d.getByRole("button", { name: "Copy secret key" })).toContainText("Copied");
  await d.getByRole("button", { name: "I have saved my secret key" }).click();
  await expect(d).toBeHidden();
});

test("while the reveal is open, reloading warns, and switching tabs asks first", async ({ page }) => {
  await openConsole(page);
  const { d } = await createInDrawer(page, "e2e-leave");

  const unload = page.waitForEvent("dialog");
  // Dismissing the warning cancels the reload, so this navigation never finishes: not awaited.
  void page.reload({ timeout: 3000 }).catch(() => undefined);
  const warning = await unload;
  expect(warning.type()).toBe("beforeunload");
  await warning.dismiss();
  await expect(d.getByTestId("reveal")).toBeVisible();

  // The tabs sit behind the modal; a tab change that reaches the app anyway must ask.
  const ask = page.waitForEvent("dialog");
  const click = page.evaluate(() => (document.getElementById("uk-tab-buckets") as HTMLElement).click());
  const confirm = await ask;
  expect(confirm.type()).toBe("confirm");
  expect(confirm.message()).toContain("cannot be shown again");
  await confirm.dismiss();
  await click;
  await expect(page.getByRole("tab", { name: "Access Keys" })).toHaveAttribute("aria-selected", "true");
  await expect(d.getByTestId("reveal")).toBeVisible();

  await closeReveal(d, { confirmUnsaved: true });
  await expect(d).toBeHidden();
  // Once closed, nothing holds the page.
  let asked = false;
  page.on("dialog", (dlg) => {
    asked = true;
    void dlg.accept();
  });
  await page.reload();
  await expect(page.getByRole("heading", { name: "Object Storage" })).toBeVisible();
  expect(asked).toBe(false);
});
