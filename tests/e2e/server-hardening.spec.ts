import { createHash } from "node:crypto";
import { test, expect } from "./helpers";
import { TOKEN } from "../playwright.config";

test("the console is served with a strict CSP, compression and a real robots.txt", async ({ request, page }) => {
  const res = await request.get("/", { headers: { "Accept-Encoding": "br" } });
  expect(res.status()).toBe(200);
  const csp = res.headers()["content-security-policy"];
  expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(csp).not.toContain("unsafe-inline");
  const html = await res.text();
  // One inline script (assets/boot.js bundled with the console's module), allowed by its hash and
  // nothing else: no other script runs inline.
  const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([^]*?)<\/script>/g)].map((m) => m[1]);
  expect(inline).toHaveLength(1);
  const hash = `'sha256-${createHash("sha256").update(inline[0]).digest("base64")}'`;
  expect(csp).toContain(`script-src 'self' 'wasm-unsafe-eval' ${hash};`);

  expect(res.headers()["cache-control"], "the page is revalidated on every load").toBe("no-cache");
  // The wasm is asked for at once, by its content-hashed name. The console's module is in the page's
  // script (scripts/post-build.mjs), ready when it runs: no module to fetch and evaluate before the
  // wasm can start. The script opens with V8's compile hint: its functions compiled with it, not one
  // by one while the page is being built.
  const wasmName = html.match(/<link rel="preload" href="\/(keys-console-[0-9a-f]+_bg\.wasm)" as="fetch"/)?.[1];
  expect(wasmName, "a preload of the hashed wasm").toBeTruthy();
  expect(html, "no module for the page to fetch first").not.toContain("modulepreload");
  expect(inline[0].split("\n", 1)[0], "the page script's first line").toBe("//# allFunctionsCalledOnLoad");
  expect(inline[0], "the page's script imports nothing").not.toMatch(/\bimport\s*[{*"'\w]|\bimport\(/);

  // Served as built: the brotli file made at build time (quality 11), cached for a year.
  const wasm = await request.get(`/${wasmName}`, { headers: { "Accept-Encoding": "br, gzip" } });
  expect(wasm.headers()["content-type"]).toBe("application/wasm");
  expect(wasm.headers()["content-encoding"]).toBe("br");
  expect(wasm.headers()["cache-control"]).toBe("public, max-age=31536000, immutable");
  const raw = await request.get(`/${wasmName}`, { headers: { "Accept-Encoding": "identity" } });
  expect(raw.headers()["content-encoding"]).toBeUndefined();
  const sent = Number(wasm.headers()["content-length"]);
  expect(sent, "the brotli file, not an on-the-fly compression").toBeLessThan((await raw.body()).length * 0.4);
  const gz = await request.get(`/${wasmName}`, { headers: { "Accept-Encoding": "gzip" } });
  expect(gz.headers()["content-encoding"]).toBe("gzip");

  // A host imports the stable name, revalidated on every load, which leads to this build's files: the
  // glue, cached for a year, which opens with the compile hint too (compiled while it loads, off the
  // main thread).
  const stable = await request.get("/keys-console.js");
  expect(stable.headers()["cache-control"]).toBe("no-cache");
  const jsName = (await stable.text()).match(/"\.\/(keys-console-[0-9a-f]+\.js)"/)?.[1];
  expect(jsName, "the hashed glue, re-exported").toBeTruthy();
  const glue = await request.get(`/${jsName}`);
  expect(glue.headers()["cache-control"]).toBe("public, max-age=31536000, immutable");
  expect((await glue.text()).split("\n", 1)[0], "the glue's first line").toBe("//# allFunctionsCalledOnLoad");

  const robots = await request.get("/robots.txt");
  expect(await robots.text()).toContain("User-agent: *");

  // The page runs under that CSP without violations, and fetches no script: its one script is inline.
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  const scripts: string[] = [];
  page.on("request", (r) => {
    if (r.resourceType() === "script") scripts.push(r.url());
  });
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Object Storage" })).toBeVisible();
  // The page under a deeper path (the SPA's fallback) starts too: the start script names its files
  // from the root, and its CSP allows it.
  const list = page.waitForResponse((r) => r.url().endsWith("/accesskeys"));
  await page.goto(`/keys/some/deeper/path#token=${TOKEN}`);
  expect((await list).status(), "the key list, asked for with the token from the address").toBe(200);
  await expect(page.getByTestId("keys-table").or(page.getByTestId("empty-keys"))).toBeVisible();
  expect(page.url(), "the token left the address bar").not.toContain("token");
  // A reload revalidates the cached page (a 304), whose policy must still carry the script's hash.
  const again = page.waitForResponse((r) => r.url().endsWith("/accesskeys"));
  await page.reload();
  expect((await again).status()).toBe(200);
  await expect(page.getByTestId("keys-table").or(page.getByTestId("empty-keys"))).toBeVisible();
  expect(violations).toEqual([]);
  expect(scripts).toEqual([]);
});
