// Embedding: the console as a guest in the example host pages of examples/embed/ (served at
// /embed/ with the server's CSP): a page with its own header, sidebar links, query and hash, and
// hostile global CSS. index.html mounts with mountConsole(); element.html uses <utho-access-keys>.
import type { Page, Locator } from "@playwright/test";
import { test, expect, uniqueName, createKeyByApi, grant, listKeys, bucketPermissions, DC, TOKEN_STORAGE_KEY } from "./helpers";
import { PORT, TOKEN } from "../playwright.config";

const HOST = "/embed/?project=demo#section-storage";

type HostWindow = Window & {
  host: {
    mount(options?: Record<string, unknown>): void;
    unmount(): void;
    mountConsole(el: Element, options: Record<string, unknown>): { unmount(): void };
  };
  __events: { type: string; detail: Record<string, string>; bubbles: boolean; composed: boolean }[];
  defineConsoleElement(): void;
};

/** Opens a host page with the host's "session" holding the API token. */
async function openHost(page: Page, url = HOST, token: string | null = TOKEN) {
  await page.addInitScript(
    ([key, t]) => {
      if (t) sessionStorage.setItem(key, t);
    },
    [TOKEN_STORAGE_KEY, token] as const,
  );
  await page.goto(url);
  // The host's module is ready once its init() resolved.
  if (url.startsWith("/embed/?")) await page.waitForFunction(() => "host" in window);
}

function consoleIn(page: Page): Locator {
  return page.locator("#access-keys");
}

async function waitForTable(c: Locator) {
  await expect(c.getByTestId("keys-table").or(c.getByTestId("empty-keys"))).toBeVisible();
}

/** Records every utho-keys:* event that reaches the document. */
async function recordEvents(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as HostWindow;
    w.__events = [];
    for (const type of ["created", "status-changed", "deleted", "permission-changed", "unauthorized"]) {
      document.addEventListener(`utho-keys:${type}`, (e) => {
        const ev = e as CustomEvent;
        w.__events.push({ type: ev.type, detail: ev.detail, bubbles: ev.bubbles, composed: ev.composed });
      });
    }
  });
}

async function events(page: Page) {
  return page.evaluate(() => (window as unknown as HostWindow).__events);
}

/** The URL's parts the host owns must be what it wrote. */
function expectHostUrl(url: string) {
  const u = new URL(url);
  expect(u.pathname).toBe("/embed/");
  expect(u.hash).toBe("#section-storage");
  expect(u.search.startsWith("?project=demo")).toBe(true);
  for (const name of new URL(url).searchParams.keys()) {
    expect(name === "project" || name.startsWith("keys."), `parameter ${name}`).toBe(true);
  }
}

test("mountConsole: the console uses its options, and a host link outside it still navigates", async ({ page }) => {
  await openHost(page);
  const c = consoleIn(page);
  await waitForTable(c);
  await expect(c.getByLabel("Data centre")).toHaveValue("innoida");
  await page.evaluate(() => (window as unknown as HostWindow).host.mount({ dc: "inmumbaizone2", urlState: "none" }));
  await expect(c.getByLabel("Data centre")).toHaveValue("inmumbaizone2");
  await waitForTable(c);

  // The host recolours the console through a custom property set on the console's container.
  await page.evaluate(() => document.getElementById("access-keys")!.style.setProperty("--uk-primary-dark", "rgb(200, 0, 100)"));
  const create = c.getByRole("button", { name: "+ Create Access Key" });
  expect(await create.evaluate((e) => getComputedStyle(e).backgroundColor)).toBe("rgb(200, 0, 100)");

  // A host link outside the console navigates (the console takes over no link of the page).
  await page.getByTestId("host-billing").click();
  await expect(page).toHaveURL(/\/billing$/);
});

