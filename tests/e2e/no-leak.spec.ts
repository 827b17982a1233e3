import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { test, expect, createInDrawer, openConsole, showSecret } from "./helpers";

// After the reveal closes, the secret must be nowhere: not in the page, the browser's storage,
// the URL or history, the console, the server's log or database, nor in any HTTP response other
// than the create response (which must say Cache-Control: no-store).
test("after the reveal closes the secret is nowhere but where it was handed over", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const consoleLines: string[] = [];
  page.on("console", (m) => consoleLines.push(m.text()));
  const bodies: Promise<{ url: string; method: string; cacheControl: string; body: string }>[] = [];
  page.on("response", (r) =>
    bodies.push(
      r.text().catch(() => "").then((body) => ({
        url: r.url(),
        method: r.request().method(),
        cacheControl: r.headers()["cache-control"] ?? "",
        body,
      })),
    ),
  );

  await openConsole(page);
  const { name, d } = await createInDrawer(page, "e2e-leak");
  const secret = await showSecret(d);
  const cdp = await context.newCDPSession(page);
  const heapHas = async (needle: string) => {
    await cdp.send("HeapProfiler.enable");
    await cdp.send("HeapProfiler.collectGarbage");
    let snapshot = "";
    const onChunk = (c: { chunk: string }) => (snapshot += c.chunk);
    cdp.on("HeapProfiler.addHeapSnapshotChunk", onChunk);
    await cdp.send("HeapProfiler.takeHeapSnapshot", { reportProgress: false });
    cdp.off("HeapProfiler.addHeapSnapshotChunk", onChunk);
    expect(snapshot.length).toBeGreaterThan(1000);
    return snapshot.includes(needle);
  };
  // The WebAssembly memory of the page, searched byte by byte.
  const wasmHas = async (needle: string) => {
    const proto = (await cdp.send("Runtime.evaluate", { expression: "WebAssembly.Memory.prototype" })) as {
      result: { objectId: string };
    };
    const found = (await cdp.send("Runtime.queryObjects", { prototypeObjectId: proto.result.objectId })) as {
      objects: { objectId: string };
    };
    const r = (await cdp.send("Runtime.callFunctionOn", {
      objectId: found.objects.objectId,
      functionDeclaration: `function (needle) {
        const n = new TextEncoder().encode(needle);
        let memories = 0;
        for (const m of this) {
          memories++;
          const b = new Uint8Array(m.buffer);
          outer: for (let i = 0; i <= b.length - n.length; i++) {
            if (b[i] !== n[0]) continue;
            for (let j = 1; j < n.length; j++) if (b[i + j] !== n[j]) continue outer;
            return { memories, found: true };
          }
        }
        return { memories, found: false };
      }`,
      arguments: [{ value: needle }],
      returnByValue: true,
    })) as { result: { value: { memories: number; found: boolean } } };
    expect(r.result.value.memories, "the console's wasm memory was found").toBeGreaterThan(0);
    return r.result.value.found;
  };
  // Controls: while the reveal is open, the searches do find what they look for.
  expect(await wasmHas(secret), "the wasm memory search finds the secret while it is shown").toBe(true);
  await page.evaluate(() => ((window as unknown as { __probe: string }).__probe = ["heap", "probe", "9f3k"].join("-")));
  expect(await heapHas("heap-probe-9f3k"), "the heap search finds a JS string").toBe(true);
  await page.evaluate(() => delete (window as unknown as { __probe?: string }).__probe);
  await d.getByRole("button", { name: "Copy secret key" }).click();
  await expect(d.getByRole("button", { name: "Copy secret key" })).toContainText("Copied");
  await d.getByRole("button", { name: "I have saved my secret key" }).click();
  await expect(d).toBeHidden();

  // Use the app a little after: tabs, search, details (history entries, storage writes).
  await page.getByRole("tab", { name: "Buckets" }).click();
  await page.getByRole("tab", { name: "Access Keys" }).click();
  await page.getByRole("searchbox", { name: "Search keys by name or access key ID" }).fill(name);
  await page.getByRole("button", { name: `Actions for ${name}` }).click();
  await page.getByRole("menuitem", { name: "View details" }).click();
  await expect(page.getByRole("dialog", { name: `Access key ${name}` })).toBeVisible();
  await page.getByRole("button", { name: "Close" }).click();

  // The same page, never reloaded since the secret was shown: the JavaScript heap after a garbage
  // collection, and the app's WebAssembly memory. (A reload would empty both whatever the app did.)
  expect(await heapHas(secret), "the secret is still in the JS heap").toBe(false);
  expect(await wasmHas(secret), "the secret is still in the wasm memory").toBe(false);

  // A reload, then what outlives one: storage, cookies, URL and history.
  await page.reload();
  await expect(page.getByTestId("key-row").first()).toContainText(name);

  // The page, storage, cookies, URL and every history entry.
  expect(await page.content()).not.toContain(secret);
  const stored = await page.evaluate(async () => {
    const dump = (s: Storage) => JSON.stringify(Object.fromEntries(Object.entries(s)));
    const dbs = (await indexedDB.databases()).map((db) => db.name ?? "");
    return { local: dump(localStorage), session: dump(sessionStorage), idb: dbs, cookie: document.cookie };
  });
  expect(stored.local).not.toContain(secret);
  expect(stored.session).not.toContain(secret);
  expect(stored.idb, "the console keeps no IndexedDB database").toEqual([]);
  expect(stored.cookie).not.toContain(secret);
  expect(JSON.stringify(await context.cookies())).not.toContain(secret);
  const history = (await cdp.send("Page.getNavigationHistory")) as { entries: { url: string; title: string }[] };
  expect(history.entries.length).toBeGreaterThan(2);
  for (const e of history.entries) {
    expect(e.url).not.toContain(secret);
    expect(e.url).not.toContain("token=");
  }

  // The console output.
  expect(consoleLines.join("\n")).not.toContain(secret);

  // HTTP: only the create response carried it, and it said no-store.
  const seen = await Promise.all(bodies);
  const carriers = seen.filter((r) => r.body.includes(secret));
  expect(carriers.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual([
    "POST /v2/objectstorage/innoida/accesskey/create",
  ]);
  expect(carriers[0].cacheControl).toContain("no-store");

  // The server's log and its database files.
  const serverDir = join(dirname(test.info().config.configFile!), ".artifacts/server");
  expect(readFileSync(join(serverDir, "server.log"), "utf8")).toContain("POST /v2/objectstorage/innoida/accesskey/create");
  for (const f of readdirSync(serverDir)) {
    const bytes = readFileSync(join(serverDir, f));
    expect(bytes.includes(Buffer.from(secret)), `${f} holds the secret`).toBe(false);
  }
  expect(readdirSync(serverDir)).toEqual(expect.arrayContaining(["keys.db", "server.log"]));
});
