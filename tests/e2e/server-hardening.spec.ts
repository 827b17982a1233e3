import { test, expect } from "./helpers";

test("the console is served with a strict CSP, compression and a real robots.txt", async ({ request, page }) => {
  const res = await request.get("/", { headers: { "Accept-Encoding": "br" } });
  expect(res.status()).toBe(200);
  const csp = res.headers()["content-security-policy"];
  expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(csp).not.toContain("unsafe-inline");
  const html = await res.text();
  // No inline script: every <script> has a src.
  expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);

  const wasm = await request.get("/keys-console_bg.wasm", { headers: { "Accept-Encoding": "br, gzip" } });
  expect(wasm.headers()["content-type"]).toBe("application/wasm");
  expect(["br", "gzip"]).toContain(wasm.headers()["content-encoding"]);

  const robots = await request.get("/robots.txt");
  expect(await robots.text()).toContain("User-agent: *");

  // The page runs under that CSP without violations.
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Object Storage" })).toBeVisible();
  expect(violations).toEqual([]);
});