test("prefixed URL state: the host's query and hash survive every console action, and Back works", async ({ page, request }) => {
  const name = uniqueName("e2e-embed-url");
  const { accesskey } = await createKeyByApi(request, name);
  await openHost(page);
  const c = consoleIn(page);
  await waitForTable(c);
  expect(page.url()).toBe(`http://127.0.0.1:${PORT}${HOST}`);

  await c.getByRole("searchbox", { name: "Search keys by name or access key ID" }).fill(name);
  await expect(c.getByTestId("key-row")).toHaveCount(1);
  await expect.poll(() => new URL(page.url()).searchParams.get("keys.q")).toBe(name);
  expectHostUrl(page.url());

  await c.getByRole("button", { name: "Name", exact: true }).click();
  await expect.poll(() => new URL(page.url()).searchParams.get("keys.sort")).toBe("name");
  expectHostUrl(page.url());

  await c.getByRole("button", { name: `Actions for ${name}` }).click();
  await c.getByRole("menuitem", { name: "View details" }).click();
  await expect(c.getByRole("dialog", { name: `Access key ${name}` })).toBeVisible();
  await expect.poll(() => new URL(page.url()).searchParams.get("keys.key")).toBe(accesskey);
  expectHostUrl(page.url());
  await c.getByRole("button", { name: "Close" }).click();

  await c.getByRole("tab", { name: "Buckets" }).click();
  await expect.poll(() => new URL(page.url()).searchParams.get("keys.tab")).toBe("buckets");
  expectHostUrl(page.url());

  // Back and forward walk the console's own entries, the host's parts untouched.
  await page.goBack();
  await expect(c.getByRole("tab", { name: "Access Keys" })).toHaveAttribute("aria-selected", "true");
  await expect.poll(() => new URL(page.url()).searchParams.get("keys.tab")).toBeNull();
  expectHostUrl(page.url());
  await page.goForward();
  await expect(c.getByRole("tab", { name: "Buckets" })).toHaveAttribute("aria-selected", "true");
  expectHostUrl(page.url());
});

test("URL state none: the console never touches the URL or the history", async ({ page, request }) => {
  const name = uniqueName("e2e-embed-none");
  await createKeyByApi(request, name);
  await openHost(page, "/embed/?project=demo&manual#section-storage");
  await page.evaluate(() => (window as unknown as HostWindow).host.mount({ urlState: "none" }));
  const c = consoleIn(page);
  await waitForTable(c);
  const before = page.url();
  const length = await page.evaluate(() => history.length);

  await c.getByRole("searchbox", { name: "Search keys by name or access key ID" }).fill(name);
  await c.getByRole("button", { name: "Status", exact: true }).click();
  await c.getByRole("button", { name: `Actions for ${name}` }).click();
  await c.getByRole("menuitem", { name: "View details" }).click();
  await expect(c.getByRole("dialog", { name: `Access key ${name}` })).toBeVisible();
  await c.getByRole("button", { name: "Close" }).click();
  await c.getByRole("tab", { name: "Buckets" }).click();
  await c.getByLabel("Data centre").selectOption("inmumbaizone2");

  // In the other modes the address follows a change 100 ms later: wait past that.
  await page.waitForTimeout(400);
  expect(page.url()).toBe(before);
  expect(await page.evaluate(() => history.length)).toBe(length);
});

