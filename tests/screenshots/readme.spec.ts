// The README's pictures, on a fresh database seeded with keys that look like a real account's.
// Run by `make screenshot` only; `make test` never rewrites them.
import { test, expect, createKeyByApi, grant, openConsole, setStatus } from "../e2e/helpers";

const KEYS = ["analytics-export", "media-upload", "ci-deploy", "backup-nightly", "web-assets-cdn"];

test("README: the Access Keys tab", async ({ page, request }) => {
  const made: Record<string, string> = {};
  for (const name of KEYS) made[name] = (await createKeyByApi(request, name)).accesskey;
  await grant(request, "backups-innoida", "write", made["backup-nightly"]);
  await grant(request, "web-assets", "read", made["web-assets-cdn"]);
  await setStatus(request, made["analytics-export"], "disable");

  await page.setViewportSize({ width: 1280, height: 720 });
  await openConsole(page);
  await expect(page.getByTestId("key-row")).toHaveCount(KEYS.length);
  await page.screenshot({ path: "docs/screenshot.png" });
});
