// Starts the console's own page (index.html). scripts/post-build.mjs bundles it with the console's
// module (esbuild) into the page's one inline script; hosts that embed the console never run it.
//
// - The API token comes in the address (`#token=…`, the link the server prints). It leaves the
//   address bar here, before the console loads, and is kept in sessionStorage for this tab (a reload
//   keeps working), or in memory when the browser refuses storage. If the console cannot load, the
//   page says so, and the token is out of the address all the same.
// - The key list of the page's data centre is asked for now, while the wasm loads, and handed to the
//   console with the token it went out with. The console uses it only if it is the list it would ask
//   for (same URL; otherwise it aborts it and asks itself). Read by the time the console starts, the
//   page is built once, with its rows.
import init, { startPage } from "keys-console";

// tests/e2e/helpers.ts names it too.
const TOKEN_KEY = "utho-keys-console.api-token";
const el = document.querySelector("[data-utho-keys-console]");
const token = el && pageToken(el);
const early = el && earlyList(el, token);
// The page waits for its list (100 ms at most) once the wasm is ready, so that it is built once, with
// its rows. __WASM_URL__: the hashed wasm, filled in by the build.
const listed = early && Promise.race([early.answer.catch(() => {}), new Promise((r) => setTimeout(r, 100))]);
init({ module_or_path: __WASM_URL__ })
  .then(() => listed)
  .then(
    () => el && startPage(el, token ?? undefined, early ?? undefined),
    () => el?.replaceChildren(...failed()),
  );

/** The key list of `data-dc` under `data-api-base` (src/api/early.rs reads what this returns). */
function earlyList(el, token) {
  const dc = el.getAttribute("data-dc");
  if (!dc) return null;
  let base = el.getAttribute("data-api-base") || "/v2/";
  if (!base.endsWith("/")) base += "/";
  const url = `${base}objectstorage/${encodeURIComponent(dc)}/accesskeys`;
  const controller = new AbortController();
  const headers = token ? { Authorization: `Bearer ${token}` } : {};
  const answer = fetch(url, { headers, signal: controller.signal }).then(async (r) => ({ status: r.status, body: await r.arrayBuffer() }));
  const list = { url, controller, answer, read: undefined };
  answer.then((read) => (list.read = read), () => {});
  return list;
}

/** `data-token` on the mount element, else `#token=…` (taken out of the address), else this tab's. */
function pageToken(el) {
  const given = el.getAttribute("data-token");
  if (given) return given;
  const part = location.hash.replace(/^#+/, "").split("&").find((p) => p.startsWith("token="));
  const fromAddress = part?.slice("token=".length);
  if (fromAddress) {
    history.replaceState(null, "", location.pathname + location.search);
    try {
      sessionStorage.setItem(TOKEN_KEY, fromAddress);
    } catch {
      // Storage refused: the token lives in this page's memory only.
    }
    return fromAddress;
  }
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

/** What the page says when the console's files do not arrive or do not start. */
function failed() {
  const h1 = document.createElement("h1");
  h1.className = "uk-standalone__title";
  h1.textContent = "Object Storage";
  const p = document.createElement("p");
  p.className = "uk-standalone__failed";
  p.setAttribute("role", "alert");
  p.textContent = "The access-key console could not load. Check your connection, then reload the page.";
  return [h1, p];
}