test("unmount empties the element and leaves no listener, timer, request or leave-page guard; mounting again works", async ({ page, context }) => {
  // Count the timers the page has pending, whoever made them.
  await page.addInitScript(() => {
    const w = window as unknown as { __timers: Set<number> };
    w.__timers = new Set();
    const [st, ct, si, ci] = [setTimeout, clearTimeout, setInterval, clearInterval];
    window.setTimeout = ((fn: (...a: unknown[]) => void, ms?: number, ...a: unknown[]) => {
      const id = st(
        (...x: unknown[]) => {
          w.__timers.delete(id);
          if (typeof fn === "function") fn(...x);
        },
        ms,
        ...a,
      ) as unknown as number;
      w.__timers.add(id);
      return id;
    }) as typeof setTimeout;
    window.clearTimeout = ((id: number) => {
      w.__timers.delete(id);
      ct(id);
    }) as typeof clearTimeout;
    window.setInterval = ((fn: () => void, ms?: number) => {
      const id = si(fn, ms) as unknown as number;
      w.__timers.add(id);
      return id;
    }) as typeof setInterval;
    window.clearInterval = ((id: number) => {
      w.__timers.delete(id);
      ci(id);
    }) as typeof clearInterval;
  });
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await openHost(page, "/embed/?project=demo&manual#section-storage");
  const cdp = await context.newCDPSession(page);
  const listeners = async () => {
    const counts: Record<string, number> = {};
    for (const target of ["window", "document", "document.getElementById('access-keys')"]) {
      const { result } = (await cdp.send("Runtime.evaluate", { expression: target })) as { result: { objectId: string } };
      const { listeners } = (await cdp.send("DOMDebugger.getEventListeners", { objectId: result.objectId })) as {
        listeners: { type: string }[];
      };
      for (const l of listeners) counts[`${target}:${l.type}`] = (counts[`${target}:${l.type}`] ?? 0) + 1;
    }
    return counts;
  };
  const pendingTimers = () => page.evaluate(() => (window as unknown as { __timers: Set<number> }).__timers.size);
  const without = await listeners();
  const timersWithout = await pendingTimers();

  await page.evaluate(() => (window as unknown as HostWindow).host.mount());
  const c = consoleIn(page);
  await waitForTable(c);
  // Use the console: a create with its reveal open (leave-page guard, copy timers), a download.
  await c.getByRole("button", { name: "+ Create Access Key" }).click();
  const d = c.getByRole("dialog", { name: "Create Access Key" });
  await d.getByLabel("Key Name").fill(uniqueName("e2e-unmount"));
  await d.getByRole("button", { name: "+ Create Key" }).click();
  await expect(d.getByTestId("reveal")).toBeVisible();
  await d.getByRole("button", { name: "Copy secret key" }).click();
  await expect(d.getByRole("button", { name: "Copy secret key" })).toContainText("Copied");
  const download = page.waitForEvent("download");
  await d.getByRole("button", { name: "More formats" }).click();
  await d.getByRole("button", { name: "Download .env" }).click();
  await download;
  expect(Object.keys(await listeners()).length, "the mounted console listens to the window").toBeGreaterThan(Object.keys(without).length);
  await d.getByRole("button", { name: "I have saved my secret key" }).click();
  await expect(d).toBeHidden();
  // The next create reloads the list: that request never answers, and is in flight when the console goes.
  let held = false;
  await page.route("**/v2/objectstorage/*/accesskeys", () => {
    held = true; // never answered
  });
  const failed = page.waitForEvent("requestfailed", (r) => r.url().endsWith("/accesskeys"));
  // The reveal is open again, so the leave-page guard is on when the console goes.
  await c.getByRole("button", { name: "+ Create Access Key" }).click();
  await d.getByLabel("Key Name").fill(uniqueName("e2e-unmount-2"));
  await d.getByRole("button", { name: "+ Create Key" }).click();
  await expect(d.getByTestId("reveal")).toBeVisible();
  await expect.poll(() => held).toBe(true);

  await page.evaluate(() => (window as unknown as HostWindow).host.unmount());
  expect(await page.evaluate(() => document.getElementById("access-keys")!.childNodes.length), "the element is empty").toBe(0);
  const outcome = await Promise.race([
    failed.then((r) => r.failure()?.errorText ?? ""),
    new Promise<string>((resolve) => setTimeout(() => resolve("still pending 2 s after unmount"), 2000)),
  ]);
  expect(outcome, "the request in flight is aborted at once").toContain("ABORTED");
  expect(await listeners(), "no listener of the console remains").toEqual(without);
  await expect.poll(pendingTimers, { message: "no timer of the console remains" }).toBe(timersWithout);
  expect(await page.evaluate(() => document.adoptedStyleSheets.length), "the stylesheet went with it").toBe(0);

  // No leave-page guard: a reload happens without a dialog.
  let asked = false;
  page.on("dialog", (dlg) => {
    asked = true;
    void dlg.dismiss();
  });
  await page.unroute("**/v2/objectstorage/*/accesskeys");
  await page.evaluate(() => (window as unknown as HostWindow).host.mount());
  await waitForTable(c);
  await page.evaluate(() => (window as unknown as HostWindow).host.unmount());
  await page.reload();
  await expect(page.locator("h1.host-title")).toBeVisible();
  expect(asked).toBe(false);
});

test("getToken is asked before requests, and once more after a 401 with one retry", async ({ page }) => {
  await openHost(page, "/embed/?project=demo&manual#section-storage", null);
  const seen: string[] = [];
  page.on("response", (r) => {
    if (r.url().includes("/v2/")) seen.push(`${new URL(r.url()).pathname} ${r.request().headers()["authorization"]} ${r.status()}`);
  });
  await page.evaluate((token) => {
    const w = window as unknown as HostWindow & { calls: number };
    w.calls = 0;
    // An expired session first, then a fresh token, as a Promise.
    w.host.mount({ urlState: "none", getToken: () => Promise.resolve(++w.calls === 1 ? "expired-token" : token) });
  }, TOKEN);
  const c = consoleIn(page);
  await waitForTable(c);
  await expect(c.getByTestId("load-error")).toHaveCount(0);
  // Exactly one request met the expired token; it was sent again, with the fresh one, and passed.
  const refused = seen.filter((s) => s.endsWith(" 401"));
  expect(refused).toHaveLength(1);
  expect(refused[0]).toContain("Bearer expired-token");
  const path = refused[0].split(" ")[0];
  expect(seen).toContain(`${path} Bearer ${TOKEN} 200`);
  // Asked once before every request sent (the list, its retry; no bucket list on this tab).
  expect(await page.evaluate(() => (window as unknown as { calls: number }).calls)).toBe(seen.length);
});

test("a refused session says so without server or browser jargon and raises utho-keys:unauthorized", async ({ page }) => {
  await openHost(page, "/embed/?project=demo&manual#section-storage", null);
  await recordEvents(page);
  const attempts: string[] = [];
  page.on("request", (r) => {
    if (r.url().endsWith(`/objectstorage/${DC}/accesskeys`)) attempts.push(r.headers()["authorization"] ?? "none");
  });
  await page.evaluate(() => (window as unknown as HostWindow).host.mount({ urlState: "none", getToken: () => "revoked-token" }));
  const c = consoleIn(page);
  const error = c.getByTestId("load-error");
  await expect(error).toContainText("The session or API token was refused");
  const text = await error.innerText();
  for (const jargon of ["--token", "KEYS_API_TOKEN", "link your server printed", "#token"]) expect(text).not.toContain(jargon);
  expect(attempts, "asked once more, retried once, then stopped").toEqual(["Bearer revoked-token", "Bearer revoked-token"]);
  await expect.poll(async () => (await events(page)).filter((e) => e.type === "utho-keys:unauthorized").length).toBeGreaterThan(0);
  const unauthorized = (await events(page)).find((e) => e.type === "utho-keys:unauthorized")!;
  expect(unauthorized.detail).toEqual({ dc: DC });
  expect([unauthorized.bubbles, unauthorized.composed]).toEqual([true, true]);

  // A failed connection says the server could not be reached, and what to do; no exception names.
  await page.route("**/v2/**", (route) => route.abort("connectionrefused"));
  await page.evaluate(() => (window as unknown as HostWindow).host.mount({ urlState: "none", token: "x" }));
  await expect(error).toContainText("The API server could not be reached. Check your network connection, then try again.");
  const network = await error.innerText();
  for (const jargon of ["TypeError", "Failed to fetch", "NetworkError"]) expect(network).not.toContain(jargon);
});

test("a request that never answers times out with a message, keeps what was typed, and Retry recovers", async ({ page }) => {
  let hang = true;
  await page.route("**/v2/**", async (route) => {
    if (hang) return; // never fulfilled: the console's own timeout must fire
    await route.continue();
  });
  await openHost(page, "/embed/?project=demo&manual#section-storage");
  await page.evaluate(() => (window as unknown as HostWindow).host.mount({ timeoutSecs: 1 }));
  const c = consoleIn(page);
  const error = c.getByTestId("load-error");
  await expect(error).toContainText("The API did not answer within 1 seconds. Try again.");

  await c.getByRole("button", { name: "+ Create Access Key" }).click();
  const d = c.getByRole("dialog", { name: "Create Access Key" });
  const name = uniqueName("e2e-timeout");
  await d.getByLabel("Key Name").fill(name);
  await d.getByRole("button", { name: "+ Create Key" }).click();
  await expect(d.getByTestId("create-error")).toContainText("did not answer within 1 seconds");
  await expect(d.getByTestId("create-error")).toContainText("The key may have been created anyway");
  await expect(d.getByLabel("Key Name")).toHaveAttribute("aria-invalid", "false");
  await expect(d.getByLabel("Key Name")).toHaveValue(name);
  await d.getByRole("button", { name: "Close" }).click();

  hang = false;
  await error.getByRole("button", { name: "Retry" }).click();
  await expect(error).toBeHidden();
  await waitForTable(c);
});

test("events tell the host about creates, status changes, permissions and deletes, and never carry a secret", async ({ page, context, request }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await openHost(page);
  await recordEvents(page);
  const c = consoleIn(page);
  await waitForTable(c);
  const name = uniqueName("e2e-events");

  await c.getByRole("button", { name: "+ Create Access Key" }).click();
  const d = c.getByRole("dialog", { name: "Create Access Key" });
  await d.getByLabel("Key Name").fill(name);
  await d.getByRole("button", { name: "+ Create Key" }).click();
  await d.getByRole("button", { name: "Show secret" }).click();
  const secret = (await d.getByTestId("reveal-secret-key").innerText()).trim();
  expect(secret).toMatch(/^[A-Za-z0-9]{36}$/);
  const accesskey = (await d.getByTestId("reveal-access-key").innerText()).trim();
  await d.getByRole("button", { name: "Copy secret key" }).click();
  await expect(d.getByRole("button", { name: "Copy secret key" })).toContainText("Copied");
  await d.getByRole("button", { name: "I have saved my secret key" }).click();

  await c.getByRole("searchbox", { name: "Search keys by name or access key ID" }).fill(name);
  await c.getByRole("button", { name: `Actions for ${name}` }).click();
  await c.getByRole("menuitem", { name: "Suspend" }).click();
  await expect(c.getByTestId("key-status")).toHaveText("Suspended");
  await c.getByRole("button", { name: `Actions for ${name}` }).click();
  await c.getByRole("menuitem", { name: "Activate" }).click();
  await expect(c.getByTestId("key-status")).toHaveText("Active");
  await c.getByRole("button", { name: `Actions for ${name}` }).click();
  await c.getByRole("menuitem", { name: "View details" }).click();
  const details = c.getByRole("dialog", { name: `Access key ${name}` });
  await details.getByRole("combobox", { name: "Permission on media-archive" }).selectOption("write");
  await details.getByRole("button", { name: "Save permission on media-archive" }).click();
  await expect(details.getByTestId("perm-status-media-archive")).toHaveText("Saved");
  await details.getByRole("button", { name: "Close" }).click();
  await c.getByRole("button", { name: `Actions for ${name}` }).click();
  await c.getByRole("menuitem", { name: "Delete" }).click();
  const del = c.getByRole("dialog", { name: `Delete access key ${name}?` });
  await del.getByRole("textbox").fill(name);
  await del.getByRole("button", { name: "Delete key" }).click();
  await expect(del).toBeHidden();
  await expect.poll(async () => (await events(page)).length).toBe(5);

  const seen = await events(page);
  expect(seen.map((e) => [e.type, e.detail])).toEqual([
    ["utho-keys:created", { dc: DC, name, accesskey }],
    ["utho-keys:status-changed", { dc: DC, name, accesskey, status: "Suspended" }],
    ["utho-keys:status-changed", { dc: DC, name, accesskey, status: "Active" }],
    ["utho-keys:permission-changed", { dc: DC, bucket: "media-archive", accesskey, permission: "write" }],
    ["utho-keys:deleted", { dc: DC, name, accesskey }],
  ]);
  expect(seen.every((e) => e.bubbles && e.composed)).toBe(true);
  expect(JSON.stringify(seen), "no event carries the secret").not.toContain(secret);
  expect(await page.locator("#host-events").innerText()).not.toContain(secret);
  expect((await listKeys(request)).some((k) => k.accesskey === accesskey)).toBe(false);
});

test("the host page looks the same with and without the console, and the console keeps its look under hostile CSS", async ({ page }) => {
  await openHost(page, "/embed/?project=demo&manual#section-storage");
  const hostStyles = () =>
    page.evaluate(() => {
      const props = ["color", "backgroundColor", "fontFamily", "fontSize", "padding", "margin", "border", "boxSizing", "display"];
      const pick = (sel: string) => {
        const s = getComputedStyle(document.querySelector(sel)!);
        return props.map((p) => s[p as keyof CSSStyleDeclaration]).join("|");
      };
      return [".host-header", ".host-sidebar a", "h1.host-title", "p.host-text", ".host-table td", ".host-button", "body", "html"].map(pick);
    });
  const before = await hostStyles();
  await page.evaluate(() => (window as unknown as HostWindow).host.mount());
  const c = consoleIn(page);
  await waitForTable(c);
  await c.getByRole("button", { name: "+ Create Access Key" }).click();
  await expect(c.getByRole("dialog", { name: "Create Access Key" })).toBeVisible();
  expect(await hostStyles(), "host elements are untouched by the console").toEqual(before);

  // The hostile host rules (button{background:red}, td{padding:30px}, *{box-sizing:content-box},
  // p{margin:40px 0}, h1{font-family:Georgia}) do not reach the console's own elements.
  const style = (l: Locator, p: string) => l.evaluate((e, prop) => getComputedStyle(e).getPropertyValue(prop), p);
  const primary = c.getByRole("dialog").getByRole("button", { name: "+ Create Key" });
  expect(await style(primary, "background-color")).toBe("rgb(0, 100, 159)");
  expect(await style(primary, "box-sizing")).toBe("border-box");
  expect(await style(c.getByRole("heading", { name: "Object Storage", level: 1 }), "font-family")).not.toContain("Georgia");
  expect(await style(c.locator(".uk-page-header__sub"), "margin-top")).toBe("0px");
});

test("<utho-access-keys>: shadow root with its own CSS, attributes and properties, two data centres side by side", async ({ page }) => {
  await openHost(page, "/embed/element.html");
  const noida = page.locator("#noida");
  const mumbai = page.locator("#mumbai");
  await expect(noida.getByLabel("Data centre")).toHaveValue("innoida");
  await expect(mumbai.getByLabel("Data centre")).toHaveValue("inmumbaizone2");
  const shape = await page.evaluate(() => {
    const el = document.getElementById("noida")!;
    return {
      shadow: el.shadowRoot?.mode,
      consoleInShadow: !!el.shadowRoot?.querySelector(".utho-keys"),
      consoleInLightDom: document.querySelectorAll(".utho-keys").length,
      sheetsInShadow: el.shadowRoot?.adoptedStyleSheets.length,
      sheetsInDocument: document.adoptedStyleSheets.length,
      tokenAttribute: el.getAttribute("token"),
    };
  });
  expect(shape).toEqual({ shadow: "open", consoleInShadow: true, consoleInLightDom: 0, sheetsInShadow: 1, sheetsInDocument: 0, tokenAttribute: null });
  // Hostile host CSS cannot reach into the shadow root.
  const createBtn = noida.getByRole("button", { name: "+ Create Access Key" });
  expect(await createBtn.evaluate((e) => getComputedStyle(e).backgroundColor)).toBe("rgb(0, 100, 159)");
  // The palette is themable from outside through the --uk-* custom properties.
  await page.evaluate(() => document.getElementById("noida")!.style.setProperty("--uk-primary-dark", "rgb(10, 120, 40)"));
  expect(await createBtn.evaluate((e) => getComputedStyle(e).backgroundColor)).toBe("rgb(10, 120, 40)");

  // A key made in one data centre shows in that console only.
  await recordEvents(page);
  const name = uniqueName("e2e-element");
  await mumbai.getByRole("button", { name: "+ Create Access Key" }).click();
  const d = mumbai.getByRole("dialog", { name: "Create Access Key" });
  await d.getByLabel("Key Name").fill(name);
  await d.getByRole("button", { name: "+ Create Key" }).click();
  await expect(d.getByTestId("reveal")).toBeVisible();
  await d.getByRole("button", { name: "I have saved my secret key" }).click();
  await d.getByRole("button", { name: "Close anyway" }).click();
  await expect(mumbai.getByTestId("key-row").filter({ hasText: name })).toHaveCount(1);
  await expect(noida.getByTestId("key-row").filter({ hasText: name })).toHaveCount(0);
  expect((await events(page)).map((e) => [e.type, e.detail.dc])).toEqual([["utho-keys:created", "inmumbaizone2"]]);

  // Changing the dc attribute switches the data centre; removing the element unmounts it.
  await page.evaluate(() => document.getElementById("mumbai")!.setAttribute("dc", "innoida"));
  await expect(mumbai.getByLabel("Data centre")).toHaveValue("innoida");
  await page.evaluate(() => document.getElementById("mumbai")!.remove());
  expect(await page.evaluate(() => document.querySelectorAll("utho-access-keys").length)).toBe(1);
  await expect(noida.getByRole("heading", { name: "Object Storage" })).toBeVisible();
  // Put back, it mounts again.
  await page.evaluate((tokenKey) => {
    const el = document.createElement("utho-access-keys");
    el.id = "again";
    el.setAttribute("dc", "inmumbaizone2");
    el.setAttribute("url-state", "none");
    (el as unknown as { token: string }).token = sessionStorage.getItem(tokenKey)!;
    document.querySelector("main")!.append(el);
  }, TOKEN_STORAGE_KEY);
  await expect(page.locator("#again").getByTestId("key-row").filter({ hasText: name })).toHaveCount(1);
});

test("<utho-access-keys>: dialogs, focus trap, menu, announcements, copy and downloads work inside the shadow root", async ({ page, context, request }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const name = uniqueName("e2e-shadow");
  const { accesskey } = await createKeyByApi(request, name);
  await grant(request, "media-archive", "read", accesskey);
  await openHost(page, "/embed/element.html");
  const noida = page.locator("#noida");
  await expect(noida.getByTestId("key-row").first()).toBeVisible();
  const deepActive = () =>
    page.evaluate(() => {
      let a: Element | null = document.activeElement;
      while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
      return a ? `${a.tagName}:${a.getAttribute("aria-label") ?? a.textContent?.trim().slice(0, 30)}` : "";
    });

  // The row menu with the keyboard.
  await noida.getByRole("searchbox", { name: "Search keys by name or access key ID" }).fill(name);
  const actions = noida.getByRole("button", { name: `Actions for ${name}` });
  await actions.focus();
  await page.keyboard.press("ArrowDown");
  await expect(noida.getByRole("menu", { name: `Actions for ${name}` })).toBeVisible();
  await expect.poll(deepActive).toBe("BUTTON:View details");
  await page.keyboard.press("ArrowDown");
  await expect.poll(deepActive).toBe("BUTTON:Suspend");
  await page.keyboard.press("Escape");
  await expect.poll(deepActive).toBe(`BUTTON:Actions for ${name}`);

  // The create drawer: focus moves in, Tab stays inside, the reveal's copy and download work.
  await noida.getByRole("button", { name: "+ Create Access Key" }).click();
  const d = noida.getByRole("dialog", { name: "Create Access Key" });
  await expect.poll(deepActive).toBe("INPUT:");
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press("Tab");
    expect(await d.evaluate((el) => {
      let a: Element | null = document.activeElement;
      while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
      return el.contains(a);
    })).toBe(true);
  }
  await d.getByLabel("Key Name").fill(uniqueName("e2e-shadow-new"));
  await d.getByRole("button", { name: "+ Create Key" }).click();
  await expect(d.getByTestId("reveal")).toBeVisible();
  await expect(noida.getByTestId("announce-polite")).toContainText("created");
  await d.getByRole("button", { name: "Copy secret key" }).click();
  await expect(d.getByRole("button", { name: "Copy secret key" })).toContainText("Copied");
  await d.getByRole("button", { name: "Show secret" }).click();
  const secret = (await d.getByTestId("reveal-secret-key").innerText()).trim();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
  const download = page.waitForEvent("download");
  await d.getByRole("button", { name: "More formats" }).click();
  await d.getByRole("button", { name: "Download .env" }).click();
  expect((await download).suggestedFilename()).toMatch(/\.env$/);
  await page.keyboard.press("Escape");
  await expect(d).toBeVisible();
  await d.getByRole("button", { name: "I have saved my secret key" }).click();
  await expect(d).toBeHidden();
  await expect.poll(deepActive, { message: "focus returns to the button that opened the drawer" }).toBe("BUTTON:+ Create Access Key");

  // The details dialog and its permission editor.
  await noida.getByRole("button", { name: `Actions for ${name}` }).click();
  await noida.getByRole("menuitem", { name: "View details" }).click();
  const details = noida.getByRole("dialog", { name: `Access key ${name}` });
  await details.getByRole("combobox", { name: "Permission on web-assets" }).selectOption("full");
  await details.getByRole("button", { name: "Save permission on web-assets" }).click();
  await expect(details.getByTestId("perm-status-web-assets")).toHaveText("Saved");
  expect(await bucketPermissions(request, accesskey)).toEqual({ "media-archive": "read", "web-assets": "full" });
});

test("two mountConsole consoles in one document get distinct ids and work independently", async ({ page }) => {
  await openHost(page);
  const first = consoleIn(page);
  await waitForTable(first);
  await page.evaluate((tokenKey) => {
    const w = window as unknown as HostWindow;
    const box = document.createElement("section");
    box.id = "second";
    document.querySelector("main")!.append(box);
    (window as unknown as { second: unknown }).second = w.host.mountConsole(box, {
      apiBase: "/v2/",
      dc: "inmumbaizone2",
      urlState: "none",
      token: sessionStorage.getItem(tokenKey),
    });
  }, TOKEN_STORAGE_KEY);
  const second = page.locator("#second");
  await expect(second.getByLabel("Data centre")).toHaveValue("inmumbaizone2");
  const duplicates = await page.evaluate(() => {
    const ids = [...document.querySelectorAll("[id]")].map((e) => e.id);
    return ids.filter((id, i) => ids.indexOf(id) !== i);
  });
  expect(duplicates).toEqual([]);
  // Each console's tabs work on their own.
  await second.getByRole("tab", { name: "Buckets" }).click();
  await expect(second.getByTestId("buckets-table")).toBeVisible();
  await expect(first.getByRole("tab", { name: "Access Keys" })).toHaveAttribute("aria-selected", "true");
  await second.getByRole("button", { name: "+ Create Access Key" }).click();
  await expect(second.getByRole("dialog", { name: "Create Access Key" })).toBeVisible();
  await expect(first.getByRole("dialog")).toHaveCount(0);
});
